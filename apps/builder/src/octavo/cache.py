"""The build cache: parsed posts by content hash, and what each output was built from.

One SQLite file beside the site (`.octavo/cache.sqlite`). It is a cache, never a source of truth:
a corrupt, foreign or older-version file is discarded with one warning and rebuilt from the
content. Posts are stored as JSON (never pickles, so a planted cache file cannot run code), with
the heavy HTML in separate columns so a rebuild reads only the few bodies it renders.

Everything read back is checked before a build relies on it: the tables' layout when the file is
opened, every row's light columns and the types of its heavy ones when the posts are listed (one
query, which never loads a body). A failed check raises `CacheCorrupt`; the builder then discards
the file and loads again from the content, so a damaged cache costs time, never correctness.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from octavo.layout import (
    CACHE_FILE,
    MANIFEST_SUFFIX,
    OUTPUT_KEYS,
    OUTPUTS_DIR,
    RECORDS_DIR,
    manifest_path,
    read_head,
    updating_path,
)
from octavo_content import ContentError, LightPost, Post

# The name builder.py imports; the fact itself is `layout.RECORDS_DIR`.
CACHE_DIR = RECORDS_DIR
# Bump when the layout of the tables or the meaning of a stored value changes.
SCHEMA = "octavo-cache-7"

# `generation` is the number of the load that parsed the row: a post parsed after the last
# successful build into an output is new to that output, whether or not a failed build saw it.
# The light columns come first, so listing the posts never reads the pages a body spills onto.
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE posts (
    source TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    digest TEXT NOT NULL, generation INTEGER NOT NULL, post TEXT, placement TEXT,
    problems TEXT NOT NULL, body_html TEXT, list_html TEXT, summary_html TEXT, feed_html TEXT
);
CREATE TABLE outputs (
    output TEXT NOT NULL, url TEXT NOT NULL, fingerprint TEXT NOT NULL, digest TEXT NOT NULL,
    shows TEXT NOT NULL, PRIMARY KEY (output, url)
);
"""

# True when a row's heavy columns can be what `bodies_of` needs: text HTML. typeof() reads a
# column's type from the row header without loading it.
_WHOLE = """
    post IS NULL OR (
        typeof(placement) = 'text' AND typeof(body_html) = 'text'
        AND typeof(list_html) = 'text' AND typeof(summary_html) = 'text'
        AND typeof(feed_html) IN ('text', 'null')
    )
"""
# Between the source paths of the posts an output showed (no path holds a NUL).
_SHOWN = "\0"
# Set by a build that found the cache damaged while rendering: the next build discards it.
_DAMAGED = "damaged"


@dataclass(frozen=True)
class CachedPost:
    """What the cache knows of one source file: its stat, digest, post (light) and problems."""

    source: str
    mtime_ns: int
    size: int
    digest: str
    post: LightPost | None
    problems: tuple[ContentError, ...]
    # The load that parsed it (see `BuildCache.generation`).
    generation: int = 0
    # The post's `placement_digest`, computed once when it is parsed.
    placement: str = ""

    def restated(self, mtime_ns: int, size: int) -> CachedPost:
        """This entry for its file with a new stat and the same bytes."""
        return replace(self, mtime_ns=mtime_ns, size=size)


@dataclass(frozen=True)
class OutputRecord:
    """What an output was last built from (`fingerprint`), what its bytes were (`digest`), and
    the posts whose content its view held (`shows`)."""

    fingerprint: str
    digest: str
    shows: frozenset[str] = frozenset()


class CacheCorrupt(Exception):
    """The cache file cannot be trusted (or cannot be made): the build goes on without it."""


def cache_warning(message: str) -> ContentError:
    """The warning of a build that could not use the cache as it was, and did without it."""
    return ContentError(
        path=f"{CACHE_DIR}/{CACHE_FILE}",
        message=message,
        hint="nothing to do: this build starts from the content and writes a new cache",
        severity="warning",
    )


@contextmanager
def _reading() -> Iterator[None]:
    """Turn whatever a damaged file can raise while it is read into `CacheCorrupt`."""
    try:
        yield
    except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as failure:
        raise CacheCorrupt(str(failure) or type(failure).__name__) from failure


class BuildCache:
    """The SQLite cache of one site. Opened per build; each process opens its own connection."""

    def __init__(self, path: Path, parse_key: str, warning: ContentError | None = None) -> None:
        self.path = path
        self.parse_key = parse_key
        self.warning = warning
        # The number of this build's load; set by `next_generation`.
        self.generation = 0
        self._pid = os.getpid()
        self._db = sqlite3.connect(path)
        self._outputs: dict[str, dict[str, OutputRecord]] = {}

    @classmethod
    def open(cls, site: Path, parse_key: str) -> BuildCache:
        """The cache of `site` for posts parsed under `parse_key`, made anew when it is not one.

        Posts parsed under another key are forgotten. Raises `CacheCorrupt` when no cache can
        be opened or made there (the build then goes without one).
        """
        folder = site / CACHE_DIR
        path = folder / CACHE_FILE
        warning = None
        try:
            folder.mkdir(exist_ok=True)
            why = _distrust(path)
            if why is not None:
                _remove(path)
                warning = cache_warning(f"the build cache was discarded ({why})")
            if why is not None or not path.exists():
                _create(path)
            opened = cls(path, parse_key, warning)
            if opened.meta("parse_key") != parse_key:
                opened.forget_posts()
                opened.set_meta("parse_key", parse_key)
        except (OSError, sqlite3.Error) as failure:
            raise CacheCorrupt(f"{CACHE_DIR}/{CACHE_FILE} cannot be made: {failure}") from failure
        return opened

    def reopened(self) -> BuildCache:
        """After `CacheCorrupt`: this cache's file removed, and a new, empty one in its place."""
        self.close()
        _remove(self.path)
        return BuildCache.open(self.path.parent.parent, self.parse_key)

    def connection(self) -> sqlite3.Connection:
        """This process's connection (a connection must not cross a fork)."""
        if os.getpid() != self._pid:
            self._db = sqlite3.connect(self.path)
            self._pid = os.getpid()
        return self._db

    def meta(self, key: str) -> str | None:
        """A stored setting, such as the key the stored posts were parsed under."""
        with _reading():
            row = self.connection().execute("SELECT value FROM meta WHERE key = ?", (key,))
            found = row.fetchone()
        return None if found is None else str(found[0])

    def set_meta(self, key: str, value: str) -> None:
        """Store a setting."""
        with _reading():
            self.connection().execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def next_generation(self) -> int:
        """Number a new load of the posts (stored with what it parses) and return the number."""
        self.generation = self.meta_int("generation") + 1
        self.set_meta("generation", str(self.generation))
        return self.generation

    def meta_int(self, key: str) -> int:
        """A stored whole number (0 when none is stored)."""
        return _int(self.meta(key))

    def built_generation(self, output: str) -> int:
        """The load of the last build that succeeded into `output` (0 for none)."""
        return self.meta_int(f"built:{output}")

    def mark_built(self, output: str) -> None:
        """Record that this build's load was published into `output`: its posts are not new."""
        self.set_meta(f"built:{output}", str(self.generation))

    def mark_damaged(self) -> None:
        """Record that a read found this cache damaged, so the next build discards it."""
        try:
            self.set_meta(_DAMAGED, "found damaged while a build read it")
            self.commit()
        except CacheCorrupt:
            pass  # too damaged to say so: the next build's checks will find it

    def forget_posts(self) -> None:
        """Drop every stored post (their parse depended on settings that changed)."""
        with _reading():
            self.connection().execute("DELETE FROM posts")

    def posts(self) -> dict[str, CachedPost]:
        """Every stored post by source path, bodies left out (see `bodies_of`), each checked."""
        found = {}
        with _reading():
            rows = self.connection().execute(
                "SELECT source, mtime_ns, size, digest, generation, post, placement, problems, "
                f"{_WHOLE} FROM posts"
            )
            for row in rows:
                source, mtime_ns, size, digest, generation, post, placement, problems, whole = row
                light_columns = (source, digest, mtime_ns, size, generation)
                if not (_types_are(light_columns, (str, str, int, int, int)) and whole):
                    raise CacheCorrupt(f"the stored post {source!r} is damaged")
                found[source] = CachedPost(
                    source,
                    mtime_ns,
                    size,
                    digest,
                    None if post is None else LightPost.model_validate_json(post),
                    _problems(problems),
                    generation,
                    placement or "",
                )
        return found

    def store_posts(self, entries: Iterable[tuple[CachedPost, Post | None]]) -> None:
        """Store posts just parsed (the full post, bodies included) or just re-stated."""
        rows = []
        for entry, full in entries:
            heavy = _heavy_columns(full) if full is not None else (None, None, None, None)
            rows.append(
                (
                    entry.source,
                    entry.mtime_ns,
                    entry.size,
                    entry.digest,
                    entry.generation,
                    # Fields at their defaults are left out: less JSON to read on every build.
                    None
                    if entry.post is None
                    else entry.post.model_dump_json(exclude_defaults=True),
                    None if entry.post is None else entry.placement,
                    json.dumps([problem.model_dump() for problem in entry.problems]),
                    *heavy,
                )
            )
        with _reading():
            self.connection().executemany(
                "INSERT OR REPLACE INTO posts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )

    def touch_posts(self, entries: Iterable[CachedPost]) -> None:
        """Record a new stat for posts whose bytes did not change."""
        with _reading():
            self.connection().executemany(
                "UPDATE posts SET mtime_ns = ?, size = ? WHERE source = ?",
                [(entry.mtime_ns, entry.size, entry.source) for entry in entries],
            )

    def drop_posts(self, sources: Iterable[str]) -> None:
        """Forget posts whose files are gone."""
        with _reading():
            self.connection().executemany(
                "DELETE FROM posts WHERE source = ?", [(source,) for source in sources]
            )

    def bodies_of(self, sources: Sequence[str]) -> dict[str, dict[str, str | None]]:
        """The HTML of the named posts, by field name, to make whole posts of light ones.

        `posts` checked their types; anything else wrong with them (or a row gone) raises
        `CacheCorrupt` rather than put a wrong page together.
        """
        found: dict[str, dict[str, str | None]] = {}
        db = self.connection()
        with _reading():
            for start in range(0, len(sources), 500):
                chunk = list(sources[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT source, body_html, list_html, summary_html, feed_html FROM posts "
                    f"WHERE source IN ({marks})",
                    chunk,
                )
                for source, body_html, list_html, summary_html, feed_html in rows:
                    if not _types_are((body_html, list_html, summary_html), (str,) * 3) or not (
                        feed_html is None or type(feed_html) is str
                    ):
                        raise CacheCorrupt(f"the stored HTML of {source!r} is damaged")
                    found[source] = {
                        "body_html": body_html,
                        "list_html": list_html,
                        "summary_html": summary_html,
                        "feed_html": feed_html,
                    }
        if len(found) != len(set(sources)):
            raise CacheCorrupt("a stored post is missing its HTML")
        return found

    def outputs(self, output: str) -> dict[str, OutputRecord]:
        """What each URL of `output` was last built from (read once per build)."""
        if output not in self._outputs:
            with _reading():
                rows = self.connection().execute(
                    "SELECT url, fingerprint, digest, shows FROM outputs WHERE output = ?",
                    (output,),
                )
                self._outputs[output] = {
                    str(url): OutputRecord(str(fingerprint), str(digest), _shows(shows))
                    for url, fingerprint, digest, shows in rows
                }
        return self._outputs[output]

    def seed_outputs(self, output: str, records: dict[str, OutputRecord]) -> None:
        """Take `records` as what `outputs(output)` would read (a long-running process kept
        them from its last build: `Resident`)."""
        self._outputs[output] = records

    def store_outputs(
        self, output: str, changed: dict[str, OutputRecord], removed: Iterable[str]
    ) -> None:
        """Record the outputs of `output` that were built again, and forget those now gone."""
        self._outputs.pop(output, None)
        db = self.connection()
        with _reading():
            db.executemany(
                "DELETE FROM outputs WHERE output = ? AND url = ?",
                [(output, url) for url in removed],
            )
            db.executemany(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
                [
                    (output, url, r.fingerprint, r.digest, _SHOWN.join(sorted(r.shows)))
                    for url, r in changed.items()
                ],
            )

    def forget_outputs(self, output: str) -> None:
        """Forget what `output` holds (it was changed or removed outside Octavo)."""
        self._outputs.pop(output, None)
        with _reading():
            self.connection().execute("DELETE FROM outputs WHERE output = ?", (output,))

    def prune_outputs(self) -> list[str]:
        """Forget every output folder that no longer exists: its rows, its meta keys, and its
        manifest and marker in the records folder. Returns the folders forgotten.

        Called under the site's lock; the rows go with the build's next `commit`.
        """
        records = self.path.parent
        db = self.connection()
        with _reading():
            known = {str(output) for (output,) in db.execute("SELECT DISTINCT output FROM outputs")}
            for prefix in OUTPUT_KEYS:
                keys = db.execute(
                    "SELECT key FROM meta WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
                )
                known.update(str(key)[len(prefix) :] for (key,) in keys)
        for manifest in (records / OUTPUTS_DIR).glob("*" + MANIFEST_SUFFIX):
            head = read_head(manifest)
            if head is not None:
                known.add(head.output)
        gone = sorted(output for output in known if not Path(output).is_dir())
        with _reading():
            db.executemany("DELETE FROM outputs WHERE output = ?", [(output,) for output in gone])
            db.executemany(
                "DELETE FROM meta WHERE key = ?",
                [(prefix + output,) for output in gone for prefix in OUTPUT_KEYS],
            )
        for output in gone:
            self._outputs.pop(output, None)
            manifest = manifest_path(records, Path(output))
            marker = updating_path(records, Path(output))
            for record in (manifest, manifest.with_name(manifest.name + ".new"), marker):
                with suppress(OSError):  # housekeeping: the next build tries again
                    record.unlink(missing_ok=True)
        return gone

    def commit(self) -> None:
        """Make the changes of this build durable."""
        with _reading():
            self.connection().commit()

    def close(self) -> None:
        """Close this process's connection."""
        self.connection().close()


def _int(stored: str | None) -> int:
    try:
        return int(stored) if stored else 0
    except ValueError as failure:
        raise CacheCorrupt(f"a stored number is not one: {stored!r}") from failure


def _types_are(values: Sequence[object], types: Sequence[type]) -> bool:
    # `type(...) is`, not isinstance: True is an int, and no column holds a bool.
    return all(type(value) is kind for value, kind in zip(values, types, strict=True))


def _problems(stored: str) -> tuple[ContentError, ...]:
    if stored == "[]":  # most posts: skip the JSON parser
        return ()
    return tuple(ContentError.model_validate(item) for item in json.loads(stored))


def _heavy_columns(post: Post) -> tuple[str, str, str, str | None]:
    # In the table's order.
    return post.body_html, post.list_html, post.summary_html, post.feed_html


def _shows(stored: object) -> frozenset[str]:
    """The posts an output record says its page showed; damage is CacheCorrupt."""
    if not isinstance(stored, str):
        raise CacheCorrupt("a stored output record is damaged")
    return frozenset(stored.split(_SHOWN)) if stored else frozenset()


def _distrust(path: Path) -> str | None:
    """Why the file at `path` is not a cache this version can use, or None when it is (or none)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as failure:
        return f"unreadable: {failure.strerror}"
    if not stat.S_ISREG(mode):  # a folder, a link, a FIFO (which would hang SQLite's reads)...
        return "not a file"
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = db.execute(
                "SELECT type, name, sql FROM sqlite_master ORDER BY name"
            ).fetchall()
            if tables != _expected_tables():
                return "unreadable: its tables are not a cache's"
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            damaged = db.execute("SELECT value FROM meta WHERE key = ?", (_DAMAGED,)).fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as failure:
        return f"unreadable: {failure}"
    if row is None or row[0] != SCHEMA:
        return f"made by another version ({row[0] if row else 'unknown'})"
    return None if damaged is None else str(damaged[0])


@cache
def _expected_tables() -> list[tuple[str, str, str | None]]:
    """The tables and indexes of a cache made by this version, as sqlite_master lists them."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(_TABLES)
        rows: list[tuple[str, str, str | None]] = db.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()
        return rows
    finally:
        db.close()


def _create(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        with db:
            db.executescript(_TABLES)
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
    finally:
        db.close()


def _remove(path: Path) -> None:
    """Remove what stands at the cache's path (`.octavo/` is Octavo's own folder)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
