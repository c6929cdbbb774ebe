"""Phase 5, write: put a build's bytes in the output folder, and only ever delete what it wrote.

The first build of a folder goes into a fresh folder beside it, swapped in with a rename. Later
builds update the folder in place, but only after every page has rendered: changed files wait in
a staging folder inside the output (same file system, so a rename moves them), then one quick pass
renames them over their targets. Unchanged bytes are never rewritten, and files of the previous
build that this one no longer makes are removed. A build that fails writes nothing.

Each build records its files in a manifest. The manifest lives in the output, where anyone can
write, so it is never trusted blindly: an entry is deleted only when it names a file inside the
output, below no symbolic link, that is not one of the writer's own names. The writer's names
(`RESERVED`) are never a page's file; a route that wants one is refused before anything renders.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from octavo_content import ContentError, output_file

MANIFEST = ".octavo-manifest"
# Present from the moment an update starts renaming files into place until the build's records
# are saved: found at the start of a build, it says the last update was interrupted, so nothing
# recorded about the folder is trusted.
UPDATING = ".octavo-updating"
# Changed files of an update wait here until the rename pass.
STAGING = ".octavo-staging"
# The files and folders of the writer's own, at the top of the output: no page may be one.
RESERVED = frozenset({MANIFEST, UPDATING, STAGING})
# Leftovers of writers before this one: pending files beside their targets.
_OLD_PENDING = ".octavo-new"
_HEADER = "octavo-manifest 2 "
_OLD_HEADER = "octavo-manifest 1 "
COMPRESSIBLE = (".html", ".css", ".js", ".xml", ".txt", ".svg", ".json")


@dataclass(frozen=True)
class Manifest:
    """What a previous build wrote into the output folder."""

    token: str
    files: frozenset[str]
    interrupted: bool
    # Written by an older writer, which left pending files beside their targets.
    old: bool = False


class OutputWriter:
    """Writes one build into the output folder: all of it, or none of it."""

    def __init__(self, output: Path, *, compress: bool = False) -> None:
        self.output = output
        self.compress = compress
        self.previous = read_manifest(output)
        self.token = secrets.token_hex(8)
        self.fresh = self.previous is None
        # A first build is staged beside the output and swapped in whole; an update is staged
        # inside it, on the same file system as the files it replaces.
        self.staging = fresh_staging(output) if self.fresh else output / STAGING

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

    def clear_leftovers(self) -> None:
        """Remove what interrupted builds left: staging folders, and older writers' pending files.

        Called under the site's build lock, so no other build of this output is running.
        """
        parent = self.output.parent
        # This writer's staging folder, and older writers' (which added their process id).
        ours = re.compile(re.escape(fresh_staging(self.output).name) + r"(-\d+)?")
        if parent.is_dir():
            for entry in os.scandir(parent):
                if ours.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
        if self.output.is_dir() and not self.output.is_symlink():
            staging = self.output / STAGING
            if staging.is_dir() and not staging.is_symlink():
                shutil.rmtree(staging)
            else:
                staging.unlink(missing_ok=True)
            if self.previous is not None and self.previous.old:
                for pending in self.output.rglob(f"*{_OLD_PENDING}"):
                    if pending.is_file() and not pending.is_symlink():
                        pending.unlink()

    def start(self) -> None:
        """Prepare to write: an empty staging folder."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)

    def files_of(self, url: str) -> list[str]:
        """The files, relative to the output, that serve `url` (with compressed copies)."""
        relative = output_file(url)
        if self.compress and relative.endswith(COMPRESSIBLE):
            return [relative, relative + ".gz", relative + ".br"]
        return [relative]

    def put(self, url: str, data: bytes) -> None:
        """Write the bytes served at `url` into the staging folder, until `commit`."""
        for relative, content in zip(self.files_of(url), self._encodings(data), strict=False):
            pending = self._checked(self.staging, relative)
            if self.fresh:
                pending.parent.mkdir(parents=True, exist_ok=True)
            else:
                self._checked(self.output, relative)
                pending = self._pending(relative)
            pending.write_bytes(content)

    def _pending(self, relative: str) -> Path:
        """Where an update stages a file: one flat folder, which takes no time to remove."""
        return self.staging / hashlib.blake2b(relative.encode(), digest_size=16).hexdigest()

    def commit(self, files: Iterable[str], changed: Iterable[str]) -> None:
        """Publish the build: `files` are all it makes, `changed` the urls it wrote.

        An update leaves the `UPDATING` marker behind: call `finish` once the build's records
        are saved, so an interruption between the two is noticed by the next build.
        """
        files = sorted(set(files))
        if self.fresh:
            self._write_manifest(self.staging, files)
            if self.output.exists():  # an empty folder: nothing of anyone's is lost
                self.output.rmdir()
            self.staging.rename(self.output)
            return
        (self.output / UPDATING).touch()
        assert self.previous is not None
        # Files the build no longer makes go first: one of them may stand where a new file's
        # folder must be (a page `/a` replaced by `/a/b/`).
        for relative in sorted(self.previous.files - set(files)):
            self._remove(relative)
        for url in changed:
            for relative in self.files_of(url):
                target = self.output / relative  # checked when it was staged
                target.parent.mkdir(parents=True, exist_ok=True)
                self._pending(relative).replace(target)
        self.staging.rmdir()  # empty now
        if self.previous.files == set(files) and not self.previous.old:
            # Same files: the manifest stands, and so does its token. The cache's records are
            # written after the files, so they are never newer than the folder they describe.
            self.token = self.previous.token
        else:
            self._write_manifest(self.output, files)

    def finish(self) -> None:
        """The build's records are saved: the update is complete."""
        (self.output / UPDATING).unlink(missing_ok=True)

    def abandon(self) -> None:
        """Remove whatever this build staged; the output is left as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def _encodings(self, data: bytes) -> list[bytes]:
        if not self.compress:
            return [data]
        import brotli  # only builds that precompress need it

        return [
            data,
            gzip.compress(data, compresslevel=9, mtime=0),  # mtime=0: the same bytes every build
            brotli.compress(data, quality=9),
        ]

    @staticmethod
    def _checked(root: Path, relative: str) -> Path:
        # A URL from a permalink pattern or a slug must never leave the output folder.
        if not is_safe_relative(relative):
            raise ValueError(f"/{relative} would be written outside the output folder")
        target = root / relative
        if not target.resolve().is_relative_to(root.resolve()):
            raise ValueError(f"/{relative} would be written outside the output folder")
        return target

    def _remove(self, relative: str) -> None:
        """Delete a file this writer's previous build wrote, and folders it leaves empty.

        The manifest can be edited by anyone who can write to the output, so an entry is only
        followed to a regular file or link inside the output, through real folders, never
        through a symbolic link (which could lead anywhere).
        """
        if not is_safe_relative(relative):
            return
        target = self.output / relative
        folder = target.parent
        while folder != self.output:
            if folder.is_symlink() or not folder.is_dir():
                return
            folder = folder.parent
        try:
            mode = target.lstat().st_mode
        except FileNotFoundError:
            return
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            return
        target.unlink()
        folder = target.parent
        while folder != self.output and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def _write_manifest(self, root: Path, files: list[str]) -> None:
        text = _HEADER + self.token + "\n" + "".join(f + "\n" for f in files)
        pending = root / (MANIFEST + ".new")
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


def fresh_staging(output: Path) -> Path:
    """The folder beside `output` where its first build is staged."""
    return output.parent / f".octavo-new-{output.name}"


def is_safe_relative(relative: str) -> bool:
    """True for a relative path that stays below its folder and is none of the writer's names."""
    path = PurePosixPath(relative)
    parts = relative.split("/")
    return (
        bool(relative)
        and not path.is_absolute()
        and "\\" not in relative
        and "\0" not in relative
        and all(part not in ("", ".", "..") for part in parts)
        and parts[0] not in RESERVED
        and not parts[-1].endswith(_OLD_PENDING)
    )


def read_manifest(output: Path) -> Manifest | None:
    """The manifest of the build in `output`, or None when there is none."""
    try:
        lines = (output / MANIFEST).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or not lines[0].startswith((_HEADER, _OLD_HEADER)):
        return None
    old = lines[0].startswith(_OLD_HEADER)
    return Manifest(
        token=lines[0].removeprefix(_OLD_HEADER if old else _HEADER),
        files=frozenset(line for line in lines[1:] if is_safe_relative(line)),
        interrupted=(output / UPDATING).exists(),
        old=old,
    )
