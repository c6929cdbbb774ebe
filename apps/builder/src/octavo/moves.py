"""Posts that moved: a post whose URL changed since the last build into the same output keeps a
redirect from its old URL, recorded across builds in the build cache.

The cache keeps, per output folder, the URL (and source digest) of every post the last build
published there (`urls:`), and the redirects kept so far (`moved:`, old URL -> new URL). A build
reads them, adds the posts that moved, and hands the result to the page kinds as `Site.moved`; the
write phase saves both again, in the transaction that records the build's pages.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field

from octavo.cache import BuildCache
from octavo.layout import cache_path
from octavo.site import SitePaths
from octavo_content import ContentError, LightPost


@dataclass(frozen=True)
class History:
    """What earlier builds into one output left: each post's URL and digest, and the redirects."""

    # Source path -> (URL, digest of its bytes) of every post the last build published.
    urls: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # Old URL -> new URL.
    moved: Mapping[str, str] = field(default_factory=dict)

    def dumps(self) -> tuple[str, str]:
        """The two meta values that store this history."""
        # JSON writes each (URL, digest) pair as a list, which `recorded_history` reads back.
        return json.dumps(self.urls, sort_keys=True), json.dumps(self.moved, sort_keys=True)


def recorded_history(cache: BuildCache | None, output: str) -> History:
    """The history of `output` in `cache`; an empty one without a cache (`--no-cache`)."""
    if cache is None:
        return History()
    urls = _loaded(cache.meta(f"urls:{output}"))
    moved = _loaded(cache.meta(f"moved:{output}"))
    return History(
        urls={
            source: (str(pair[0]), str(pair[1]))
            for source, pair in urls.items()
            if isinstance(pair, list) and len(pair) == 2
        },
        moved={old: new for old, new in moved.items() if isinstance(new, str)},
    )


def recorded_moves(paths: SitePaths) -> dict[str, str]:
    """The redirects of moved posts the site's cache holds for its output (for a clean build
    that must equal the output, such as `--verify`'s); empty when there is none to read."""
    try:
        uri = cache_path(paths.root).as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as db:
            row = db.execute(
                "SELECT value FROM meta WHERE key = ?", (f"moved:{paths.output}",)
            ).fetchone()
    except (sqlite3.Error, ValueError):
        return {}
    moved = _loaded(None if row is None else str(row[0]))
    return {old: new for old, new in moved.items() if isinstance(new, str)}


def moved_posts(
    history: History, posts: Iterable[LightPost], digests: Mapping[str, str]
) -> tuple[dict[str, str], list[ContentError]]:
    """Given the history and this build's published posts, returns the redirects to keep (old
    URL -> new URL) and a warning per post that moved since the last build.

    A post moved when its source had another URL, or, for a source new to this build, when a
    source gone since had the same bytes and another URL (a renamed file). Chains resolve to the
    newest URL (A -> B, then B -> C: A -> C); a redirect whose old URL is a post's again, or whose
    post is gone, is dropped.
    """
    posts = tuple(posts)
    urls = history.urls
    # The common case, checked first: every post where it was (one pass, no other work).
    elsewhere = [post for post in posts if (urls.get(post.source) or ("",))[0] != post.url]
    # Sources gone since the last build, in path order (a digest two of them had: the last).
    gone = (
        {
            urls[source][1]: urls[source][0]
            for source in sorted(source for source in urls if source not in digests)
        }
        if elsewhere
        else {}
    )
    moved = dict(history.moved)
    found: list[tuple[str, str, LightPost]] = []
    for post in elsewhere:
        known = urls.get(post.source)
        before = known[0] if known is not None else gone.get(digests.get(post.source, ""))
        if before is not None and before != post.url:
            found.append((post.source, before, post))
    problems: list[ContentError] = []
    for _, before, post in sorted(found, key=lambda move: move[0]):
        moved[before] = post.url
        problems.append(_moved_warning(post, before))
    if not moved:
        return {}, problems
    live = {post.url for post in posts}
    kept: dict[str, str] = {}
    for old, new in sorted(moved.items()):
        seen = {old}
        while new in moved and new not in seen:
            seen.add(new)
            new = moved[new]
        if new in live and old not in live and old != new:
            kept[old] = new
    return kept, problems


def published_urls(
    posts: Iterable[LightPost], digests: Mapping[str, str]
) -> dict[str, tuple[str, str]]:
    """Each published post's URL and source digest, by source path: the next build's history."""
    return {post.source: (post.url, digests.get(post.source, "")) for post in posts}


def _moved_warning(post: LightPost, before: str) -> ContentError:
    return ContentError(
        path=post.source,
        line=post.url_line,
        field="url",
        message=(
            f"the {post.kind} moved from {before} to {post.url} since the last build; a"
            f" redirect from {before} is kept"
        ),
        hint=f"nothing to do if it was meant; to keep the old URL instead, set  url: {before}",
        severity="warning",
    )


def _loaded(stored: str | None) -> dict[str, object]:
    """A JSON object stored in the cache's meta; empty when absent or not one."""
    if stored is None:
        return {}
    try:
        value = json.loads(stored)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
