"""How long a reader can see a mix of old and new pages: the commit pass of an update.

An update renders every changed page first and writes nothing to the published files until all
of them have rendered; then one pass renames the staged files over their targets. Between the
first rename and the last, a reader may see some pages new and some old. This measures that
pass (`OutputWriter.commit`: from the update marker's creation, through the renames, to the new
manifest) on the benchmark corpus, for a one-post edit and for a change that touches every page.

Usage: python tools/bench/commit_window.py [--posts 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from corpus import generate
from sites import write_sites

from octavo import Builder, OutputWriter


@contextmanager
def timed_commits(into: list[float]) -> Iterator[None]:
    """Record the seconds each `OutputWriter.commit` of an update takes."""
    original = OutputWriter.commit

    def commit(self: OutputWriter, files: object, changed: object) -> None:
        started = time.perf_counter()
        original(self, files, changed)  # type: ignore[arg-type]
        if not self.fresh:
            into.append(time.perf_counter() - started)

    OutputWriter.commit = commit  # type: ignore[method-assign]
    try:
        yield
    finally:
        OutputWriter.commit = original  # type: ignore[method-assign]


def edit_one_post(site: Path, round_number: int) -> None:
    post = sorted((site / "content").rglob("*.md"))[0]
    post.write_text(post.read_text() + f"\nEdit {round_number}.\n")


def retitle(site: Path, round_number: int) -> None:
    config = site / "octavo.toml"
    lines = [line for line in config.read_text().splitlines() if not line.startswith("title")]
    config.write_text(f'title = "Window {round_number}"\n' + "\n".join(lines) + "\n")


def measure(site: Path, change: Callable[[Path, int], None], repeat: int) -> list[float]:
    seconds: list[float] = []
    with timed_commits(seconds):
        for round_number in range(repeat):
            change(site, round_number)
            report = Builder(site).build()
            assert report.ok, report.errors
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="octavo-window-"))
    try:
        write_sites(generate(args.posts), work)
        site = work / "octavo"
        assert Builder(site).build().ok
        for name, change in (("one-post edit", edit_one_post), ("every page", retitle)):
            seconds = measure(site, change, args.repeat)
            print(
                f"{args.posts} posts, {name}: commit pass median "
                f"{statistics.median(seconds) * 1000:.1f} ms, max {max(seconds) * 1000:.1f} ms "
                f"({len(seconds)} builds)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
