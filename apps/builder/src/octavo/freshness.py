"""Is the output already the build of the site as it is now? Answered with the standard library.

A no-op rebuild must not pay for importing and running the whole engine: before anything else,
`octavo build` hashes the stat of every file a build reads (content, templates, static files,
config, and Octavo's own code) with the options that change the output. When that signature
equals the one recorded by the last successful build into the same, untouched output folder, and
no scheduled post has come due since, the build is the output as it stands.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import sqlite3
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from importlib.util import find_spec
from pathlib import Path
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK

from octavo.layout import (
    CONFIG_FILE,
    CONTENT_DIR,
    ENGINE_PACKAGES,
    LEGACY_MANIFEST,
    LEGACY_UPDATING,
    SITE_PARTS,
    STAGING,
    cache_path,
    folder_identity,
    fresh_staging,
    manifest_path,
    read_head,
    records_of,
    updating_path,
)


@dataclass(frozen=True)
class FreshBuild:
    """What the last build reported, for a build that has nothing to do."""

    posts: int
    tags: int
    pages: int
    drafts: list[str] = field(default_factory=list)
    scheduled: list[str] = field(default_factory=list)
    # Warnings as `path:line: field: message (hint)` lines, and as ContentError fields.
    warning_lines: list[str] = field(default_factory=list)
    warnings: list[dict[str, object]] = field(default_factory=list)
    # The earliest date (a POSIX timestamp) of a scheduled post going live or a published post
    # expiring: from then on, not fresh.
    due: float | None = None
    expired: list[str] = field(default_factory=list)
    # The moment the build was made for (a POSIX timestamp): a build for an earlier moment (a
    # clock set back) may publish other posts, so it is not fresh either.
    since: float | None = None


# A file changed this recently may change again within the same clock tick, keeping its stat:
# its stat proves nothing yet ("racy" in git's words), so the build does not trust it.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class SourceFile:
    """A file found under the site's folders: where it is, its name in messages, its stat."""

    location: str
    source: str
    mtime_ns: int
    size: int

    @property
    def path(self) -> Path:
        """Where the file is."""
        return Path(self.location)


@dataclass(frozen=True)
class Unusable:
    """Something under the site's folders that a build cannot take as a file, and why.

    `reason` is one of: "unreadable" (the system refused: `detail` says why), "special" (a FIFO,
    socket or device: reading it could hang the build), "outside" (a link leading out of the
    site), "loop" (a link to a folder that contains it), "broken" (a link to nothing), "name"
    (a name that is not UTF-8; `source` shows its bytes escaped).
    """

    source: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class SiteState:
    """The signature of a site's files, and what the walk found (the load reuses it).

    `content`, `static` and `data` list the regular files of those folders; `unusable`,
    everything under content, static, templates and data that a build must report instead of
    reading.
    """

    signature: str
    content: tuple[SourceFile, ...]
    static: tuple[SourceFile, ...] = ()
    unusable: tuple[Unusable, ...] = ()
    data: tuple[SourceFile, ...] = ()
    # Whether the walk met a symbolic link: an edit seen under one name may change another.
    links: bool = False


# Under content/, names starting with these are not the site's, as in Hugo, Zola and Jekyll:
# section files (_index.md), notes kept aside (_drafts/), editors' and tools' files (.git/, .#x.md).
_CONTENT = f"{CONTENT_DIR}/"
_IGNORED_IN_CONTENT = (".", "_")


class _SiteWalk:
    """One walk of a site's folders: each regular file's stat into the signature, and a list.

    Links are followed when they lead to a file or folder inside the site (a link to a folder
    that contains it is reported, not followed); everything else is reported as `Unusable`.
    """

    def __init__(self, site: Path, hasher: hashlib.blake2b) -> None:
        self.root = os.path.realpath(site)
        self.hasher = hasher
        self.unusable: list[Unusable] = []
        self.newest = 0
        self.links = False

    def part(self, site: Path, part: str) -> list[SourceFile]:
        """The regular files under the site's folder `part` (none when it does not exist)."""
        found: list[SourceFile] = []
        folder = site / part
        real = os.path.realpath(folder)
        if not os.path.lexists(folder):
            return found
        if not self._inside(real):
            self._refuse(part, "outside")
        else:
            self._folder(str(folder), real, f"{part}/", found, frozenset((real,)), top=True)
        return found

    def _inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root + os.sep)

    def _refuse(self, source: str, reason: str, detail: str = "") -> None:
        self.unusable.append(Unusable(source, reason, detail))
        self.hasher.update(f"!{reason}\0{source}\n".encode())

    def _folder(
        self,
        path: str,
        real: str,
        prefix: str,
        found: list[SourceFile],
        above: frozenset[str],
        *,
        top: bool = False,
    ) -> None:
        # os.scandir: one system call per folder, stats cached; pathlib costs more per file.
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as failure:
            if top and isinstance(failure, NotADirectoryError):
                self._refuse(prefix.rstrip("/"), "special", "not a folder")
            else:
                self._refuse(prefix.rstrip("/"), "unreadable", failure.strerror or str(failure))
            return
        for entry in entries:
            name = prefix + entry.name
            if prefix.startswith(_CONTENT) and entry.name.startswith(_IGNORED_IN_CONTENT):
                continue  # not read, not signed: adding one is no change to the site
            if not (entry.name.isascii() or _decodable(entry.name)):
                self._refuse(shown_name(name), "name")
                continue
            is_link = entry.is_symlink()
            self.links = self.links or is_link
            try:
                stat_result = entry.stat()  # follows links
            except FileNotFoundError:
                if is_link:
                    self._refuse(name, "broken")
                continue  # removed while the walk went by
            except OSError as failure:
                self._refuse(name, "unreadable", failure.strerror or str(failure))
                continue
            target = os.path.realpath(entry.path) if is_link else ""
            if is_link and not self._inside(target):
                self._refuse(name, "outside")
            elif S_ISDIR(stat_result.st_mode):
                target = target or f"{real}{os.sep}{entry.name}"
                if target in above:
                    self._refuse(name, "loop")
                else:
                    self._folder(entry.path, target, name + "/", found, above | {target})
            elif not S_ISREG(stat_result.st_mode):
                self._refuse(name, "special", _kind(stat_result.st_mode))
            else:
                mtime_ns, size = stat_result.st_mtime_ns, stat_result.st_size
                self.newest = max(self.newest, mtime_ns)
                found.append(SourceFile(entry.path, name, mtime_ns, size))
                self.hasher.update(f"{name}\0{mtime_ns}\0{size}\n".encode())


def _stat_lines(root: str, hasher: hashlib.blake2b) -> int:
    """Add every file under `root` (relative path, mtime, size) to `hasher`, in a stable order.

    For Octavo's own code. Returns the newest modification time seen (ns), 0 for none.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        return 0
    newest = 0
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":  # written by Python itself, not the engine's code
                newest = max(newest, _stat_lines(entry.path, hasher))
            continue
        try:
            stat_result = entry.stat()
        except OSError:
            continue
        newest = max(newest, stat_result.st_mtime_ns)
        line = f"{entry.path}\0{stat_result.st_mtime_ns}\0{stat_result.st_size}\n"
        hasher.update(line.encode("utf-8", "surrogateescape"))
    return newest


def site_state(
    site: Path,
    output: Path,
    *,
    include_drafts: bool,
    compress: bool,
    base_url: str | None = None,
    search: bool = True,
) -> SiteState:
    """The signature of everything a build of `site` into `output` reads, by file stat, and
    of the options that change it (`base_url` overrides the config's; `search=False` is
    `--no-search`).

    When a file changed too recently for its stat to be trusted, the signature is made unique,
    so no later build takes it for up to date.
    """
    signed_ns = time.time_ns()
    hasher = hashlib.blake2b(digest_size=16)
    options = f"{output}\0{include_drafts}\0{compress}\0{base_url}\0{search}\n"
    hasher.update(options.encode("utf-8", "surrogateescape"))
    try:
        hasher.update(read_regular(site / CONFIG_FILE))
    except OSError:
        hasher.update(b"no config")
    walk = _SiteWalk(site, hasher)
    found: dict[str, list[SourceFile]] = {}
    for part in SITE_PARTS:
        hasher.update(f"[{part}]\n".encode())
        found[part] = walk.part(site, part)
    newest = walk.newest
    for package in ENGINE_PACKAGES:
        spec = find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            hasher.update(f"[{package}]\n".encode())
            newest = max(newest, _stat_lines(location, hasher))
    # Installing, upgrading or removing a distribution (a plugin among them) changes the
    # listing, and so the stat, of a folder on the import path: a stat apiece, no scan.
    hasher.update(b"[path]\n")
    try:
        here: Path | None = Path.cwd()
    except OSError:  # the working folder was removed
        here = None
    for folder in sys.path:
        # The working folder (`python -m`) is no place for distributions, and a build may
        # write into it: its stat would make every next build look changed.
        if not folder or Path(folder) == here:
            continue
        try:
            hasher.update(f"{folder}\0{Path(folder or '.').stat().st_mtime_ns}\n".encode())
        except OSError:
            hasher.update(f"{folder}\0-\n".encode())
    if newest >= signed_ns - RACY_NS:
        hasher.update(f"racy {signed_ns}".encode())
    return SiteState(
        hasher.hexdigest(),
        tuple(found["content"]),
        tuple(found["static"]),
        tuple(walk.unusable),
        tuple(found["data"]),
        walk.links,
    )


def restated(
    state: SiteState, edited: frozenset[str]
) -> tuple[SiteState, tuple[SourceFile, ...]] | None:
    """`state` with the stat of each `edited` file (a real path) taken again, for a process
    told which files changed (`octavo serve`'s watcher), instead of a walk of the whole site;
    and those files, with their new stats.

    None when a walk is needed: an edited path is not a file the state lists (a file added or
    removed, a folder, the config, a template), it is no longer a regular file, or the walk met
    a link (an edit under one name changes another). The signature is unique, as for a racy
    stat: only a walk proves a later build has nothing to do.
    """
    if state.links:
        return None
    parts = {"content": list(state.content), "static": list(state.static), "data": list(state.data)}
    where = {
        file.location: (part, index)
        for part, files in parts.items()
        for index, file in enumerate(files)
        if file.location in edited
    }
    changed = []
    for location in edited:
        if location not in where:
            return None
        part, index = where[location]
        try:
            stat_result = Path(location).lstat()
        except OSError:
            return None
        if not S_ISREG(stat_result.st_mode):
            return None
        known = parts[part][index]
        parts[part][index] = SourceFile(
            known.location, known.source, stat_result.st_mtime_ns, stat_result.st_size
        )
        changed.append(parts[part][index])
    again = replace(
        state,
        signature=f"restated {time.time_ns()} {secrets.token_hex(8)}",
        content=tuple(parts["content"]),
        static=tuple(parts["static"]),
        data=tuple(parts["data"]),
    )
    return again, tuple(changed)


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at `path`; OSError for anything else.

    Opened without blocking, then checked: a FIFO put where a file was expected fails at once
    instead of waiting forever for a writer.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read()
    finally:
        os.close(descriptor)


def shown_name(name: str) -> str:
    """`name` for a message: bytes that are not UTF-8 shown escaped, as `caf\\xe9.md`."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _decodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.scandir keeps undecodable bytes as lone surrogates
        return False
    return True


def _kind(mode: int) -> str:
    kinds = (
        (S_ISFIFO, "a FIFO"),
        (S_ISSOCK, "a socket"),
        (S_ISCHR, "a device"),
        (S_ISBLK, "a device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _key(output: Path) -> str:
    return f"fresh:{output}"


def _output_token(site: Path, output: Path) -> str | None:
    """The token of the build in `output`, or None when it is missing, was interrupted, or the
    folder is not the one its build was recorded in (deleted, replaced or changed since).

    An interrupted build may have left staging folders, in the output or beside it, and an
    older version its manifest and marker in the output: only a build clears them, so their
    presence means the output is not up to date.
    """
    records = records_of(site)
    staged = (
        updating_path(records, output),
        output / STAGING,
        fresh_staging(output),
        output / LEGACY_MANIFEST,
        output / LEGACY_UPDATING,
    )
    if any(os.path.lexists(path) for path in staged):
        return None
    head = read_head(manifest_path(records, output))
    if head is None or head.output != str(output) or head.identity != folder_identity(output):
        return None
    return head.token


def fresh_build(site: Path, output: Path, sign: str, now: datetime) -> FreshBuild | None:
    """The last build's report if `output` already is the build of `site` (signature `sign`)."""
    cache = cache_path(site)
    if not cache.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (_key(output),)).fetchone()
        finally:
            db.close()
        if row is None:
            return None
        record = json.loads(row[0])
        if record["signature"] != sign or record["token"] != _output_token(site, output):
            return None
        report = FreshBuild(**record["report"])
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return None
    if report.due is not None and now.timestamp() >= report.due:
        return None
    if report.since is not None and now.timestamp() < report.since:
        return None
    return report


def summary_line(
    posts: int, tags: int, pages: int, seconds: float, drafts: int, scheduled: int, expired: int = 0
) -> str:
    """One line for a successful build: posts, tags, pages, seconds, and what was left out."""
    line = (
        f"Built {_plural(posts, 'post')}, {_plural(tags, 'tag')}, "
        f"{_plural(pages, 'page')} in {seconds:.2f} s"
    )
    left_out = []
    if drafts:
        left_out.append(_plural(drafts, "draft"))
    if scheduled:
        left_out.append(f"{scheduled} scheduled")
    if expired:
        left_out.append(f"{expired} expired")
    if left_out:
        listed = ", ".join(left_out[:-1])
        line += f"; left out {listed + ' and ' if listed else ''}{left_out[-1]}"
    return line


def left_out_lines(
    drafts: Iterable[str], scheduled: Iterable[str], expired: Iterable[str] = ()
) -> list[str]:
    """One line per post left out of a build, for `--verbose`."""
    return (
        [f"  draft, left out: {source}" for source in drafts]
        + [f"  scheduled (dated in the future), left out: {source}" for source in scheduled]
        + [f"  expired (its expiry date has come), left out: {source}" for source in expired]
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def record_build(
    db: sqlite3.Connection, output: Path, sign: str, token: str, report: FreshBuild
) -> None:
    """Remember that `output` (manifest `token`) is the build of the site with signature `sign`."""
    value = json.dumps({"signature": sign, "token": token, "report": asdict(report)})
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_key(output), value))
