"""The engines as commands: how each builds a site, what a cold build removes, its version."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sites import Engine

from octavo.layout import RECORDS_DIR

DEFAULT_PELICAN_VENV = Path("/tmp/bench-venv/bin/pelican")


@dataclass(frozen=True)
class EngineCommand:
    """One engine's command line prefix; `argv` is empty when the engine is not installed."""

    engine: Engine
    argv: tuple[str, ...]

    @property
    def missing(self) -> bool:
        return not self.argv

    def build(self, site: Path, out: Path) -> list[str]:
        if self.engine == "octavo":
            # The same work as the others: Hugo and Pelican make no search index (Pagefind's
            # cost is measured on its own in docs/benchmarks.md).
            return [*self.argv, "build", str(site), "-o", str(out), "--no-search"]
        if self.engine == "hugo":
            return [*self.argv, "--source", str(site), "--destination", str(out), "--quiet"]
        settings = site / "pelicanconf.py"
        return [*self.argv, str(site / "content"), "-s", str(settings), "-o", str(out), "-q"]

    def caches(self, site: Path) -> list[Path]:
        """What a cold build deletes besides the output folder."""
        if self.engine == "hugo":
            return [site / "resources", site / ".hugo_build.lock"]
        if self.engine == "pelican":
            return [site / "cache"]
        # Octavo's records: its parse cache, its page records and its manifests.
        return [site / RECORDS_DIR]

    def version(self) -> str:
        if self.missing:
            return "missing"
        flag = "version" if self.engine == "hugo" else "--version"
        try:
            done = subprocess.run(
                [*self.argv, flag], capture_output=True, text=True, timeout=60, check=False
            )
        except OSError as error:
            return f"unknown ({error})"
        lines = (done.stdout or done.stderr).strip().splitlines()
        if done.returncode == 0 and lines:
            return lines[0]
        return _installed_version(self.engine)


def resolve(engine: Engine, command: str | None) -> EngineCommand:
    """The command given on the command line, else the usual place; missing if not found."""
    text = command if command is not None else _default_command(engine)
    argv = tuple(shlex.split(text))
    if not argv or shutil.which(argv[0]) is None:
        return EngineCommand(engine, ())
    return EngineCommand(engine, argv)


def _installed_version(engine: Engine) -> str:
    # `octavo` may have no --version; the distribution's metadata in this Python is the next best.
    try:
        return f"{metadata.version(engine)} (package metadata)"
    except metadata.PackageNotFoundError:
        return "unknown"


def _default_command(engine: Engine) -> str:
    if engine == "pelican" and DEFAULT_PELICAN_VENV.exists():
        return str(DEFAULT_PELICAN_VENV)
    return engine
