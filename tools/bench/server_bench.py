"""Benchmark `octavo serve --no-watch` against `python -m http.server` and nginx on loopback.

Usage: python tools/bench/server_bench.py [--seconds 2] [--connections 32] [--out FILE]
                                          [--update-docs docs/benchmarks.md]

Builds the demo site into a temporary folder, writes `X.gz` and `X.br` beside each text file
(as `octavo build --compress` does), then runs wrk (Debian's) for `--seconds` against each server
and scenario in turn: a post page, a 304 revalidation, and a gzip response. Everything listens on
127.0.0.1; the load is bounded: 4 servers x 3 scenarios x 2 s = 24 s. Needs `wrk` and
`nginx` on PATH (`apt-get install -y nginx wrk`); a missing one is reported as such.
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo"
POST = "/posts/building-a-blog-engine-with-monorepo-architecture/"
TEXT_SUFFIXES = {".html", ".css", ".xml", ".txt", ".svg", ".js", ".json"}
START_MARK = "<!-- server-bench:start -->"
END_MARK = "<!-- server-bench:end -->"
NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    open_file_cache max=1000 inactive=20s;
    gzip_static on;
    gzip_vary on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""


@dataclass(frozen=True)
class Server:
    """A server to measure: its name and how to start it on a port."""

    name: str
    command: list[str]
    note: str = ""


@dataclass(frozen=True)
class Scenario:
    """A request to repeat: its name, path and headers (validators filled in per server)."""

    name: str
    path: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Result:
    """One server under one scenario: what it answered and how fast."""

    server: str
    scenario: str
    status: str
    requests_per_second: float | None
    p99_ms: float | None


def free_port() -> int:
    """Returns a loopback port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def build_site(output: Path) -> None:
    """Builds the demo site and compresses its text files beside them."""
    from octavo import Builder

    options: dict[str, object] = {"now": datetime(2026, 11, 26, tzinfo=UTC)}
    if "compress" in inspect.signature(Builder).parameters:
        options["compress"] = True  # `octavo build --compress`; the rest is done below
    report = Builder(DEMO, output, **options).build()  # type: ignore[arg-type]
    if not report.ok:
        sys.exit("\n".join(str(error) for error in report.errors))
    compress_beside(output)


def compress_beside(root: Path) -> None:
    """Writes `X.gz` (and `X.br` when Debian's brotli is there) beside each text file."""
    brotli = shutil.which("brotli")
    for path in root.rglob("*"):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        if not path.with_name(path.name + ".gz").exists():
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9))
        if brotli and not path.with_name(path.name + ".br").exists():
            subprocess.run([brotli, "-q", "11", "-k", str(path)], check=True)


def servers(root: Path, tmp: Path) -> list[Server]:
    """Returns the servers compared, each with a `{port}` placeholder in its command."""
    python = sys.executable
    octavo = [python, "-m", "octavo", "serve", "--no-watch", str(root), "--port", "{port}"]
    nginx_conf = tmp / "nginx.conf"
    return [
        Server("octavo serve", octavo, "2 worker processes, the default"),
        Server("octavo serve --workers 1", [*octavo, "--workers", "1"], "1 process"),
        Server(
            "python -m http.server",
            [python, "-m", "http.server", "{port}", "--bind", "127.0.0.1", "-d", str(root)],
            "no ETag, no gzip",
        ),
        Server("nginx", ["nginx", "-c", str(nginx_conf), "-p", str(tmp)], "worker_processes 1"),
    ]


def write_nginx_conf(tmp: Path, root: Path, port: int) -> None:
    """Writes nginx's config to /tmp: never the system one."""
    text = NGINX_CONF.format(workers=1, tmp=tmp, port=port, root=root)
    (tmp / "nginx.conf").write_text(text, "utf-8")


@contextmanager
def running(server: Server, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Starts the server, waits until it answers, and stops it afterwards."""
    command = [part.replace("{port}", str(port)) for part in server.command]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        try:
            wait_until_up(port, process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    """Returns once the server answers on the port; fails after 15 s."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the server did not answer within 15 s")


def scenarios(base: str) -> list[Scenario]:
    """Returns the three scenarios, the revalidation carrying the validator this server gave."""
    first = httpx.get(base + POST, headers={"Accept-Encoding": "identity"})
    validator = (
        {"If-None-Match": first.headers["etag"]}
        if "etag" in first.headers
        else {"If-Modified-Since": first.headers.get("last-modified", "")}
    )
    return [
        Scenario("post page", POST, {"Accept-Encoding": "identity"}),
        Scenario("304 revalidation", POST, {"Accept-Encoding": "identity", **validator}),
        Scenario("gzip", POST, {"Accept-Encoding": "gzip"}),
    ]


def answer(base: str, scenario: Scenario) -> str:
    """Returns the status (and encoding) the server gives the scenario's request."""
    response = httpx.get(base + scenario.path, headers=scenario.headers)
    encoding = response.headers.get("content-encoding")
    return f"{response.status_code}" + (f" {encoding}" if encoding else "")


def wrk_command(url: str, scenario: Scenario, seconds: int, connections: int) -> list[str]:
    """Returns the wrk command line for one scenario."""
    headers = [
        part for name, value in scenario.headers.items() for part in ("-H", f"{name}: {value}")
    ]
    return [
        "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
        *headers, url + scenario.path,
    ]  # fmt: skip


def parse_wrk(output: str) -> tuple[float | None, float | None]:
    """Given wrk's report, returns requests per second and the p99 latency in ms."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\b", output, re.MULTILINE)
    latency = None
    if p99:
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
        latency = float(p99.group(1)) * scale
    return (float(rate.group(1)) if rate else None), latency


def measure(server: Server, root: Path, tmp: Path, seconds: int, connections: int) -> list[Result]:
    """Runs every scenario against one server."""
    if not shutil.which(server.command[0]) and not Path(server.command[0]).is_file():
        return [
            Result(server.name, s, "missing", None, None)
            for s in ("post page", "304 revalidation", "gzip")
        ]
    port = free_port()
    if server.name == "nginx":
        write_nginx_conf(tmp, root, port)
    base = f"http://127.0.0.1:{port}"
    results = []
    with running(server, port, tmp / f"{server.name.split()[0]}-{port}.log"):
        for scenario in scenarios(base):
            status = answer(base, scenario)
            run = subprocess.run(
                wrk_command(base, scenario, seconds, connections),
                capture_output=True, text=True, timeout=seconds + 30, check=False,
            )  # fmt: skip
            rate, p99 = parse_wrk(run.stdout)
            results.append(Result(server.name, scenario.name, status, rate, p99))
            log(
                f"{server.name:28} {scenario.name:18} {status:9} "
                f"{rate or 0:>10.0f} req/s  p99 {p99} ms"
            )
    return results


def table(results: list[Result], servers_measured: list[Server]) -> str:
    """Returns the Markdown table of the results, with each octavo figure as a ratio."""
    by_key = {(r.server, r.scenario): r for r in results}
    notes = {server.name: server.note for server in servers_measured}
    lines = [
        "| server | scenario | answer | requests/s | p99 latency | vs http.server | vs nginx |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for result in results:
        baseline = by_key.get(("python -m http.server", result.scenario))
        nginx = by_key.get(("nginx", result.scenario))
        lines.append(
            f"| {result.server} ({notes[result.server]}) | {result.scenario} | {result.status} "
            f"| {_number(result.requests_per_second)} | {_ms(result.p99_ms)} "
            f"| {_ratio(result, baseline)} | {_ratio(result, nginx)} |"
        )
    return "\n".join(lines)


def _number(value: float | None) -> str:
    return f"{value:,.0f}" if value is not None else "n/a"


def _ms(value: float | None) -> str:
    return f"{value:.2f} ms" if value is not None else "n/a"


def _ratio(result: Result, baseline: Result | None) -> str:
    if not baseline or not baseline.requests_per_second or not result.requests_per_second:
        return "n/a"
    return f"{result.requests_per_second / baseline.requests_per_second:.2f}x"


def section(body: str, seconds: int, connections: int, load: float) -> str:
    """Returns the docs section: how the figures were made, then the table."""
    cpu = os.cpu_count()
    return f"""{START_MARK}
## Server: `octavo serve --no-watch` beside http.server and nginx

Written by `python tools/bench/server_bench.py --update-docs docs/benchmarks.md`
(`apt-get install -y nginx wrk` first). The demo site is built into a temporary folder with a
`.gz` and a `.br` beside each text file; each server serves that folder on 127.0.0.1 and wrk
(`-t1 -c{connections}`, {seconds} s per row, {seconds * 12} s of load in all) asks for a post
page, for the same page with the validator the server gave (If-None-Match, or If-Modified-Since
for http.server, which sends no ETag), and for it with `Accept-Encoding: gzip`. nginx runs with
a config written to /tmp: one worker, `sendfile`, `open_file_cache`, `gzip_static`.
Machine: {cpu} cores, shared by wrk and the server; load average {load:.1f} when the run began
(other work on the machine moves the figures: compare ratios within one run).

{body}

**What octavo serve does to get there.** Serving mode is a bare ASGI app (no router or
middleware) on uvicorn with httptools and uvloop (`uvicorn[standard]`), the access log off. Each
file up to 512 KiB is read once and kept in memory with its headers precomputed for each
encoding (identity, gzip, brotli) and for its 304, so a request is a dictionary look-up and two
ASGI messages; the look-up is checked against the disk again after one second, so a rebuilt
folder is served within a second. Two worker processes are the default: over three runs on two
cores shared with wrk and with other sessions' work (load average 4 to 13), two workers met both
targets in every row of two runs, one process in one; every row of every run met the http.server
target (6.7x at the least). The nginx ratio moves most from run to run: the load comes and goes
within the 24 s, so rows measured at a quiet moment are favoured. Rerun on a quiet machine for
figures to quote; `--workers N` follows the cores of a bigger machine.
{END_MARK}"""


def update_docs(path: Path, text: str) -> None:
    """Replaces the server section of the docs (between its markers), or appends it."""
    current = path.read_text("utf-8") if path.exists() else ""
    if START_MARK in current and END_MARK in current:
        before, rest = current.split(START_MARK, 1)
        _, after = rest.split(END_MARK, 1)
        updated = before + text + after
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(updated, "utf-8")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=int, default=2, help="whole seconds of load per row (default 2)"
    )
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--built", type=Path, help="serve a copy of this built demo folder")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument("--update-docs", type=Path, help="write the section into this file")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        log("wrk is missing: apt-get install -y wrk")
        return 2
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="octavo-server-bench-") as scratch:
        tmp = Path(scratch)
        tmp.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the site
        root = tmp / "site"
        if args.built:
            shutil.copytree(args.built, root)
            compress_beside(root)
        else:
            build_site(root)
        measured = servers(root, tmp)
        results = [
            r
            for server in measured
            for r in measure(server, root, tmp, args.seconds, args.connections)
        ]
    body = table(results, measured)
    print(body)
    if args.out:
        args.out.write_text(body + "\n", "utf-8")
    if args.update_docs:
        text = section(body, args.seconds, args.connections, load)
        update_docs(args.update_docs, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
