"""Progress of long builds: a rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

# Builds shorter than this show no progress at all.
QUIET_SECONDS = 1.0


class BuildProgress(Protocol):
    """What the builder reports while it works."""

    def phase(self, name: str, total: int) -> None:
        """A phase of `total` steps begins."""

    def advance(self, steps: int = 1) -> None:
        """Steps of the current phase are done."""

    def finish(self) -> None:
        """The build is over."""

    def waiting(self, holder: str) -> None:
        """Another build of the site (`holder`) is running: this one waits for it."""


class NoProgress:
    """Reports nothing."""

    def phase(self, name: str, total: int) -> None:
        """Ignore."""

    def advance(self, steps: int = 1) -> None:
        """Ignore."""

    def finish(self) -> None:
        """Ignore."""

    def waiting(self, holder: str) -> None:
        """Ignore."""


class TerminalProgress:
    """A rich progress bar, shown once the build has run for a second."""

    def __init__(self, console: Console) -> None:
        self._started = time.monotonic()
        self._bar = Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._shown = False
        self._task: TaskID | None = None

    def phase(self, name: str, total: int) -> None:
        """Start a bar for the phase."""
        if self._task is not None:
            self._bar.update(self._task, visible=False)
        self._task = self._bar.add_task(name, total=total)
        self._show_if_slow()

    def advance(self, steps: int = 1) -> None:
        """Move the bar."""
        if self._task is not None:
            self._bar.advance(self._task, steps)
        self._show_if_slow()

    def finish(self) -> None:
        """Remove the bar."""
        if self._shown:
            self._bar.stop()

    def waiting(self, holder: str) -> None:
        """Say that the build waits."""
        self._bar.console.print(f"Waiting for another build of this site ({holder}) to finish")

    def _show_if_slow(self) -> None:
        if not self._shown and time.monotonic() - self._started > QUIET_SECONDS:
            self._bar.start()
            self._shown = True


class PlainProgress:
    """One line per phase that ran while the build was slow, for logs and pipes."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._phase: tuple[str, int, float] | None = None

    def phase(self, name: str, total: int) -> None:
        """Close the previous phase and open this one."""
        self._close()
        self._phase = (name, total, time.monotonic())

    def advance(self, steps: int = 1) -> None:
        """Plain output does not count steps."""

    def finish(self) -> None:
        """Close the last phase."""
        self._close()

    def waiting(self, holder: str) -> None:
        """Say that the build waits."""
        print(f"Waiting for another build of this site ({holder}) to finish", file=sys.stderr)

    def _close(self) -> None:
        if self._phase is None:
            return
        name, total, began = self._phase
        self._phase = None
        if time.monotonic() - self._started > QUIET_SECONDS:
            took = time.monotonic() - began
            print(f"{name}: {total} in {took:.2f} s", file=sys.stderr, flush=True)


def progress_for(console: Console) -> BuildProgress:
    """A bar on a terminal, plain lines otherwise."""
    return TerminalProgress(console) if console.is_terminal else PlainProgress()
