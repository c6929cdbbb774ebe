"""Phase 5, write: put a build's bytes in the output folder, and only ever delete what it wrote.

The first build of a folder goes into a fresh folder beside it, swapped in with a rename. Later
builds update the folder in place, but only after every page has rendered: changed files wait in
a staging folder inside the output (same file system, so a rename moves them), then one quick pass
renames them over their targets. Unchanged bytes are never rewritten, and files of the previous
build that this one no longer makes are removed. A build that fails writes nothing.

Each build records its files in a manifest, kept with the site's records (`SITE/.octavo`), so
the published folder holds nothing but the site. The manifest names the folder it describes by
its identity (`layout.folder_identity`): a folder deleted, replaced or changed by another hand
since is not trusted as the one recorded. Entries are still checked before anything is deleted:
only a file inside the output, below no symbolic link, that is not one of the writer's own names.
The writer's names (`RESERVED`) are never a page's file; a route that wants one is refused before
anything renders.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from octavo.layout import (
    COMPRESSIBLE,
    LEGACY_MANIFEST,
    LEGACY_UPDATING,
    MANIFEST_HEADER,
    OLD_PENDING,
    RECORDS_DIR,
    RESERVED,
    STAGING,
    folder_identity,
    fresh_staging,
    manifest_head,
    manifest_path,
    same_folder,
    updating_path,
)
from octavo_content import ContentError, output_file

# The heads of manifests that writers before this one kept inside the output.
_LEGACY_HEADERS = ("octavo-manifest 2 ", "octavo-manifest 1 ")


@dataclass(frozen=True)
class Manifest:
    """What a previous build wrote into the output folder."""

    token: str
    files: frozenset[str]
    # True when nothing recorded about the folder may be trusted: an update was interrupted, or
    # the folder changed since its build was recorded (its identity's status time moved).
    interrupted: bool
    # Kept inside the output by an older writer, which may have left pending files there too.
    legacy: bool = False


class OutputWriter:
    """Writes one build into the output folder: all of it, or none of it."""

    def __init__(
        self, output: Path, *, records: Path | None = None, compress: bool = False
    ) -> None:
        """Write into `output` (a resolved path), keeping its manifest in `records`, the site's
        records folder (`SitePaths.records`). Without one, the `.octavo` folder beside the
        output is used: the site's own for the default `SITE/public` only."""
        self.output = output
        self.records = records if records is not None else output.parent / RECORDS_DIR
        self.compress = compress
        self.manifest = manifest_path(self.records, output)
        self.marker = updating_path(self.records, output)
        self.previous = read_manifest(self.records, output)
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
            if self.previous is not None and self.previous.legacy:
                for pending in self.output.rglob(f"*{OLD_PENDING}"):
                    if pending.is_file() and not pending.is_symlink():
                        pending.unlink()
            elif self.previous is not None:
                self._clear_legacy()

    def start(self) -> None:
        """Prepare to write: an empty staging folder."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)

    def files_of(self, url: str) -> list[str]:
        """The files, relative to the output, that serve `url` (with compressed copies)."""
        return list(_copies(output_file(url), self.compress))

    def files_of_all(self, urls: tuple[str, ...]) -> tuple[str, ...]:
        """The files that serve each of `urls`, in order (see `files_of`)."""
        return _served_files(urls, self.compress)

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

    def built(self, url: str, *, staged: bool) -> bytes:
        """The bytes this build publishes at `url`: those it staged (`staged`), or else those
        of the published file it keeps."""
        relative = output_file(url)
        if not staged:
            return self._checked(self.output, relative).read_bytes()
        if self.fresh:
            return self._checked(self.staging, relative).read_bytes()
        return self._pending(relative).read_bytes()

    def _pending(self, relative: str) -> Path:
        """Where an update stages a file: one flat folder, which takes no time to remove."""
        return self.staging / hashlib.blake2b(relative.encode(), digest_size=16).hexdigest()

    def commit(self, files: Iterable[str], changed: Iterable[str]) -> None:
        """Publish the build: `files` are all it makes, `changed` the urls it wrote.

        An update leaves its marker (`layout.updating_path`) behind: call `finish` once the
        build's records are saved, so an interruption between the two is noticed by the next
        build.
        """
        files = sorted(set(files))
        if self.fresh:
            # Recorded before the swap, so a build killed right after it finds the folder its
            # own; with the staging folder's status time, so it trusts nothing else about it.
            self._write_manifest(self.staging, files)
            if self.output.exists():  # an empty folder: nothing of anyone's is lost
                self.output.rmdir()
            self.staging.rename(self.output)
            self._write_manifest(self.output, files)
            return
        assert self.previous is not None
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        self.marker.touch()
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
        # Written again even when the files are the same: it holds the folder's identity as
        # this pass leaves it.
        self._write_manifest(self.output, files)
        if self.previous.legacy:
            self._clear_legacy()

    def finish(self) -> None:
        """The build's records are saved: the update is complete."""
        self.marker.unlink(missing_ok=True)

    def abandon(self) -> None:
        """Remove whatever this build staged; the output is left as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.previous is not None and not self.previous.interrupted:
            # Making and removing the staging folder moved the output's status time: record
            # that the folder is still the build recorded, so the next build trusts it.
            self.token = self.previous.token
            # If it cannot be, the next build finds the folder changed and makes every page.
            with contextlib.suppress(OSError):
                self._write_manifest(self.output, sorted(self.previous.files))

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

    def _write_manifest(self, folder: Path, files: list[str]) -> None:
        """Record `files` as the build in `folder` (the output, or its staging folder)."""
        identity = folder_identity(folder)
        if identity is None:
            raise FileNotFoundError(2, "the output folder is gone", str(folder))
        head = f"{MANIFEST_HEADER}{self.token} {identity}\n{json.dumps(str(self.output))}\n"
        self.manifest.parent.mkdir(parents=True, exist_ok=True)
        pending = self.manifest.with_name(self.manifest.name + ".new")
        pending.write_text(head + "".join(f + "\n" for f in files), "utf-8")
        pending.replace(self.manifest)

    def _clear_legacy(self) -> None:
        """Remove the manifest and marker older writers kept in the output: they are recorded
        in the site's records now (and are the writer's names, which no page may take)."""
        for name in (LEGACY_MANIFEST, LEGACY_MANIFEST + ".new", LEGACY_UPDATING):
            found = self.output / name
            if found.is_symlink() or found.is_file():
                found.unlink()

    def _refusal(self, why: str) -> ContentError:
        return ContentError(
            path=str(self.output),
            field="output",
            message=f"the output folder {why}; Octavo will not replace it",
            expected="an empty folder, or one that Octavo built",
            hint="if Octavo built it and its record in the site's .octavo folder was deleted, "
            "delete the folder; otherwise move those files into static/ (they are copied on "
            "every build), or choose another folder with -o",
        )


# The last answer only: a resident process (`octavo serve`) asks about the same route table's
# 10,000 URLs at each save, as long as it reuses the table.
@functools.lru_cache(maxsize=1)
def _served_files(urls: tuple[str, ...], compress: bool) -> tuple[str, ...]:
    return tuple(name for url in urls for name in _copies(output_file(url), compress))


def _copies(relative: str, compress: bool) -> tuple[str, ...]:
    """A file of the output, and its compressed copies when the build makes them."""
    if compress and relative.endswith(COMPRESSIBLE):
        return (relative, relative + ".gz", relative + ".br")
    return (relative,)


def is_safe_relative(relative: str) -> bool:
    """True for a relative path that stays below its folder and is none of the writer's names."""
    # Plain string tests: every page's file is checked on every build.
    parts = relative.split("/")
    return (
        bool(relative)
        and not relative.startswith("/")
        and "\\" not in relative
        and "\0" not in relative
        and all(part not in ("", ".", "..") for part in parts)
        and parts[0] not in RESERVED
        and not parts[-1].endswith(OLD_PENDING)
    )


def read_manifest(records: Path, output: Path) -> Manifest | None:
    """The manifest of the build in the folder `output`, or None when it has none.

    A record whose folder is not this one (deleted, or replaced by another folder) is none. A
    manifest an older writer kept inside the output is read, and trusted for nothing but the
    files it lists.
    """
    identity = folder_identity(output)
    if identity is None:
        return None
    lines = _lines(manifest_path(records, output))
    head = manifest_head(lines[0], lines[1]) if len(lines) >= 2 else None
    if head is not None and head.output == str(output) and same_folder(head.identity, identity):
        touched = head.identity != identity or updating_path(records, output).exists()
        return Manifest(head.token, _listed(tuple(lines[2:])), interrupted=touched)
    lines = _lines(output / LEGACY_MANIFEST)
    if not lines or not lines[0].startswith(_LEGACY_HEADERS):
        return None
    return Manifest("", _listed(tuple(lines[1:])), interrupted=True, legacy=True)


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


# A process that builds again (`octavo serve`) reads back the list it wrote last, mostly the
# same: each line's check is done once (40 ms at 10,000 posts).
@functools.lru_cache(maxsize=1)
def _listed(lines: tuple[str, ...]) -> frozenset[str]:
    return frozenset(line for line in lines if is_safe_relative(line))
