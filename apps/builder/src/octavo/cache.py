"""The build cache: parsed posts by content hash, and what each output was built from.

One SQLite file beside the site (`.octavo/cache.sqlite`). It is a cache, never a source of truth:
a corrupt, foreign or older-version file is discarded with one warning and rebuilt from the
content. Posts are stored as JSON (never pickles, so a planted cache file cannot run code), with
the heavy HTML in separate columns so a rebuild reads only the few bodies it renders.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from octavo_content import ContentError, Heading, Post

CACHE_DIR = ".octavo"
CACHE_FILE = "cache.sqlite"
# Bump when the layout of the tables or the meaning of a stored value changes.
SCHEMA = "octavo-cache-3"

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE posts (
    source TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    digest TEXT NOT NULL, post TEXT, body_html TEXT, list_html TEXT, summary_html TEXT,
    toc TEXT, problems TEXT NOT NULL
);
CREATE TABLE outputs (
    output TEXT NOT NULL, url TEXT NOT NULL, fingerprint TEXT NOT NULL, digest TEXT NOT NULL,
    PRIMARY KEY (output, url)
);
"""


@dataclass(frozen=True)
class CachedPost:
    """What the cache knows of one source file: its stat, digest, post (light) and problems."""

    source: str
    mtime_ns: int
    size: int
    digest: str
    post: Post | None
    problems: tuple[ContentError, ...]


@dataclass(frozen=True)
class OutputRecord:
    """What an output was last built from (`fingerprint`) and what its bytes were (`digest`)."""

    fingerprint: str
    digest: str


class CacheCorrupt(Exception):
    """The cache file cannot be trusted."""


class BuildCache:
    """The SQLite cache of one site. Opened per build; each process opens its own connection."""

    def __init__(self, path: Path, warning: ContentError | None = None) -> None:
        self.path = path
        self.warning = warning
        self._pid = os.getpid()
        self._db = sqlite3.connect(path)

    @classmethod
    def open(cls, site: Path) -> BuildCache:
        """Open (or create) the cache of `site`; a file that is not a current cache is replaced."""
        folder = site / CACHE_DIR
        folder.mkdir(exist_ok=True)
        path = folder / CACHE_FILE
        warning = None
        if path.exists():
            why = _distrust(path)
            if why is None:
                return cls(path)
            path.unlink()
            warning = ContentError(
                path=str(path),
                message=f"the build cache was discarded ({why})",
                hint="nothing to do: this build starts from the content and writes a new cache",
                severity="warning",
            )
        db = sqlite3.connect(path)
        with db:
            db.executescript(_TABLES)
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
        db.close()
        return cls(path, warning)

    def connection(self) -> sqlite3.Connection:
        """This process's connection (a connection must not cross a fork)."""
        if os.getpid() != self._pid:
            self._db = sqlite3.connect(self.path)
            self._pid = os.getpid()
        return self._db

    def meta(self, key: str) -> str | None:
        """A stored setting, such as the key the stored posts were parsed under."""
        row = self.connection().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Store a setting."""
        self.connection().execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def forget_posts(self) -> None:
        """Drop every stored post (their parse depended on settings that changed)."""
        self.connection().execute("DELETE FROM posts")

    def posts(self) -> dict[str, CachedPost]:
        """Every stored post by source path, bodies left out (see `body_of`)."""
        found = {}
        try:
            rows = self.connection().execute(
                "SELECT source, mtime_ns, size, digest, post, problems FROM posts"
            )
            for source, mtime_ns, size, digest, post, problems in rows:
                found[source] = CachedPost(
                    source,
                    mtime_ns,
                    size,
                    digest,
                    None if post is None else Post.model_validate_json(post),
                    _problems(problems),
                )
        except (sqlite3.DatabaseError, ValueError) as failure:
            raise CacheCorrupt(str(failure)) from failure
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
                    None if entry.post is None else entry.post.model_dump_json(),
                    *heavy,
                    json.dumps([problem.model_dump() for problem in entry.problems]),
                )
            )
        self.connection().executemany(
            "INSERT OR REPLACE INTO posts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )

    def touch_posts(self, entries: Iterable[CachedPost]) -> None:
        """Record a new stat for posts whose bytes did not change."""
        self.connection().executemany(
            "UPDATE posts SET mtime_ns = ?, size = ? WHERE source = ?",
            [(entry.mtime_ns, entry.size, entry.source) for entry in entries],
        )

    def drop_posts(self, sources: Iterable[str]) -> None:
        """Forget posts whose files are gone."""
        self.connection().executemany(
            "DELETE FROM posts WHERE source = ?", [(source,) for source in sources]
        )

    def bodies_of(self, sources: Sequence[str]) -> dict[str, dict[str, object]]:
        """The heavy fields of the named posts, ready for `Post.model_copy(update=...)`."""
        found: dict[str, dict[str, object]] = {}
        db = self.connection()
        for start in range(0, len(sources), 500):
            chunk = list(sources[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                f"SELECT source, body_html, list_html, summary_html, toc FROM posts "
                f"WHERE source IN ({marks})",
                chunk,
            )
            for source, body_html, list_html, summary_html, toc in rows:
                found[source] = {
                    "body_html": body_html,
                    "list_html": list_html,
                    "summary_html": summary_html,
                    "toc": tuple(Heading.model_validate(item) for item in json.loads(toc)),
                }
        return found

    def outputs(self, output: str) -> dict[str, OutputRecord]:
        """What each URL of `output` was last built from."""
        rows = self.connection().execute(
            "SELECT url, fingerprint, digest FROM outputs WHERE output = ?", (output,)
        )
        return {url: OutputRecord(fingerprint, digest) for url, fingerprint, digest in rows}

    def store_outputs(
        self, output: str, changed: dict[str, OutputRecord], removed: Iterable[str]
    ) -> None:
        """Record the outputs of `output` that were built again, and forget those now gone."""
        db = self.connection()
        db.executemany(
            "DELETE FROM outputs WHERE output = ? AND url = ?", [(output, url) for url in removed]
        )
        db.executemany(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)",
            [(output, url, r.fingerprint, r.digest) for url, r in changed.items()],
        )

    def forget_outputs(self, output: str) -> None:
        """Forget what `output` holds (it was changed or removed outside Octavo)."""
        self.connection().execute("DELETE FROM outputs WHERE output = ?", (output,))

    def commit(self) -> None:
        """Make the changes of this build durable."""
        self.connection().commit()

    def close(self) -> None:
        """Close this process's connection."""
        self.connection().close()


def _problems(stored: str) -> tuple[ContentError, ...]:
    if stored == "[]":  # most posts: skip the JSON parser
        return ()
    return tuple(ContentError.model_validate(item) for item in json.loads(stored))


def light(post: Post) -> Post:
    """`post` without its heavy HTML: what every build holds of every post."""
    return post.model_copy(update={"body_html": "", "list_html": "", "summary_html": "", "toc": ()})


def _heavy_columns(post: Post) -> tuple[str, str, str, str]:
    toc = json.dumps([heading.model_dump() for heading in post.toc])
    return post.body_html, post.list_html, post.summary_html, toc


def _distrust(path: Path) -> str | None:
    """Why the file at `path` is not a cache this version can use, or None when it is."""
    try:
        db = sqlite3.connect(path)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as failure:
        return f"unreadable: {failure}"
    if row is None or row[0] != SCHEMA:
        return f"made by another version ({row[0] if row else 'unknown'})"
    return None
