"""Runs one build as a child process: wall time, peak RSS and the number of files it wrote."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# (inode, mtime in ns, size): a file counts as written when any of them changed. The inode catches a
# build that swaps in a fresh folder (Octavo's writer does) even when the bytes are the same.
Stamp = tuple[int, int, int]


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_rss_kib: int
    files_written: int
    ok: bool
    detail: str = ""


def run_build(argv: Sequence[str], out: Path, log: Path, timeout: float) -> Sample:
    before = snapshot(out)
    seconds, status, peak = _run(argv, log, timeout)
    written = _changed(before, snapshot(out))
    if status != 0:
        return Sample(seconds, peak, written, ok=False, detail=_failure(status, log))
    return Sample(seconds, peak, written, ok=True)


def snapshot(folder: Path) -> dict[str, Stamp]:
    stamps: dict[str, Stamp] = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            info = path.lstat()
            stamps[str(path.relative_to(folder))] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return stamps


def _changed(before: dict[str, Stamp], after: dict[str, Stamp]) -> int:
    return sum(1 for path, stamp in after.items() if before.get(path) != stamp)


def _run(argv: Sequence[str], log: Path, timeout: float) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS KiB) of one child, in a session of its own for the timeout."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(
            list(argv),
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, _kill_group, (child.pid,))
        timer.start()
        # wait4, not Popen.wait: it returns this child's own rusage (ru_maxrss, KiB on Linux), which
        # getrusage(RUSAGE_CHILDREN) in a long-lived runner would mix with every earlier child's.
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code  # already reaped: keep Popen from waiting for it again
    return seconds, code, usage.ru_maxrss


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it finished just before the timer fired
        os.killpg(pid, signal.SIGKILL)


def _failure(status: int, log: Path) -> str:
    tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
    reason = f"killed by signal {-status}" if status < 0 else f"exit {status}"
    return f"{reason}: {' / '.join(tail)}" if tail else reason
