"""Phase 1, load: read every post file, parse what changed, set drafts and scheduled posts apart."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Literal

from octavo.cache import BuildCache, CacheCorrupt, CachedPost
from octavo.fingerprint import bytes_digest, digest
from octavo.freshness import RACY_NS, SourceFile, read_regular
from octavo.images import is_image
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

    @property
    def parsed(self) -> frozenset[str]:
        """The sources of the posts parsed in this build."""
        return frozenset(self._parsed)

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
    # The first moment (a POSIX timestamp) after which this load would set other posts apart:
    # a scheduled post goes live or a published one expires (`due_moment`). None when none will.
    due: float | None = None
    # The moment the posts were set apart at (the load's `now`).
    at: datetime | None = None

    @property
    def published(self) -> tuple[LightPost, ...]:
        """Every post and page this build publishes: each has a page of its own and a body."""
        return (*self.posts, *self.pages)

    @classmethod
    def grouped(
        cls,
        groups: Mapping[Group, Sequence[LightPost]],
        problems: tuple[ContentError, ...],
        digests: dict[str, str],
        placements: dict[str, str],
        store: PostStore,
        entries: dict[str, CachedPost],
        published: int,
        *,
        due: float | None,
        at: datetime,
    ) -> LoadedSite:
        """A load's result from its posts by group (`group_of`), and the cache's entries: those
        stored after the load numbered `published` (the last published) are new to the output."""
        return cls(
            tuple(groups["posts"]),
            tuple(groups["drafts"]),
            tuple(groups["scheduled"]),
            problems,
            digests,
            placements,
            store,
            changed=frozenset(
                source for source, entry in entries.items() if entry.generation > published
            ).union(store.parsed),
            parsed=len(store.parsed),
            pages=tuple(groups["pages"]),
            expired=tuple(groups["expired"]),
            entries=entries,
            due=due,
            at=at,
        )

    def group(self, name: Group) -> tuple[LightPost, ...]:
        """The posts of one group (see `group_of`)."""
        groups = {
            "posts": self.posts,
            "pages": self.pages,
            "drafts": self.drafts,
            "scheduled": self.scheduled,
            "expired": self.expired,
        }
        return groups[name]


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
    last: tuple[LoadedSite, tuple[SourceFile, ...]] | None = None,
) -> LoadedSite:
    """Parse every post that changed since the cache saw it; nothing stops at the first error.

    `images` are the site's images as measured now: a post parsed when one it shows measured
    otherwise (or was missing) is parsed again. `known` stands for what `cache` holds, when a
    long-running process kept it from its last load (`Resident`); `last` is that load and the
    files changed since, as a watcher said, to make this one from when it can (`reload_site`).
    """
    images = images or {}
    if last is not None and cache is not None:
        previous, changes = last
        again = reload_site(
            previous, changes, paths, config, include_drafts, now, cache, jobs, images
        )
        if again is not None:
            return again
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
            entries[file.source] = entry.restated(file.mtime_ns, file.size)
            unchanged_bytes.append(entries[file.source])
        else:
            to_parse.append((file, data, digest))

    fresh = _parse_into(entries, to_parse, config, jobs, images, generation, progress)
    parsed = {post.source: post for _, post in fresh if post is not None}
    if cache:
        cache.set_meta("stat_ns", str(stat_ns))
        cache.store_posts(fresh)
        cache.touch_posts(unchanged_bytes)
        cache.drop_posts(set(known) - set(entries))

    groups: dict[Group, list[LightPost]] = {group: [] for group in GROUPS}
    for source in order:
        entry = entries[source]
        problems.extend(entry.problems)
        light = entry.post
        if light is not None:
            groups[group_of(light, include_drafts, now)].append(light)
    return LoadedSite.grouped(
        groups,
        tuple(problems),
        {source: content_digest(entry) for source, entry in entries.items()},
        {source: entry.placement for source, entry in entries.items()},
        PostStore(parsed, cache, partial(parse_again, paths.root, config, images)),
        entries,
        published,
        due=due_moment(groups["scheduled"], (*groups["posts"], *groups["pages"])),
        at=now,
    )


def due_moment(scheduled: Iterable[LightPost], published: Iterable[LightPost]) -> float | None:
    """The first moment (a POSIX timestamp) when one of `scheduled` goes live or one of
    `published` expires; None when none will."""
    moments = [moment.timestamp() for post in scheduled if (moment := post.goes_live)]
    moments += [post.expiry_date.timestamp() for post in published if post.expiry_date]
    return min(moments, default=None)


def reload_site(
    previous: LoadedSite,
    changes: Iterable[SourceFile],
    paths: SitePaths,
    config: SiteConfig,
    include_drafts: bool,
    now: datetime,
    cache: BuildCache,
    jobs: int,
    images: Mapping[str, ImageInfo],
) -> LoadedSite | None:
    """What `load_site` would return, made from `previous` (the last load of this process) and
    the files changed since (`changes`, as a watcher reported them): in time proportional to the
    change instead of the site, for `octavo serve`'s next build after a save.

    None when the change is more than this covers, and the whole load must run: an image
    changed (posts print its size), a changed post cannot be read or parsed, has problems (or
    had), or moves to another group (published, draft, page...), or a scheduled post's time or
    a post's expiry came since `previous` (or the clock went back).
    """
    due = previous.due
    if previous.at is None or now < previous.at or (due is not None and now.timestamp() >= due):
        return None  # the groups of unchanged posts may differ at `now`
    if any(is_image(file.source) for file in changes):
        return None
    stat_ns = time.time_ns()
    entries = dict(previous.entries)
    unchanged_bytes: list[CachedPost] = []
    to_parse: list[tuple[SourceFile, bytes, str]] = []
    edited = list(post_files(changes))
    for file in edited:
        entry = entries.get(file.source)
        if entry is None or entry.post is None or entry.problems:
            return None
        data = read_source(file)
        if isinstance(data, ContentError):
            return None
        digest = bytes_digest(data)
        if entry.digest == digest:
            entries[file.source] = entry.restated(file.mtime_ns, file.size)
            unchanged_bytes.append(entries[file.source])
        else:
            to_parse.append((file, data, digest))
    generation = cache.next_generation()
    fresh = _parse_into(entries, to_parse, config, jobs, images, generation, None)
    groups = {group: list(previous.group(group)) for group in GROUPS}
    digests, placements = dict(previous.digests), dict(previous.placements)
    new_scheduled: list[LightPost] = []
    new_published: list[LightPost] = []
    for file in edited:
        old, entry = previous.entries[file.source].post, entries[file.source]
        new = entry.post
        if old is None or new is None or entry.problems:
            return None
        group = group_of(old, include_drafts, now)
        if group_of(new, include_drafts, now) != group:
            return None
        members = groups[group]
        at = next((index for index, post in enumerate(members) if post is old), None)
        if at is None:  # not where the last load put it: load the whole site
            return None
        members[at] = new
        if group == "scheduled":
            new_scheduled.append(new)
        elif group in ("posts", "pages"):
            new_published.append(new)
        digests[file.source] = content_digest(entry)
        placements[file.source] = entry.placement
    cache.set_meta("stat_ns", str(stat_ns))
    cache.store_posts(fresh)
    cache.touch_posts(unchanged_bytes)
    published = cache.built_generation(str(paths.output))
    parsed = {post.source: post for _, post in fresh if post is not None}
    return LoadedSite.grouped(
        groups,
        previous.problems,  # none of the changed posts had or has one
        digests,
        placements,
        PostStore(parsed, cache, partial(parse_again, paths.root, config, images)),
        entries,
        published,
        # Perhaps earlier than the moment itself (a changed post's old date may have been it):
        # a build then loads the whole site, which finds the moment again.
        due=min(
            (m for m in (due, due_moment(new_scheduled, new_published)) if m is not None),
            default=None,
        ),
        at=now,
    )


# The groups a load sets each post in, by `group_of`.
Group = Literal["posts", "pages", "drafts", "scheduled", "expired"]
GROUPS: tuple[Group, ...] = ("posts", "pages", "drafts", "scheduled", "expired")


def group_of(post: LightPost, include_drafts: bool, now: datetime) -> Group:
    """Where a load sets `post`: published as a post or a page, or set apart."""
    if post.draft and not include_drafts:
        return "drafts"
    if post.goes_live is not None and post.goes_live > now:
        return "scheduled"
    if post.expired_at(now):
        return "expired"
    return "pages" if post.kind == "page" else "posts"


def _parse_into(
    entries: dict[str, CachedPost],
    to_parse: list[tuple[SourceFile, bytes, str]],
    config: SiteConfig,
    jobs: int,
    images: Mapping[str, ImageInfo],
    generation: int,
    progress: BuildProgress | None,
) -> list[tuple[CachedPost, Post | None]]:
    """Parse each of `to_parse` (file, bytes, digest) into `entries`; returns the new entries,
    each with its whole post (None when it could not be parsed), to store."""
    fresh: list[tuple[CachedPost, Post | None]] = []
    if progress:
        progress.phase("parse", len(to_parse))
    results = parse_many([(data, file.source) for file, data, _ in to_parse], config, jobs, images)
    for (file, _, source_digest), parsed_file in zip(to_parse, results, strict=True):
        entries[file.source] = CachedPost(
            file.source,
            file.mtime_ns,
            file.size,
            source_digest,
            parsed_file.light,
            parsed_file.result.problems,
            generation,
            parsed_file.placement,
        )
        fresh.append((entries[file.source], parsed_file.result.post))
        if progress:
            progress.advance()
    return fresh


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
