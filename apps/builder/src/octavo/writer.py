"""Phase 5, write: put a build's bytes in the output folder, and only ever delete what it wrote.

The first build of a folder goes into a fresh folder beside it, swapped in with a rename. Later
builds update the folder in place, but only after every page has rendered: changed files are
written beside their targets and renamed over them in one quick pass, unchanged bytes are never
rewritten, and files of the previous build that this one no longer makes are removed. A build
that fails writes nothing. Each build records its files in a manifest; an existing folder
without one that holds anything is refused rather than replaced.
"""

from __future__ import annotations

import gzip
import os
import secrets
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from octavo_content import ContentError, output_file

MANIFEST = ".octavo-manifest"
# Present while an update renames its files into place: found at the start of a build, it
# says the last update was interrupted, so nothing recorded about the folder is trusted.
UPDATING = ".octavo-updating"
PENDING = ".octavo-new"
_HEADER = "octavo-manifest 1 "
COMPRESSIBLE = (".html", ".css", ".js", ".xml", ".txt", ".svg", ".json")


@dataclass(frozen=True)
class Manifest:
    """What a previous build wrote into the output folder."""

    token: str
    files: frozenset[str]
    interrupted: bool


class OutputWriter:
    """Writes one build into the output folder: all of it, or none of it."""

    def __init__(self, output: Path, *, compress: bool = False) -> None:
        self.output = output
        self.compress = compress
        self.previous = read_manifest(output)
        self.token = secrets.token_hex(8)
        self.fresh = self.previous is None
        self.root = (
            output.parent / f".octavo-new-{output.name}-{os.getpid()}" if self.fresh else output
        )

    def problems(self) -> list[ContentError]:
        """Errors when the output folder exists but is not one Octavo built."""
        if not self.output.exists() or self.previous is not None:
            return []
        if not self.output.is_dir():
            return [self._refusal("is a file, not a folder")]
        foreign = sorted(
            path.relative_to(self.output).as_posix()
            for path in self.output.rglob("*")
            if not path.is_dir()
        )
        if foreign:
            listed = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
            return [self._refusal(f"holds files Octavo did not write ({listed})")]
        return []

    def start(self) -> None:
        """Prepare to write: an empty staging folder for a first build."""
        if self.fresh:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root.mkdir(parents=True)

    def files_of(self, url: str) -> list[str]:
        """The files, relative to the output, that serve `url` (with compressed copies)."""
        relative = output_file(url)
        if self.compress and relative.endswith(COMPRESSIBLE):
            return [relative, relative + ".gz", relative + ".br"]
        return [relative]

    def put(self, url: str, data: bytes) -> None:
        """Write the bytes served at `url` (where they wait until `commit`)."""
        for relative, content in zip(self.files_of(url), self._encodings(data), strict=False):
            target = self._checked(relative)
            pending = target if self.fresh else target.with_name(target.name + PENDING)
            pending.parent.mkdir(parents=True, exist_ok=True)
            pending.write_bytes(content)

    def commit(self, files: Iterable[str], changed: Iterable[str]) -> None:
        """Publish the build: `files` are all it makes, `changed` the urls it wrote."""
        files = sorted(set(files))
        if self.fresh:
            self._write_manifest(self.root, files)
            if self.output.exists():  # an empty folder: nothing of anyone's is lost
                self.output.rmdir()
            self.root.rename(self.output)
            return
        marker = self.output / UPDATING
        marker.touch()
        for url in changed:
            for relative in self.files_of(url):
                target = self.output / relative
                target.with_name(target.name + PENDING).replace(target)
        assert self.previous is not None
        for relative in sorted(self.previous.files - set(files)):
            self._remove(relative)
        if self.previous.files == set(files):
            # Same files: the manifest stands, and so does its token. The cache's records are
            # written after the files, so they are never newer than the folder they describe.
            self.token = self.previous.token
        else:
            self._write_manifest(self.output, files)
        marker.unlink()

    def abandon(self, changed: Iterable[str]) -> None:
        """Remove whatever this build wrote; the output is left as it was."""
        if self.fresh:
            shutil.rmtree(self.root, ignore_errors=True)
            return
        for url in changed:
            for relative in self.files_of(url):
                target = self.output / relative
                target.with_name(target.name + PENDING).unlink(missing_ok=True)

    def _encodings(self, data: bytes) -> list[bytes]:
        if not self.compress:
            return [data]
        import brotli  # only builds that precompress need it

        return [
            data,
            gzip.compress(data, compresslevel=9, mtime=0),  # mtime=0: the same bytes every build
            brotli.compress(data, quality=9),
        ]

    def _checked(self, relative: str) -> Path:
        target = (self.root / relative).resolve()
        # A URL from a permalink pattern or a slug must never leave the output folder.
        if not target.is_relative_to(self.root.resolve()):
            raise ValueError(f"/{relative} would be written outside the output folder")
        return self.root / relative

    def _remove(self, relative: str) -> None:
        """Delete a file this writer's previous build wrote, and folders it leaves empty."""
        target = self.output / relative
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != self.output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def _write_manifest(self, root: Path, files: list[str]) -> None:
        text = _HEADER + self.token + "\n" + "".join(f + "\n" for f in files)
        pending = root / (MANIFEST + PENDING)
        pending.write_text(text, "utf-8")
        pending.replace(root / MANIFEST)

    def _refusal(self, why: str) -> ContentError:
        return ContentError(
            path=str(self.output),
            field="output",
            message=f"the output folder {why}; Octavo will not replace it",
            expected="an empty folder, or one that Octavo built",
            hint="move those files into static/ (they are copied on every build), "
            "or choose another folder with -o",
        )


def read_manifest(output: Path) -> Manifest | None:
    """The manifest of the build in `output`, or None when there is none."""
    try:
        lines = (output / MANIFEST).read_text("utf-8").splitlines()
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
    if not lines or not lines[0].startswith(_HEADER):
        return None
    return Manifest(
        token=lines[0].removeprefix(_HEADER),
        files=frozenset(lines[1:]),
        interrupted=(output / UPDATING).exists(),
    )
