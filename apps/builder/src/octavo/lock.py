"""One build of a site at a time: an advisory lock on a file in the site's `.octavo` folder.

Two builds of one site would share its cache and its output folder, each clearing what it takes
for the other's leftovers. The lock is the operating system's (`flock`), so it is released when
its holder exits, however it exits: a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from octavo.layout import LOCK_FILE


class LockUnavailable(Exception):
    """The lock file cannot be made: `.octavo` is not a folder, or cannot be written."""

    def __init__(self, failure: OSError) -> None:
        self.reason = failure.strerror or str(failure)
        super().__init__(self.reason)


class LockTimeout(Exception):
    """Another build held the lock for longer than this one would wait."""

    def __init__(self, holder: str) -> None:
        self.holder = holder
        super().__init__(f"another build of this site is running ({holder})")


@contextmanager
def site_lock(
    folder: Path, *, waiting: Callable[[str], None], timeout: float = 600.0
) -> Iterator[None]:
    """Hold the lock of the site whose `.octavo` folder is `folder`.

    When another build holds it, `waiting` is told who (once), and this one waits for it, for
    at most `timeout` seconds.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as failure:
        raise LockUnavailable(failure) from failure
    try:
        if not _try_lock(descriptor):
            holder = _holder(descriptor)
            waiting(holder)
            deadline = time.monotonic() + timeout
            while not _try_lock(descriptor):
                if time.monotonic() > deadline:
                    raise LockTimeout(holder)
                time.sleep(0.05)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"process {os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # closing the file releases the lock


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(descriptor: int) -> str:
    text = os.pread(descriptor, 100, 0).decode("utf-8", "replace").strip()
    return text or "a process that has not said which"
