"""Phase 5, write: build into a fresh folder beside the output, then swap it in with a rename.

The output folder therefore always holds one complete build, and Octavo only ever deletes
what it wrote itself: each build records its files in a manifest, and an output folder holding
anything else is refused rather than replaced.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from octavo_content import ContentError, output_file

MANIFEST = ".octavo-manifest"


class OutputWriter:
    """Writes one build into a staging folder and publishes it atomically."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.staging = output.parent / f".octavo-new-{output.name}-{os.getpid()}"
        self._written: list[str] = []

    def problems(self) -> list[ContentError]:
        """Errors when the current output folder holds files a previous build did not write."""
        if not self.output.exists():
            return []
        if not self.output.is_dir():
            return [self._refusal("is a file, not a folder")]
        manifest = self.output / MANIFEST
        ours = set(manifest.read_text("utf-8").splitlines()) if manifest.is_file() else set()
        foreign = sorted(
            path.relative_to(self.output).as_posix()
            for path in self.output.rglob("*")
            if not path.is_dir()
            and path.relative_to(self.output).as_posix() not in ours
            and path.name != MANIFEST
        )
        if foreign:
            listed = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
            return [self._refusal(f"holds files Octavo did not write ({listed})")]
        return []

    def start(self) -> None:
        """Create an empty staging folder."""
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)

    def write(self, url: str, data: bytes) -> None:
        """Write the bytes served at `url` (`/a/` is written as `a/index.html`)."""
        relative = output_file(url)
        target = (self.staging / relative).resolve()
        # A URL from a permalink pattern or a slug must never leave the output folder.
        if not target.is_relative_to(self.staging.resolve()):
            raise ValueError(f"{url} would be written outside the output folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self._written.append(relative)

    def copy(self, url: str, source: Path) -> None:
        """Copy a static file to where `url` is served."""
        self.write(url, source.read_bytes())

    def publish(self) -> None:
        """Swap the staging folder in as the output; remove the previous build."""
        (self.staging / MANIFEST).write_text("\n".join(sorted(self._written)) + "\n", "utf-8")
        previous = self.output.parent / f".octavo-old-{self.output.name}-{os.getpid()}"
        if self.output.exists():
            self.output.rename(previous)
        self.staging.rename(self.output)
        if previous.exists():
            shutil.rmtree(previous)

    def abandon(self) -> None:
        """Remove the staging folder; the output is left as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def _refusal(self, why: str) -> ContentError:
        return ContentError(
            path=str(self.output),
            field="output",
            message=f"the output folder {why}; Octavo will not replace it",
            expected="an empty folder, or one that Octavo built",
            hint="move those files into static/ (they are copied on every build), "
            "or choose another folder with -o",
        )
