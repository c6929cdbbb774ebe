"""Phase 1, load: read every post file, parse what changed, set drafts and scheduled posts apart."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from octavo.cache import BuildCache, CacheCorrupt, CachedPost
from octavo.fingerprint import bytes_digest, digest
from octavo.freshness import RACY_NS, SourceFile, read_regular
from octavo.parallel import parse_many
from octavo.progress import BuildProgress
from octavo.reading import read_source
from octavo.site import SitePaths
from octavo_content import ContentError, ImageInfo, LightPost, Post, SiteConfig
from octavo_parser import parse_post

POST_SUFFIXES = (".md", ".markdown")


class PostStore:
    """Whole posts on demand: those parsed in this build are held; the rest come from the cache.

    Every build holds every post light; only the posts it parsed hold their HTML. A rebuild reads
    the bodies of just the pages it renders again, in one query (`whole`).
    """

    def __init__(
        self,
        parsed: dict[str, Post],
        cache: BuildCache | None,
        parse_again: Callable[[LightPost], Post] | None = None,
    ) -> None:
        self._parsed = parsed
        self._cache = cache
        self._parse_again = parse_again

    def holds(self, posts: Iterable[LightPost]) -> bool:
        """True when every one of `posts` was parsed in this build (its HTML is in memory)."""
        return all(post.source in self._parsed for post in posts)

    def whole(self, posts: Iterable[LightPost]) -> dict[str, Post]:
        """The named posts with their HTML, by source path."""
        wanted = {post.source: post for post in posts}
        found = {source: self._parsed[source] for source in wanted if source in self._parsed}
        missing = [source for source in wanted if source not in found]
        if not missing:
            return found
        assert self._cache is not None, "a post without its body must come from the cache"
        try:
            bodies = self._cache.bodies_of(missing)
        except CacheCorrupt:
            # Damaged beyond what the load's check sees: parse the posts again, and have the
            # next build discard the cache.
            assert self._parse_again is not None, "a store over a cache can parse again"
            self._cache.mark_damaged()
            found.update((source, self._parse_again(wanted[source])) for source in missing)
            return found
        for source in missing:
            html = bodies[source]
            found[source] = Post.of(
                wanted[source],
                body_html=html["body_html"] or "",
                list_html=html["list_html"] or "",
                summary_html=html["summary_html"] or "",
                feed_html=html["feed_html"],
            )
        return found


def parse_again(
    root: Path, config: SiteConfig, images: Mapping[str, ImageInfo], post: LightPost
) -> Post:
    """`post` parsed again from its file, HTML included; CacheCorrupt if that fails now."""
    try:
        data = read_regular(root / post.source)
    except OSError as failure:
        raise CacheCorrupt(f"{post.source} could not be read again: {failure}") from failure
    again = parse_post(data, post.source, config, images).post
    if again is None:
        raise CacheCorrupt(f"{post.source} changed while the build ran")
    return again


@dataclass(frozen=True)
class LoadedSite:
    """The posts to publish, the ones left out, and every problem found on the way.

    Standalone pages (`kind: page`) are set apart here, in `pages`: `posts` never holds one, so
    no list, feed or index made from the posts can show a page by forgetting to filter it out.
    Drafts and scheduled files, posts or pages, are left out alike.
    """

    posts: tuple[LightPost, ...]
    drafts: tuple[LightPost, ...]
    scheduled: tuple[LightPost, ...]
    problems: tuple[ContentError, ...]
    # The digest of each post's content: what its pages are made from (its source bytes, and
    # what was measured of the images it shows: `content_digest`).
    digests: dict[str, str] = field(default_factory=dict)
    # Each post's `placement_digest`: what decides where it is listed and what others say of it.
    placements: dict[str, str] = field(default_factory=dict)
    store: PostStore = field(default_factory=lambda: PostStore({}, None))
    # The posts whose parse the output has not shown yet: those parsed in this build (new, or
    # with other bytes than the cache had), and those parsed by a build that never published.
    changed: frozenset[str] = frozenset()
    # How many posts this build parsed.
    parsed: int = 0
    # The standalone pages to publish, in no particular order.
    pages: tuple[LightPost, ...] = ()
    # The posts whose expiry date has come (Hugo's expiryDate): no longer published.
    expired: tuple[LightPost, ...] = ()
    # What the cache holds of each source file after this load.
    entries: dict[str, CachedPost] = field(default_factory=dict)

    @property
    def published(self) -> tuple[LightPost, ...]:
        """Every post and page this build publishes: each has a page of its own and a body."""
        return (*self.posts, *self.pages)

    @property
    def due(self) -> float | None:
        """The first moment (a POSIX timestamp) after which this load would set other posts
        apart: a scheduled post goes live or a published one expires. None when none will."""
        moments = [moment.timestamp() for post in self.scheduled if (moment := post.goes_live)]
        moments += [post.expiry_date.timestamp() for post in self.published if post.expiry_date]
        return min(moments, default=None)


def post_files(files: Iterable[SourceFile]) -> Iterator[SourceFile]:
    """The post sources among the content folder's files (as `site_state` listed them)."""
    for file in files:
        if file.source.lower().endswith(POST_SUFFIXES):
            yield file


def load_site(
    paths: SitePaths,
    config: SiteConfig,
    *,
    include_drafts: bool,
    now: datetime,
    cache: BuildCache | None,
    jobs: int,
    files: Iterable[SourceFile],
    progress: BuildProgress | None = None,
    images: Mapping[str, ImageInfo] | None = None,
    known: dict[str, CachedPost] | None = None,
) -> LoadedSite:
    """Parse every post that changed since the cache saw it; nothing stops at the first error.

    `images` are the site's images as measured now: a post parsed when one it shows measured
    otherwise (or was missing) is parsed again. `known` stands for what `cache` holds, when a
    long-running process kept it from its last load (`Resident`).
    """
    images = images or {}
    if known is None:
        known = cache.posts() if cache else {}
    generation = cache.next_generation() if cache else 0
    # Posts parsed since the last build that published into this output are new to it.
    published = cache.built_generation(str(paths.output)) if cache else 0
    # Stats recorded within RACY_NS of the last load may hide a later same-size edit.
    trusted_before = cache.meta_int("stat_ns") - RACY_NS if cache else 0
    stat_ns = time.time_ns()
    entries: dict[str, CachedPost] = {}
    unchanged_bytes: list[CachedPost] = []
    to_parse: list[tuple[SourceFile, bytes, str]] = []
    problems: list[ContentError] = []
    order: list[str] = []
    for file in post_files(files):
        entry = known.get(file.source)
        if entry and entry.post and not images_alike(entry.post, images):
            entry = None  # parsed with other images: its HTML prints their old sizes
        same_stat = entry and (entry.mtime_ns, entry.size) == (file.mtime_ns, file.size)
        if entry and same_stat and entry.mtime_ns < trusted_before:
            order.append(file.source)
            entries[file.source] = entry
            continue
        data = read_source(file)
        if isinstance(data, ContentError):
            problems.append(data)
            continue
        order.append(file.source)
        digest = bytes_digest(data)
        if entry and entry.digest == digest:
            entries[file.source] = CachedPost(
                file.source,
                file.mtime_ns,
                file.size,
                digest,
                entry.post,
                entry.problems,
                entry.generation,
                entry.placement,
            )
            unchanged_bytes.append(entries[file.source])
        else:
            to_parse.append((file, data, digest))

    parsed: dict[str, Post] = {}
    fresh: list[tuple[CachedPost, Post | None]] = []
    if progress:
        progress.phase("parse", len(to_parse))
    results = parse_many([(data, file.source) for file, data, _ in to_parse], config, jobs, images)
    for (file, _, digest), parsed_file in zip(to_parse, results, strict=True):
        post = parsed_file.result.post
        entries[file.source] = CachedPost(
            file.source,
            file.mtime_ns,
            file.size,
            digest,
            parsed_file.light,
            parsed_file.result.problems,
            generation,
            parsed_file.placement,
        )
        fresh.append((entries[file.source], post))
        if post is not None:
            parsed[post.source] = post
        if progress:
            progress.advance()
    if cache:
        cache.set_meta("stat_ns", str(stat_ns))
        cache.store_posts(fresh)
        cache.touch_posts(unchanged_bytes)
        cache.drop_posts(set(known) - set(entries))

    posts: list[LightPost] = []
    pages: list[LightPost] = []
    drafts: list[LightPost] = []
    scheduled: list[LightPost] = []
    expired: list[LightPost] = []
    for source in order:
        entry = entries[source]
        problems.extend(entry.problems)
        light = entry.post
        if light is None:
            continue
        if light.draft and not include_drafts:
            drafts.append(light)
        elif light.goes_live is not None and light.goes_live > now:
            scheduled.append(light)
        elif light.expired_at(now):
            expired.append(light)
        elif light.kind == "page":
            pages.append(light)
        else:
            posts.append(light)
    return LoadedSite(
        tuple(posts),
        tuple(drafts),
        tuple(scheduled),
        tuple(problems),
        {source: content_digest(entry) for source, entry in entries.items()},
        {source: entry.placement for source, entry in entries.items()},
        PostStore(parsed, cache, partial(parse_again, paths.root, config, images)),
        changed=frozenset(parsed).union(
            source for source, entry in entries.items() if entry.generation > published
        ),
        parsed=len(parsed),
        pages=tuple(pages),
        expired=tuple(expired),
        entries=entries,
    )


def images_alike(post: LightPost, images: Mapping[str, ImageInfo]) -> bool:
    """Given a post as parsed and the images as measured now, returns whether each image it
    shows measures as it did (its HTML prints sizes and copies)."""
    return all(
        reference.image == images.get(reference.file)
        for reference in post.references
        if reference.kind == "image" and reference.file is not None
    )


def content_digest(entry: CachedPost) -> str:
    """Given a stored post, returns the digest its pages stand in by: its bytes', and the
    images its HTML measured (an image resized elsewhere changes its pages, not its file)."""
    if entry.post is None or not any(ref.image for ref in entry.post.references):
        return entry.digest
    measured = tuple(ref.image.model_dump_json() for ref in entry.post.references if ref.image)
    return digest(entry.digest, measured)
