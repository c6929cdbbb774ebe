"""Fingerprints: a digest of everything an output is made from, computed without rendering it.

An output whose fingerprint matches the one recorded for the previous build is not rendered
again. A fingerprint must therefore cover everything its template shows: the property test in
tests/test_incremental_property.py compares incremental builds with clean ones to prove it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from octavo_content import Post, SiteConfig
from octavo_tags import TagIndex

# The packages whose code decides what the output is: a change to any of them changes every page.
ENGINE_PACKAGES = ("octavo_content", "octavo_parser", "octavo_tags", "octavo_render", "octavo")


def digest(*parts: object) -> str:
    """A short, stable digest of plain values (strings, numbers, tuples of them)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def bytes_digest(data: bytes) -> str:
    """The digest of file contents."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _files_digest(files: Iterable[tuple[str, bytes]]) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for name, data in sorted(files):
        # A name that is not UTF-8 is an error of the walk; here it must not raise first.
        hasher.update(name.encode("utf-8", "surrogateescape") + b"\0")
        hasher.update(bytes_digest(data).encode())
    return hasher.hexdigest()


def _package_files(package: str) -> Iterable[tuple[str, bytes]]:
    root = resources.files(package)
    pending = [root]
    while pending:
        folder = pending.pop()
        for item in folder.iterdir():
            if item.is_dir():
                if item.name != "__pycache__":
                    pending.append(item)
            elif not item.name.endswith(".pyc"):
                yield f"{package}/{item.name}", item.read_bytes()


def engine_digest(packages: Iterable[str] = ENGINE_PACKAGES) -> str:
    """The digest of Octavo's own code and theme: what turns the same content into other bytes."""
    return _files_digest(file for package in packages for file in _package_files(package))


def templates_digest(templates: Path) -> str:
    """The digest of the site's own templates."""
    if not templates.is_dir():
        return "none"
    return _files_digest(
        (path.relative_to(templates).as_posix(), path.read_bytes())
        for path in templates.rglob("*")
        if path.is_file()
    )


def parse_key(config: SiteConfig) -> str:
    """What a parsed post depends on beside its own bytes: the parser and these settings."""
    settings = config.model_dump_json(
        include={"timezone", "raw_html", "strict_front_matter", "permalinks"}
    )
    return digest(engine_digest(("octavo_content", "octavo_parser")), settings)


class Fingerprints:
    """Fingerprints of every kind of output of one build."""

    def __init__(self, site_key: str, index: TagIndex, source_digests: dict[str, str]) -> None:
        self.site = site_key
        self.index = index
        self.sources = source_digests
        self._shown: dict[str, tuple[object, ...]] = {}
        self._entries: dict[str, str] = {}

    def shown(self, post: Post) -> tuple[object, ...]:
        """What a list or feed shows of a post: its content and its tags' names."""
        known = self._shown.get(post.source)
        if known is None:
            names = tuple(tag.name for tag in self.index.tags_of(post))
            shown = (post.source, post.url, self.sources[post.source], names)
            known = self._shown[post.source] = shown
        return known

    def _shown_all(self, posts: Iterable[Post]) -> tuple[object, ...]:
        shown = self._shown
        return tuple(
            shown[post.source] if post.source in shown else self.shown(post) for post in posts
        )

    def structure(self, posts: Iterable[Post]) -> str:
        """Everything fingerprints read except the posts' bytes: the site and each post's place.

        Equal to the last build's, a route's fingerprint can only have changed if it shows a
        post whose bytes changed.
        """
        placed = tuple(
            sorted(
                (
                    post.source,
                    post.url,
                    post.title,
                    post.date.isoformat(),
                    post.day_only,
                    post.draft,
                    None if post.updated is None else post.updated.isoformat(),
                    post.tags,
                )
                for post in posts
            )
        )
        return digest(self.site, placed)

    def archive(self, posts: Iterable[Post]) -> str:
        """The archive: each post's link, title, day and draft mark, not its content."""
        listed = tuple(
            (post.url, post.title, post.date.isoformat(), post.day_only, post.draft)
            for post in posts
        )
        return digest(self.site, "archive", listed)

    def post_page(self, post: Post, newer: Post | None, older: Post | None) -> str:
        """A post's page: the post, its neighbours, and the tags its related posts come from."""
        tags = tuple(self._entry(tag.slug) for tag in self.index.tags_of(post))
        return digest(self.site, self.sources[post.source], _link(newer), _link(older), tags)

    def _entry(self, slug: str) -> str:
        """A tag's members as its posts' pages show them (related posts), computed once."""
        known = self._entries.get(slug)
        if known is None:
            entry = self.index.get(slug)
            # The path too: related posts of equal score and date are ordered by it.
            members = tuple((p.url, p.title, p.date.isoformat(), p.source) for p in entry.posts)
            known = self._entries[slug] = digest(entry.tag.name, entry.tag.slug, members)
        return known

    def listing(self, kind: str, *parts: object, posts: Iterable[Post]) -> str:
        """A list page or a feed: its own parts and every post it shows."""
        return digest(self.site, kind, parts, self._shown_all(posts))

    def fixed(self, kind: str, *parts: object) -> str:
        """An output that depends only on the site and the given parts."""
        return digest(self.site, kind, parts)


def _link(post: Post | None) -> tuple[str, str, str] | None:
    return None if post is None else (post.url, post.title, post.date.isoformat())
