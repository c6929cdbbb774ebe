"""The `Builder`: the five phases of a build, in order (load, index, route, render, write)."""

from __future__ import annotations

import gc
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property, partial
from pathlib import Path

from octavo.cache import CACHE_DIR, BuildCache, CacheCorrupt, OutputRecord, cache_warning
from octavo.fingerprint import (
    Fingerprints,
    bytes_digest,
    digest,
    engine_digest,
    parse_key,
    templates_digest,
)
from octavo.freshness import FreshBuild, SiteState, fresh_build, record_build, site_state
from octavo.loading import LoadedSite, PostStore, load_site
from octavo.lock import LOCK_FILE, LockTimeout, LockUnavailable, site_lock
from octavo.parallel import default_jobs, map_forked
from octavo.progress import BuildProgress, NoProgress
from octavo.reading import read_static, unusable_problems
from octavo.routes import Claimant, Route, RouteTable, url_line
from octavo.site import STATIC_DIR, SitePaths
from octavo.writer import OutputWriter
from octavo_content import ContentError, ContentErrors, Post, SiteConfig, newest_first, only_errors
from octavo_render import FEED_LIMIT, Renderer, SitemapEntry
from octavo_tags import Page, TagEntry, TagIndex, paginate


@dataclass(frozen=True)
class BuildReport:
    """What a build did, or every problem that stopped it (`ok` is False then)."""

    problems: tuple[ContentError, ...]
    posts: int = 0
    tags: int = 0
    pages: int = 0
    seconds: float = 0.0
    drafts: tuple[str, ...] = ()
    scheduled: tuple[str, ...] = ()
    output: Path | None = None
    parsed: int = 0
    rendered: int = 0
    written: int = 0

    @property
    def ok(self) -> bool:
        """True when the build found no error and published its output."""
        return not only_errors(self.problems)

    @property
    def errors(self) -> list[ContentError]:
        """The errors among the problems."""
        return only_errors(self.problems)

    @property
    def warnings(self) -> list[ContentError]:
        """The warnings among the problems."""
        return [problem for problem in self.problems if not problem.is_error]


@dataclass(frozen=True)
class RenderOutcome:
    """What rendering one route gave: its digest, whether its file changed, or an error."""

    digest: str | None
    changed: bool
    error: ContentError | None = None


class Builder:
    """Builds one site folder into its output folder."""

    def __init__(
        self,
        site: Path,
        output: Path | None = None,
        *,
        include_drafts: bool = False,
        now: datetime | None = None,
        jobs: int | None = None,
        use_cache: bool = True,
        compress: bool = False,
        progress: BuildProgress | None = None,
        state: SiteState | None = None,
    ) -> None:
        self.paths = SitePaths.of(site, output)
        self.include_drafts = include_drafts
        self.now = now or datetime.now(UTC)
        self.jobs = jobs or default_jobs()
        self.use_cache = use_cache
        self.compress = compress
        self.progress = progress or NoProgress()
        # The caller may have read the site's state already (the CLI does, to answer a build
        # with nothing to do before loading the engine).
        self.known_state = state
        self.working_set: tuple[object, ...] = ()

    def build(self) -> BuildReport:
        """Run every phase; publish the output only when no phase found an error."""
        started = time.perf_counter()
        state = self.known_state or site_state(
            self.paths.root,
            self.paths.output,
            include_drafts=self.include_drafts,
            compress=self.compress,
        )
        if self.use_cache and self.known_state is None:
            fresh = fresh_build(self.paths.root, self.paths.output, state.signature, self.now)
            if fresh is not None:
                return self.unchanged(fresh, time.perf_counter() - started)
        try:
            lock = site_lock(self.paths.root / CACHE_DIR, waiting=self.progress.waiting)
            with lock, collector_paused():
                return self.build_anew(state, started)
        except LockTimeout as busy:
            return BuildReport(problems=(_busy(self.paths.root, busy),))
        except LockUnavailable as failure:
            return BuildReport(problems=(_no_lock(self.paths.root, failure),))

    def build_anew(self, state: SiteState, started: float) -> BuildReport:
        """The phases, for a site whose output is not up to date."""
        try:
            config = SiteConfig.load(self.paths.root)
        except ContentErrors as failure:
            return BuildReport(problems=failure.errors)
        problems = self.paths.output_problems()
        if problems:  # the folder itself is wrong: look no further into it
            return BuildReport(problems=tuple(problems))
        writer = OutputWriter(self.paths.output, compress=self.compress)
        problems.extend(writer.problems())
        if not problems:
            try:
                writer.clear_leftovers()
            except OSError as failure:
                problems.append(_write_error(self.paths.output, failure))
        cache = self.open_cache(config, problems)
        try:
            site = self.load(config, cache, state)
        except CacheCorrupt as failure:
            cache = self.discard_cache(cache, failure, problems)
            site = self.load(config, cache, state)
        problems.extend(site.problems)
        index = TagIndex.build(site.posts)
        problems.extend(index.problems)
        renderer = Renderer(
            config,
            index,
            site_templates=self.paths.templates,
            compiled_templates=self.paths.root / CACHE_DIR / "templates" if cache else None,
        )
        site_key = digest(
            engine_digest(),
            templates_digest(self.paths.templates),
            config.model_dump_json(),
            self.compress,
        )
        fingerprints = Fingerprints(site_key, index, site.digests)
        routes = self.route(config, site, index, renderer, fingerprints)
        problems.extend(self.url_conflicts(routes))
        if only_errors(problems):
            return BuildReport(problems=tuple(problems))
        structure = fingerprints.structure(site.posts)
        rendered, written, render_errors = self.render_and_write(
            routes, writer, cache, structure, site.changed
        )
        self.progress.finish()
        problems.extend(render_errors)
        if only_errors(render_errors):
            return BuildReport(problems=tuple(problems))
        report = BuildReport(
            problems=tuple(problems),
            posts=len(site.posts),
            tags=len(index.entries),
            pages=sum(1 for route in routes if route.url.endswith((".html", "/"))),
            seconds=time.perf_counter() - started,
            drafts=tuple(post.source for post in site.drafts),
            scheduled=tuple(post.source for post in site.scheduled),
            output=self.paths.output,
            parsed=site.parsed,
            rendered=rendered,
            written=written,
        )
        if cache is not None:
            due = min((post.date.timestamp() for post in site.scheduled), default=None)
            try:
                record_build(
                    cache.connection(),
                    self.paths.output,
                    state.signature,
                    writer.token,
                    _fresh(report, due),
                )
                cache.commit()
            except (sqlite3.Error, OSError) as failure:  # the next build is simply not a no-op
                report = replace(report, problems=(*problems, _unsaved_cache(cache.path, failure)))
        # Freeing a large site's posts and routes one by one takes longer than rebuilding
        # after a body edit renders (0.13 s at 10,000 posts): the working set lives as long
        # as the Builder, and a command-line build exits without freeing it at all.
        self.working_set = (site, index, routes, renderer, fingerprints)
        return report

    def unchanged(self, fresh: FreshBuild, seconds: float) -> BuildReport:
        """The report of a build that found its output already up to date."""
        return BuildReport(
            problems=tuple(ContentError.model_validate(warning) for warning in fresh.warnings),
            posts=fresh.posts,
            tags=fresh.tags,
            pages=fresh.pages,
            seconds=seconds,
            drafts=tuple(fresh.drafts),
            scheduled=tuple(fresh.scheduled),
            output=self.paths.output,
        )

    def open_cache(self, config: SiteConfig, problems: list[ContentError]) -> BuildCache | None:
        """The site's cache, emptied of posts parsed under other settings; None with --no-cache.

        A cache that cannot be made (no room, no permission) leaves the build without one.
        """
        if not self.use_cache:
            return None
        try:
            cache = BuildCache.open(self.paths.root, parse_key(config))
        except CacheCorrupt as failure:
            problems.append(cache_warning(f"the build cache is not used ({failure})"))
            return None
        if cache.warning:
            problems.append(cache.warning)
        return cache

    def discard_cache(
        self, cache: BuildCache | None, failure: CacheCorrupt, problems: list[ContentError]
    ) -> BuildCache | None:
        """Warn once about a cache that failed to read; return a new, empty one."""
        if cache is None:
            return None
        problems.append(cache_warning(f"the build cache was discarded (unreadable: {failure})"))
        try:
            return cache.reopened()
        except CacheCorrupt as unusable:
            problems.append(cache_warning(f"the build cache is not used ({unusable})"))
            return None

    def load(self, config: SiteConfig, cache: BuildCache | None, state: SiteState) -> LoadedSite:
        """Phase 1: every post, parsed again only where its bytes changed."""
        site = load_site(
            self.paths,
            config,
            include_drafts=self.include_drafts,
            now=self.now,
            cache=cache,
            jobs=self.jobs,
            files=state.content,
            progress=self.progress,
        )
        # What the walk could not read is an error: a folder read as empty would lose pages.
        site = replace(site, problems=(*unusable_problems(state.unusable), *site.problems))
        self.static_files = state.static
        if cache is not None:
            # Read now what rendering will ask of the cache, so a damaged file shows here,
            # where the build can discard it and load again.
            cache.outputs(str(self.paths.output))
            cache.commit()  # workers read bodies through their own connections
        return site

    def route(
        self,
        config: SiteConfig,
        site: LoadedSite,
        index: TagIndex,
        renderer: Renderer,
        fingerprints: Fingerprints,
    ) -> RouteTable:
        """Claim the URL of every output: posts, lists, feeds, sitemap and static files.

        Fingerprints are computed on demand: when only post bodies changed, a route showing none
        of the changed posts keeps the fingerprint recorded by the last build.
        """
        table = RouteTable()
        links = config.permalinks
        store = site.store
        posts = newest_first(site.posts)
        theme = Claimant("the default theme", "theme")
        for position, post in enumerate(posts):
            newer = posts[position - 1] if position > 0 else None
            older = posts[position + 1] if position + 1 < len(posts) else None
            table.claim(
                Route(
                    post.url,
                    Claimant(f"post {post.source}", post.source),
                    partial(_post_page, renderer, store, post, newer, older),
                    partial(fingerprints.post_page, post, newer, older),
                    shows=(post,),
                    in_sitemap=True,
                )
            )
        for page in paginate(posts, config.per_page):
            home = Claimant(f"home page {page.number}", "octavo.toml")
            table.claim(
                Route(
                    links.home_url(page.number),
                    home,
                    partial(_home_page, renderer, store, page),
                    partial(
                        fingerprints.listing, "home", page.number, page.total, posts=page.items
                    ),
                    shows=page.items,
                    in_sitemap=True,
                )
            )
        for entry in index.entries:
            self._claim_tag(table, entry, config, renderer, store, fingerprints)
        summary = tuple((e.tag.name, e.tag.slug, e.count) for e in index.entries)
        tags_print = partial(fingerprints.fixed, "tags", summary)
        table.claim(Route(links.tags, theme, renderer.tags_page, tags_print, in_sitemap=True))
        table.claim(
            Route(
                links.archive,
                theme,
                partial(renderer.archive_page, posts),
                partial(fingerprints.archive, posts),
                in_sitemap=True,
            )
        )
        newest = tuple(posts[:FEED_LIMIT])
        table.claim(
            Route(
                links.feed,
                theme,
                partial(_site_feed, renderer, store, newest),
                partial(fingerprints.listing, "feed", posts=newest),
                shows=newest,
            )
        )
        fixed = fingerprints.fixed
        table.claim(Route("/404.html", theme, renderer.not_found_page, partial(fixed, "404")))
        table.claim(Route("/robots.txt", theme, renderer.robots, partial(fixed, "robots")))
        for url, data in renderer.theme_assets().items():
            table.claim(Route(url, theme, partial(bytes, data), partial(bytes_digest, data)))
        self._claim_static(table)
        sitemap = Sitemap(table, posts, index, config)
        table.claim(
            Route(
                "/sitemap.xml",
                theme,
                partial(sitemap.render, renderer),
                partial(sitemap.fingerprint, fingerprints),
            )
        )
        return table

    def _claim_tag(
        self,
        table: RouteTable,
        entry: TagEntry,
        config: SiteConfig,
        renderer: Renderer,
        store: PostStore,
        fingerprints: Fingerprints,
    ) -> None:
        links = config.permalinks
        where = Claimant(f"tag {entry.tag.name!r}", entry.posts[0].source)
        shown = (entry.tag.name, entry.count)
        for page in paginate(entry.posts, config.per_page):
            table.claim(
                Route(
                    links.tag_url(entry.tag.slug, page.number),
                    where,
                    partial(_tag_page, renderer, store, entry, page),
                    partial(
                        fingerprints.listing,
                        "tag",
                        shown,
                        page.number,
                        page.total,
                        posts=page.items,
                    ),
                    shows=page.items,
                    in_sitemap=True,
                )
            )
        newest = entry.posts[:FEED_LIMIT]
        table.claim(
            Route(
                links.tag_feed_url(entry.tag.slug),
                where,
                partial(_tag_feed, renderer, store, entry),
                partial(fingerprints.listing, "tag-feed", shown, posts=newest),
                shows=newest,
            )
        )

    def _claim_static(self, table: RouteTable) -> None:
        # The files the load's walk listed; it reported what it could not read, or links out.
        for file in self.static_files:
            url = "/" + file.source.removeprefix(f"{STATIC_DIR}/")
            claimant = Claimant(f"static file {file.source}", file.source)
            fingerprint = digest("static", file.source, file.mtime_ns, file.size)
            table.claim(
                Route(
                    url,
                    claimant,
                    partial(read_static, file),
                    partial(str, fingerprint),
                    structural=False,
                )
            )

    def url_conflicts(self, routes: RouteTable) -> list[ContentError]:
        """Errors for URLs claimed twice, each pointing at the line its URL comes from."""
        errors = []
        for error in routes.conflicts():
            source = self.paths.root / error.path
            if error.line is None and error.path.endswith((".md", ".markdown")):
                error = error.model_copy(update={"line": url_line(source.read_bytes())})
            errors.append(error)
        return errors

    @staticmethod
    def _fingerprint(
        route: Route,
        records: dict[str, OutputRecord],
        same_structure: bool,
        changed_posts: frozenset[str],
    ) -> str:
        """The route's fingerprint: the recorded one when nothing it reads has changed."""
        known = records.get(route.url)
        if (
            same_structure
            and known is not None
            and route.structural
            and not any(post.source in changed_posts for post in route.shows)
        ):
            return known.fingerprint
        return route.fingerprint()

    def render_and_write(
        self,
        routes: RouteTable,
        writer: OutputWriter,
        cache: BuildCache | None,
        structure: str,
        changed_posts: frozenset[str],
    ) -> tuple[int, int, list[ContentError]]:
        """Render what changed, on every core; publish only if everything rendered.

        `structure` is the digest of everything fingerprints read but the posts' bytes, and
        `changed_posts` the posts whose bytes changed. Returns how many routes were rendered,
        how many files changed, and any errors.
        """
        output = str(self.paths.output)
        previous = writer.previous
        trusted = (
            cache is not None
            and previous is not None
            and not previous.interrupted
            and cache.meta(f"token:{output}") == previous.token
        )
        records = cache.outputs(output) if cache is not None and trusted else {}
        same_structure = (
            trusted and cache is not None and cache.meta(f"structure:{output}") == structure
        )
        every = list(routes)
        prints = {
            route.url: self._fingerprint(route, records, same_structure, changed_posts)
            for route in every
        }
        todo = [
            route
            for route in every
            if route.url not in records or records[route.url].fingerprint != prints[route.url]
        ]

        def render(position: int) -> RenderOutcome:
            route = todo[position]
            try:
                data = route.render()
            except Exception as failure:  # a template or file error: report it, keep going
                return RenderOutcome(None, False, _render_error(route, failure))
            data_digest = bytes_digest(data)
            known = records.get(route.url)
            if known is not None and known.digest == data_digest:
                return RenderOutcome(data_digest, False)
            try:
                writer.put(route.url, data)
            except OSError as failure:  # a full disk, a read-only folder
                return RenderOutcome(None, False, _write_error(writer.staging, failure))
            return RenderOutcome(data_digest, True)

        self.progress.phase("render", len(todo))
        try:
            writer.start()
        except OSError as failure:
            return 0, 0, [_write_error(writer.staging, failure)]
        outcomes = []
        for outcome in map_forked(render, len(todo), self.jobs):
            outcomes.append(outcome)
            self.progress.advance()
        changed = [route.url for route, o in zip(todo, outcomes, strict=True) if o.changed]
        errors = [outcome.error for outcome in outcomes if outcome.error is not None]
        if errors:
            writer.abandon()
            return len(todo), 0, _one_write_error(errors)
        self.progress.phase("write", len(changed))
        files = [file for route in every for file in writer.files_of(route.url)]
        try:
            writer.commit(files, changed)
        except OSError as failure:
            # The marker stays: the next build trusts nothing it recorded of this folder.
            return len(todo), 0, [_write_error(self.paths.output, failure)]
        if cache is not None:
            try:
                if not trusted:  # records of another state of the folder: start them anew
                    cache.forget_outputs(output)
                fresh = {
                    route.url: OutputRecord(prints[route.url], outcome.digest or "")
                    for route, outcome in zip(todo, outcomes, strict=True)
                }
                gone = set(records) - set(prints)
                cache.store_outputs(output, fresh, gone)
                cache.set_meta(f"token:{output}", writer.token)
                cache.set_meta(f"structure:{output}", structure)
                cache.mark_built(output)  # the posts this build loaded are now published there
                cache.commit()
            except (sqlite3.Error, OSError) as failure:
                # Published, but not recorded: the marker stays, so the next build trusts
                # nothing it knew of this folder and makes every page again.
                return len(todo), len(changed), [_unsaved_cache(cache.path, failure)]
        writer.finish()
        return len(todo), len(changed), []


def _fresh(report: BuildReport, due: float | None) -> FreshBuild:
    """What a later build with nothing to do reports again."""
    return FreshBuild(
        posts=report.posts,
        tags=report.tags,
        pages=report.pages,
        drafts=list(report.drafts),
        scheduled=list(report.scheduled),
        warning_lines=[str(warning) for warning in report.warnings],
        warnings=[warning.model_dump() for warning in report.warnings],
        due=due,
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a build.

    A build holds tens of thousands of long-lived objects (posts, routes) and makes little
    cyclic garbage; the collector's full passes over them cost a quarter of a rebuild.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Sitemap:
    """The sitemap: every page of the table with its last change, gathered once, when needed."""

    def __init__(
        self, table: RouteTable, posts: list[Post], index: TagIndex, config: SiteConfig
    ) -> None:
        self._table = table
        self._posts = posts
        self._index = index
        self._config = config

    @cached_property
    def entries(self) -> tuple[SitemapEntry, ...]:
        """The pages listed in the sitemap, with their last change."""
        lastmod = _lastmod_by_url(self._posts, self._index, self._config)
        return tuple(
            SitemapEntry(route.url, lastmod.get(route.url))
            for route in self._table
            if route.in_sitemap
        )

    def render(self, renderer: Renderer) -> bytes:
        """The sitemap's XML."""
        return renderer.sitemap(self.entries)

    def fingerprint(self, fingerprints: Fingerprints) -> str:
        """The sitemap's fingerprint: its pages and their dates."""
        return fingerprints.fixed("sitemap", tuple((e.path, _iso(e.lastmod)) for e in self.entries))


def _post_page(
    renderer: Renderer, store: PostStore, post: Post, newer: Post | None, older: Post | None
) -> bytes:
    return renderer.post_page(store.one(post), newer=newer, older=older)


def _home_page(renderer: Renderer, store: PostStore, page: Page[Post]) -> bytes:
    return renderer.home_page(replace(page, items=store.whole(page.items)))


def _tag_page(renderer: Renderer, store: PostStore, entry: TagEntry, page: Page[Post]) -> bytes:
    return renderer.tag_page(entry, replace(page, items=store.whole(page.items)))


def _tag_feed(renderer: Renderer, store: PostStore, entry: TagEntry) -> bytes:
    newest = store.whole(entry.posts[:FEED_LIMIT])
    return renderer.tag_feed(replace(entry, posts=newest + entry.posts[FEED_LIMIT:]))


def _site_feed(renderer: Renderer, store: PostStore, newest: tuple[Post, ...]) -> bytes:
    return renderer.site_feed(store.whole(newest))


def _iso(moment: datetime | None) -> str | None:
    # A moment, not its tzinfo object: a post read back from the cache carries a fixed offset
    # where a freshly parsed one carries its zone, and both must give the same fingerprint.
    return None if moment is None else moment.isoformat()


def _render_error(route: Route, failure: Exception) -> ContentError:
    # jinja2's errors carry the template's file and line; other errors name the route's claimant.
    path = getattr(failure, "filename", None) or route.claimant.path
    line = getattr(failure, "lineno", None) or route.claimant.line
    return ContentError(
        path=str(path),
        line=line if isinstance(line, int) else None,
        field="render",
        message=f"could not make {route.url}: {failure}",
        hint="fix the template or file named here; the previous output is untouched",
    )


def _write_error(where: Path, failure: OSError) -> ContentError:
    # One message for a whole folder's worth of failed writes: the cause is the same for each.
    return ContentError(
        path=str(failure.filename or where),
        field="output",
        message=f"could not write the output: {failure.strerror or failure}",
        expected="a folder Octavo can write, on a disk with free space",
        hint="free some space or choose another folder with -o; "
        "the previous output is untouched (a build interrupted while publishing is redone whole)",
    )


def _one_write_error(errors: list[ContentError]) -> list[ContentError]:
    """`errors` with failures to write said once: a full disk fails every page alike."""
    writing = [error for error in errors if error.field == "output"]
    return [error for error in errors if error.field != "output"] + writing[:1]


def _unsaved_cache(cache: Path, failure: Exception) -> ContentError:
    return ContentError(
        path=str(cache),
        message=f"the site was published, but the build cache could not be saved ({failure})",
        hint="free some space; the next build makes every page again and saves it",
        severity="warning",
    )


def _no_lock(site: Path, failure: LockUnavailable) -> ContentError:
    return ContentError(
        path=str(site / CACHE_DIR),
        message=f"cannot take the site's build lock ({failure.reason})",
        expected="a folder Octavo can write, for the build cache and lock",
        hint=f"remove or rename {CACHE_DIR} if it is not a folder, or check its permissions",
    )


def _busy(site: Path, busy: LockTimeout) -> ContentError:
    return ContentError(
        path=str(site / CACHE_DIR / LOCK_FILE),
        message=str(busy),
        hint="wait for it to finish, or stop it, then build again",
    )


def _lastmod_by_url(posts: list[Post], index: TagIndex, config: SiteConfig) -> dict[str, datetime]:
    """The last change of each page: a post's own, a list's newest post's."""
    lastmod = {post.url: post.last_modified for post in posts}
    if posts:
        newest = max(post.last_modified for post in posts)
        links = config.permalinks
        for url in (links.home_url(), links.archive, links.tags):
            lastmod[url] = newest
    for entry in index.entries:
        lastmod[config.permalinks.tag_url(entry.tag.slug)] = max(
            post.last_modified for post in entry.posts
        )
    return lastmod
