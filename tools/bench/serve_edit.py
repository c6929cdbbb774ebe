"""The writing loop at scale: from saving a post to the reload event of `octavo serve`.

Usage: python tools/bench/serve_edit.py [--posts 10000] [--rounds 10]

The benchmark corpus (`corpus.py`) is written to a temporary folder and served in writing mode
(`python -m octavo serve SITE -o OUT` on a free port). Once the first build is served, a client
listens to `/_octavo/events`, as an open page's reload script does. Each round appends a sentence
to one post (a different one each round) and times from just before the file is written to the
arrival of the next build event, the one that reloads the page: the watcher's settling time,
the rebuild and the event together. At the end the output is compared with a clean build of the
same files (`octavo build --drafts --no-cache --no-search`: the preview includes drafts and,
without `--search`, no search index): every byte must be the same. It prints the median,
fastest and slowest round.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tools" / "bench" / "corpus.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listen(port: int, events: queue.Queue[tuple[float, int]]) -> None:
    """Reads the server's build events, putting (arrival time, build number) on `events`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=None)
    connection.request("GET", "/_octavo/events")
    response = connection.getresponse()
    for raw in response:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("data: "):
            state = json.loads(line[len("data: ") :])
            events.put((time.monotonic(), int(state["build"])))


def wait_until_served(port: int, process: subprocess.Popen[bytes], seconds: float) -> None:
    """Waits until the server answers its home page (its first build is done)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("octavo serve stopped before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"octavo serve did not answer within {seconds:.0f} s")


def next_build(events: queue.Queue[tuple[float, int]], after: int, seconds: float) -> float:
    """Returns the arrival time of the first build event numbered above `after`."""
    deadline = time.monotonic() + seconds
    while True:
        arrived, build = events.get(timeout=max(0.01, deadline - time.monotonic()))
        if build > after:
            return arrived


def clean_build_differences(site: Path, served: Path, scratch: Path) -> list[str]:
    """Builds the site from nothing, drafts included, and lists what differs from `served`."""
    from octavo.verify import tree_differences

    clean = scratch / "clean"
    command = [sys.executable, "-m", "octavo", "build", str(site), "-o", str(clean)]
    subprocess.run(
        [*command, "--drafts", "--no-cache", "--no-search"], check=True, capture_output=True
    )
    return tree_differences(served, clean)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="octavo-serve-edit-"))
    try:
        subprocess.run(
            [sys.executable, str(CORPUS), "--posts", str(args.posts), "--out", str(scratch)],
            check=True,
            capture_output=True,
        )
        site, output = scratch / "octavo", scratch / "served"
        posts = sorted((site / "content").rglob("*.md"))
        port = free_port()
        log = (scratch / "serve.log").open("w")
        command = [sys.executable, "-m", "octavo", "serve", str(site), "--port", str(port)]
        started = time.monotonic()
        server = subprocess.Popen(
            [*command, "-o", str(output)], stdout=log, stderr=subprocess.STDOUT, env=os.environ
        )
        try:
            wait_until_served(port, server, seconds=600)
            first = time.monotonic() - started
            events: queue.Queue[tuple[float, int]] = queue.Queue()
            threading.Thread(target=listen, args=(port, events), daemon=True).start()
            _, build = events.get(timeout=30)  # the state on connecting: the first build
            times = []
            for number in range(args.rounds):
                post = posts[(len(posts) // 2 + number * 997) % len(posts)]
                text = post.read_text("utf-8")
                saved = time.monotonic()
                post.write_text(f"{text}\nEdited in round {number}.\n", "utf-8")
                arrived = next_build(events, build, seconds=120)
                build += 1
                times.append(arrived - saved)
                time.sleep(0.3)  # let the watcher go quiet before the next save
            differences = clean_build_differences(site, output, scratch)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        print(f"octavo serve, {args.posts} posts: first build served after {first:.1f} s")
        print(
            f"edit to reload event, {args.rounds} rounds: median {statistics.median(times):.3f} s,"
            f" fastest {min(times):.3f} s, slowest {max(times):.3f} s"
        )
        if differences:
            print(f"the output DIFFERS from a clean build in {len(differences)} files:")
            print("\n".join(f"  {line}" for line in differences[:20]))
            return 1
        print("the output equals a clean build of the same files, byte for byte")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
