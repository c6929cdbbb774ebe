"""Is the output already the build of the site as it is now? Answered with the standard library.

A no-op rebuild must not pay for importing and running the whole engine: before anything else,
`octavo build` hashes the stat of every file a build reads (content, templates, static files,
config, and Octavo's own code) with the options that change the output. When that signature
equals the one recorded by the last successful build into the same, untouched output folder, and
no scheduled post has come due since, the build is the output as it stands.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib.util import find_spec
from pathlib import Path

# Kept in step with octavo.cache and octavo.writer, which this module must not import (they pull in
# the engine); tests/test_freshness checks the values agree.
CACHE_RELATIVE = ".octavo/cache.sqlite"
MANIFEST = ".octavo-manifest"
UPDATING = ".octavo-updating"
STAGING = ".octavo-staging"
MANIFEST_HEADER = "octavo-manifest 2 "
ENGINE_PACKAGES = ("octavo_content", "octavo_parser", "octavo_tags", "octavo_render", "octavo")
SITE_PARTS = ("content", "templates", "static")
CONFIG_FILE = "octavo.toml"


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
    # The earliest date (a POSIX timestamp) of a scheduled post: from then on, not fresh.
    due: float | None = None


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
    is_link: bool

    @property
    def path(self) -> Path:
        """Where the file is."""
        return Path(self.location)


@dataclass(frozen=True)
class SiteState:
    """The signature of a site's files, and the content files it saw (the load reuses them)."""

    signature: str
    content: tuple[SourceFile, ...]


def _stat_lines(
    root: str, hasher: hashlib.blake2b, prefix: str = "", found: list[SourceFile] | None = None
) -> int:
    """Add every file under `root` (relative path, mtime, size) to `hasher`, in a stable order.

    Returns the newest modification time seen (ns), 0 for none. With `found`, also lists the
    files there, named `prefix` + their path below `root`.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        return 0
    newest = 0
    for entry in entries:
        # os.scandir: one system call per folder, stats cached; pathlib costs more per file.
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":  # written by Python itself, not the engine's code
                below = _stat_lines(entry.path, hasher, f"{prefix}{entry.name}/", found)
                newest = max(newest, below)
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        newest = max(newest, stat.st_mtime_ns)
        if found is not None:
            name = prefix + entry.name
            found.append(
                SourceFile(entry.path, name, stat.st_mtime_ns, stat.st_size, entry.is_symlink())
            )
        hasher.update(f"{prefix}{entry.name}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return newest


def signature(site: Path, output: Path, *, include_drafts: bool, compress: bool) -> str:
    """The digest of everything a build of `site` into `output` reads, by file stat."""
    return site_state(site, output, include_drafts=include_drafts, compress=compress).signature


def site_state(site: Path, output: Path, *, include_drafts: bool, compress: bool) -> SiteState:
    """The signature of everything a build of `site` into `output` reads, by file stat.

    When a file changed too recently for its stat to be trusted, the signature is made unique,
    so no later build takes it for up to date.
    """
    content: list[SourceFile] = []
    signed_ns = time.time_ns()
    newest = 0
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{output}\0{include_drafts}\0{compress}\n".encode())
    try:
        hasher.update((site / CONFIG_FILE).read_bytes())
    except OSError:
        hasher.update(b"no config")
    for part in SITE_PARTS:
        hasher.update(f"[{part}]\n".encode())
        found = content if part == "content" else None
        newest = max(newest, _stat_lines(str(site / part), hasher, f"{part}/", found))
    for package in ENGINE_PACKAGES:
        spec = find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            hasher.update(f"[{package}]\n".encode())
            newest = max(newest, _stat_lines(location, hasher))
    if newest >= signed_ns - RACY_NS:
        hasher.update(f"racy {signed_ns}".encode())
    return SiteState(hasher.hexdigest(), tuple(content))


def _key(output: Path) -> str:
    return f"fresh:{output}"


def _output_token(output: Path) -> str | None:
    """The token of the build in `output`, or None when it is missing or was interrupted.

    An interrupted build may have left staging folders, in the output or beside it: only a
    build clears them, so their presence means the output is not up to date.
    """
    staged = (output / UPDATING, output / STAGING, output.parent / f".octavo-new-{output.name}")
    if any(path.exists() for path in staged):
        return None
    try:
        with (output / MANIFEST).open(encoding="utf-8") as manifest:
            first = manifest.readline().rstrip("\n")
    except OSError:
        return None
    return first.removeprefix(MANIFEST_HEADER) if first.startswith(MANIFEST_HEADER) else None


def fresh_build(site: Path, output: Path, sign: str, now: datetime) -> FreshBuild | None:
    """The last build's report if `output` already is the build of `site` (signature `sign`)."""
    cache = site / CACHE_RELATIVE
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
        if record["signature"] != sign or record["token"] != _output_token(output):
            return None
        report = FreshBuild(**record["report"])
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return None
    if report.due is not None and now.timestamp() >= report.due:
        return None
    return report


def summary_line(
    posts: int, tags: int, pages: int, seconds: float, drafts: int, scheduled: int
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
    if left_out:
        line += f"; left out {' and '.join(left_out)}"
    return line


def left_out_lines(drafts: Iterable[str], scheduled: Iterable[str]) -> list[str]:
    """One line per post left out of a build, for `--verbose`."""
    return [f"  draft, left out: {source}" for source in drafts] + [
        f"  scheduled (dated in the future), left out: {source}" for source in scheduled
    ]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def record_build(
    db: sqlite3.Connection, output: Path, sign: str, token: str, report: FreshBuild
) -> None:
    """Remember that `output` (manifest `token`) is the build of the site with signature `sign`."""
    value = json.dumps({"signature": sign, "token": token, "report": asdict(report)})
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_key(output), value))
