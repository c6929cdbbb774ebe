"""The `Builder`: the five phases of a build, in order (load, index, route, render, write)."""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from octavo.bundles import missing_files
from octavo.cache import CACHE_DIR, BuildCache, CacheCorrupt, cache_warning
from octavo.fingerprint import bytes_digest, digest, engine_digest, parse_key, templates_digest
from octavo.freshness import (
    FreshBuild,
    SiteState,
    SourceFile,
    fresh_build,
    record_build,
    site_state,
)
from octavo.images import measured_images
from octavo.kinds import page_kinds
from octavo.layout import CONFIG_FILE, IMAGES_DIR, LOCK_FILE
from octavo.linkcheck import broken_links
from octavo.loading import LoadedSite, load_site
from octavo.lock import LockTimeout, LockUnavailable, site_lock
from octavo.menu import site_menu
from octavo.moves import History, moved_posts, published_urls, recorded_history
from octavo.pages import Site, TemplatePage
from octavo.parallel import default_jobs
from octavo.progress import BuildProgress, NoProgress
from octavo.reading import unusable_problems
from octavo.records import BuildRecords
from octavo.rendering import Rendered, render_pages, write_error
from octavo.resident import Resident, other_files, partition
from octavo.routed import KeptRoutes, Routed
from octavo.routes import RouteTable
from octavo.search import CLAIMANT as SEARCH_CLAIMANT
from octavo.search import (
    INDEX_URL,
    SearchFailed,
    SearchState,
    index_inputs,
    search_error,
    search_index,
)
from octavo.site import SitePaths
from octavo.sitedata import SiteData, load_site_data
from octavo.writer import OutputWriter
from octavo_content import (
    ContentError,
    ContentErrors,
    LightPost,
    SiteConfig,
    config_line,
    newest_first,
    only_errors,
)
from octavo_parser import parser_messages
from octavo_render import Link, Renderer, ViewDigester, language_problems
from octavo_tags import SiteIndexes


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
    # Posts whose expiry date has come: left out.
    expired: tuple[str, ...] = ()
    output: Path | None = None
    parsed: int = 0
    rendered: int = 0
    written: int = 0
    # Each phase that ran, with its seconds, in order (`--verbose` prints them).
    phases: tuple[tuple[str, float], ...] = ()

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
        moved: Mapping[str, str] | None = None,
        base_url: str | None = None,
        resident: Resident | None = None,
        search: bool = True,
    ) -> None:
        """`moved` (old URL -> new URL) stands for the redirects the cache's history would give:
        a clean build that must equal an incremental one (`--verify`) passes the ones it kept.
        `base_url` stands for the config's (`octavo build --base-url`, a deploy preview's).
        `resident` is what a long-running process keeps between its builds of this site and
        output (`octavo serve`): given, the build reuses what it shows is unchanged.
        `search=False` builds as `search = false` in the config would (`--no-search`): no search
        page or box, no index."""
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
        # The files changed since the resident's last build, when its watcher said (`build`).
        self.changes: tuple[SourceFile, ...] | None = None
        self.working_set: tuple[object, ...] = ()
        self.given_moves = moved
        self.base_url = base_url
        self.resident = resident
        self.search = search
        # A build warns of broken links and anchors; `octavo check` (`check`) makes them errors.
        self.broken_link_severity: Literal["error", "warning"] = "warning"

    def build(self) -> BuildReport:
        """Run every phase; publish the output only when no phase found an error."""
        started = time.perf_counter()
        # What changes the state's signature besides the files (a resident keeps one state).
        options = repr((self.paths.output, self.include_drafts, self.compress, self.base_url))
        options += repr(self.search)
        restated = None
        if self.known_state is None and self.resident is not None:
            restated = self.resident.state_for(options)
        self.changes = None if restated is None else restated[1]
        known = self.known_state or (None if restated is None else restated[0])
        state = known or site_state(
            self.paths.root,
            self.paths.output,
            include_drafts=self.include_drafts,
            compress=self.compress,
            base_url=self.base_url,
            search=self.search,
        )
        if self.resident is not None:
            self.resident.keep_state(options, state)
        if self.use_cache and known is None:
            fresh = fresh_build(self.paths.root, self.paths.output, state.signature, self.now)
            if fresh is not None:
                return self.unchanged(fresh, time.perf_counter() - started)
        try:
            with site_lock(self.paths.root / CACHE_DIR, waiting=self.progress.waiting):
                return self.build_anew(state, started)
        except LockTimeout as busy:
            return BuildReport(problems=(_busy(self.paths.root, busy),))
        except LockUnavailable as failure:
            return BuildReport(problems=(_no_lock(self.paths.root, failure),))

    def check(self) -> tuple[list[ContentError], tuple[LightPost, ...]]:
        """`octavo check`: phases 1 to 3 and nothing written but the cache, broken links and
        anchors as errors. Returns every problem found, and the posts and pages it published."""
        self.broken_link_severity = "error"
        problems, routed = self.survey()
        return problems, () if routed is None else routed.site.published

    def survey(self) -> tuple[list[ContentError], Routed | None]:
        """Phases 1 to 3 under the site's lock, nothing written but the cache (`octavo check`,
        `octavo why`): every problem found, and what the phases made (None when the site's
        configuration or lock kept them from running)."""
        state = self.known_state or site_state(
            self.paths.root,
            self.paths.output,
            include_drafts=self.include_drafts,
            compress=False,
            base_url=self.base_url,
            search=self.search,
        )
        try:
            with site_lock(self.paths.root / CACHE_DIR, waiting=self.progress.waiting):
                try:
                    config = self.load_config()
                except ContentErrors as failure:
                    return list(failure.errors), None
                problems: list[ContentError] = []
                cache = self.open_cache(config, problems)
                return problems, self.prepare(config, cache, state, PhaseTimer(), problems)
        except LockTimeout as busy:
            return [_busy(self.paths.root, busy)], None
        except LockUnavailable as failure:
            return [_no_lock(self.paths.root, failure)], None

    def load_config(self) -> SiteConfig:
        """The site's config, with `base_url` overridden when the builder was given one; raises
        ContentErrors when either is wrong."""
        config = SiteConfig.load(self.paths.root)
        if not self.search:
            config = config.model_copy(update={"search": False})
        if self.base_url is None:
            return config
        return config.with_base_url(self.base_url)

    def build_anew(self, state: SiteState, started: float) -> BuildReport:
        """The five phases, for a site whose output is not up to date."""
        try:
            config = self.load_config()
        except ContentErrors as failure:
            return BuildReport(problems=failure.errors)
        problems = self.paths.output_problems()
        if problems:  # the folder itself is wrong: look no further into it
            return BuildReport(problems=tuple(problems))
        writer = OutputWriter(self.paths.output, records=self.paths.records, compress=self.compress)
        problems.extend(writer.problems())
        if not problems:
            try:
                writer.clear_leftovers()
            except OSError as failure:
                problems.append(write_error(self.paths.output, failure))
        cache = self.open_cache(config, problems)
        if cache is not None:
            try:
                cache.prune_outputs()  # records of output folders that no longer exist
            except CacheCorrupt as failure:
                cache = self.discard_cache(cache, failure, problems)
        timer = PhaseTimer()

        routed = self.prepare(config, cache, state, timer, problems)
        site, indexes, menu, site_data = routed.site, routed.indexes, routed.menu, routed.site_data
        renderer, routes, moved, cache = routed.renderer, routed.routes, routed.moved, routed.cache
        index = indexes.tags
        if only_errors(problems):
            return BuildReport(problems=tuple(problems), phases=timer.phases)
        if routed.reused is not None:  # equal to what they would be made again (the check)
            renders_with, structure = routed.reused.renders_with, routed.reused.structure
        else:
            renders_with = self.renders_with(config, menu, site_data.digest)
            structure = self.structure(renders_with, site, moved)
        history = History(published_urls(site.published, site.digests), moved)
        records = BuildRecords(cache, writer, str(self.paths.output), structure, history)
        with timer("render"):
            rendered = self.render(routes, site, renderer, records, writer, renders_with)
        problems.extend(rendered.errors)
        if not only_errors(problems) and config.search:
            with timer("search"):
                rendered = self.index_search(routes, rendered, records, writer, problems)
        if only_errors(problems):
            self.progress.finish()
            return BuildReport(problems=tuple(problems), phases=timer.phases)
        with timer("write"):
            problems.extend(self.write(routes, rendered, records, writer))
        self.progress.finish()
        if only_errors(problems):
            return BuildReport(problems=tuple(problems), phases=timer.phases)

        report = BuildReport(
            problems=tuple(problems),
            posts=len(site.posts),
            tags=len(index.entries),
            pages=sum(1 for url in routes.urls if url.endswith((".html", "/"))),
            seconds=time.perf_counter() - started,
            drafts=tuple(post.source for post in site.drafts),
            scheduled=tuple(post.source for post in site.scheduled),
            expired=tuple(post.source for post in site.expired),
            output=self.paths.output,
            parsed=site.parsed,
            rendered=rendered.count,
            written=len(rendered.changed),
            phases=timer.phases,
        )
        if cache is not None:
            report = self.remember(report, cache, state, writer, site)
        if self.resident is not None:
            # Reused, they were checked equal to what they would be made from now: keep them
            # as they were, without listing the site's files and groups again.
            kept = routed.reused or KeptRoutes(
                routed,
                renders_with,
                structure,
                routed.recorded_moves,
                other_files(state),
                partition(site),
                routed.problems,
            )
            self.resident.keep_routes(replace(kept, routed=routed))
        # Freeing a large site's posts and pages one by one takes longer than rebuilding after
        # a body edit renders (0.13 s at 10,000 posts): the working set lives as long as the
        # Builder, and a command-line build exits without freeing it at all.
        self.working_set = (site, indexes, routes, renderer)
        return report

    def prepare(
        self,
        config: SiteConfig,
        cache: BuildCache | None,
        state: SiteState,
        timer: PhaseTimer,
        problems: list[ContentError],
    ) -> Routed:
        """Phases 1 to 3 (load, index, route): what rendering needs; the problems they find are
        added to `problems`."""
        problems.extend(self.language(config))
        with timer("load"):
            site, cache = self.load(config, cache, state, problems)
            site_data = load_site_data(state.data)
            problems.extend(site_data.problems)
            recorded_moves = self.moves(cache, site, problems)
        reused = self.reuse(config, cache, state, site, site_data, recorded_moves)
        if reused is not None:
            problems.extend(reused.problems)
            return reused
        found_before = len(problems)
        with timer("index"):
            indexes = self.index(config, site, problems)
            index = indexes.tags
            menu = self.menu(config, site, problems)
        renderer = Renderer(
            config,
            index,
            site_templates=self.paths.templates,
            compiled_templates=self.paths.root / CACHE_DIR / "templates" if cache else None,
            body_digests=site.digests,
            menu=menu,
            data=site_data.data,
            indexes=indexes,
        )
        with timer("route"):
            routes, moved = self.route(config, site, indexes, renderer, recorded_moves, problems)
        return Routed(
            site,
            indexes,
            menu,
            site_data,
            renderer,
            routes,
            moved,
            cache,
            recorded_moves,
            tuple(problems[found_before:]),
        )

    def reuse(
        self,
        config: SiteConfig,
        cache: BuildCache | None,
        state: SiteState,
        site: LoadedSite,
        site_data: SiteData,
        recorded_moves: dict[str, str],
    ) -> Routed | None:
        """Phases 2 and 3 as an earlier build in this process made them, when that build's
        resident shows they are what this build would make (see `Resident`); else None."""
        resident = self.resident
        if resident is None:
            return None
        reused = None
        if resident.kept is not None:
            renders_with = self.renders_with(config, resident.kept.routed.menu, site_data.digest)
            reused = resident.routes_for(site, state, renders_with, recorded_moves)
        if cache is not None:
            resident.keep_posts(cache, site if reused is None else reused.routed.site)
        if reused is None:
            return None
        return replace(reused.routed, site_data=site_data, cache=cache, reused=reused)

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
            expired=tuple(fresh.expired),
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

    def load(
        self,
        config: SiteConfig,
        cache: BuildCache | None,
        state: SiteState,
        problems: list[ContentError],
    ) -> tuple[LoadedSite, BuildCache | None]:
        """Phase 1: every post, parsed again only where its bytes changed.

        A cache found damaged on the way is discarded, with a warning, and the load begins again.
        """
        try:
            site = self._load(config, cache, state)
        except CacheCorrupt as failure:
            cache = self.discard_cache(cache, failure, problems)
            site = self._load(config, cache, state)
        # What the walk could not read is an error: a folder read as empty would lose pages.
        problems.extend(unusable_problems(state.unusable))
        problems.extend(site.problems)
        return site, cache

    def _load(self, config: SiteConfig, cache: BuildCache | None, state: SiteState) -> LoadedSite:
        # Measured before parsing: a post's HTML prints the size of each image it shows.
        self.images = measured_images((*state.content, *state.static))
        known = self.resident.stored_posts(cache) if self.resident and cache else None
        previous = self.resident.last_load() if self.resident and known is not None else None
        last = None if previous is None or self.changes is None else (previous, self.changes)
        site = load_site(
            self.paths,
            config,
            include_drafts=self.include_drafts,
            now=self.now,
            cache=cache,
            jobs=self.jobs,
            files=state.content,
            progress=self.progress,
            images=self.images,
            known=known,
            last=last,
        )
        self.static_files = state.static
        self.content_files = state.content
        if cache is not None:
            kept = self.resident.stored_outputs(str(self.paths.output)) if self.resident else None
            if kept is not None:
                cache.seed_outputs(str(self.paths.output), kept)
            # Read now what rendering will ask of the cache, so a damaged file shows here,
            # where the build can discard it and load again.
            cache.outputs(str(self.paths.output))
            cache.commit()  # workers read bodies through their own connections
        return site

    def index(
        self, config: SiteConfig, site: LoadedSite, problems: list[ContentError]
    ) -> SiteIndexes:
        """Phase 2: the indexes of the published posts: tags, every other taxonomy, authors and
        series (two posts claiming one part of a series are errors here)."""
        indexes = SiteIndexes.build(site.posts, config)
        problems.extend(indexes.problems)
        return indexes

    @functools.cached_property
    def config_text(self) -> tuple[Path, str]:
        """The config file and its text, read once per Builder (one build): the menu's and the
        language's problems are said at their lines."""
        file = self.paths.root / CONFIG_FILE
        try:
            return file, file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # read a moment ago: errors just lose their line
            return file, ""

    def menu(
        self, config: SiteConfig, site: LoadedSite, problems: list[ContentError]
    ) -> tuple[Link, ...] | None:
        """The links of the site's `[[menu]]` (None for the theme's default), each `page` looked
        up among the loaded posts and pages; an entry naming no file is an error at its line."""
        if not config.menu:
            return None
        file, text = self.config_text
        menu, found = site_menu(
            config, site.published, (*site.drafts, *site.scheduled), text, str(file)
        )
        problems.extend(found)
        return menu

    def language(self, config: SiteConfig) -> list[ContentError]:
        """What is wrong with the site's `language` and `[strings]`, at their lines: a locale
        Babel does not know, a string that is no word of the theme (errors), a language with
        no catalogue (a warning)."""
        if config.language == "en" and not config.strings:
            return []
        file, text = self.config_text
        return language_problems(
            config.language,
            config.strings,
            str(file),
            lambda key: config_line(text, key),
            other_messages=parser_messages(),  # the words the parser writes into bodies
        )

    def moves(
        self, cache: BuildCache | None, site: LoadedSite, problems: list[ContentError]
    ) -> dict[str, str]:
        """The redirects kept from the old URLs of posts that moved, with a warning per post
        that moved since the last build into this output."""
        output = str(self.paths.output)
        kept = self.resident.stored_history(output) if self.resident else None
        if self.given_moves is not None:
            history = History(moved=self.given_moves)
        else:
            history = kept or recorded_history(cache, output)
        moved, warnings = moved_posts(history, site.published, site.digests)
        problems.extend(warnings)
        return moved

    def route(
        self,
        config: SiteConfig,
        site: LoadedSite,
        indexes: SiteIndexes,
        renderer: Renderer,
        moved: dict[str, str],
        problems: list[ContentError],
    ) -> tuple[RouteTable, dict[str, str]]:
        """Phase 3: every page of every kind claims its URL; two claims on one file are errors.

        An old URL of a moved post that another page claims now is that page's: its redirect is
        dropped, and the pages claimed again without it. Returns the routes and the redirects.
        """
        posts = tuple(newest_first(site.posts))
        routes = self._routes(config, posts, site.pages, indexes, renderer, moved)
        taken = {old for old in moved if routes.claims(old) > 1}
        if taken:
            moved = {old: new for old, new in moved.items() if old not in taken}
            routes = self._routes(config, posts, site.pages, indexes, renderer, moved)
        problems.extend(routes.conflicts())
        problems.extend(missing_files(site.published, routes))
        problems.extend(broken_links(site.published, routes, self.broken_link_severity))
        return routes, moved

    def _routes(
        self,
        config: SiteConfig,
        posts: tuple[LightPost, ...],
        pages: tuple[LightPost, ...],
        indexes: SiteIndexes,
        renderer: Renderer,
        moved: dict[str, str],
    ) -> RouteTable:
        """The route table of every page of every kind."""
        routes = RouteTable()
        given = Site(  # what every kind is given
            config=config,
            paths=self.paths,
            posts=posts,
            index=indexes.tags,
            renderer=renderer,
            static_files=self.static_files,
            routes=routes,
            moved=MappingProxyType(moved),
            pages=pages,
            indexes=indexes,
            content_files=self.content_files,
            images=MappingProxyType(self.images),
            image_cache=self.paths.records / IMAGES_DIR if self.use_cache else None,
        )
        for kind in page_kinds():
            for page in kind(given):
                routes.claim(page)
        if config.search:
            routes.reserve(INDEX_URL, SEARCH_CLAIMANT)
        return routes

    def renders_with(
        self, config: SiteConfig, menu: tuple[Link, ...] | None = None, data: str = "none"
    ) -> str:
        """The digest of what turns a view into bytes: engine, templates, settings (`[extra]`
        among them), the site's data (the digest of its files), encodings, and the menu every
        page shows (its links follow the URLs of the pages it names)."""
        return digest(
            engine_digest(),
            templates_digest(self.paths.templates),
            config.model_dump_json(),
            data,
            self.compress,
            menu,
        )

    @staticmethod
    def structure(renders_with: str, site: LoadedSite, moved: Mapping[str, str]) -> str:
        """The digest of everything a page is made from but the posts' content: the engine,
        templates and settings, every post's placement, the redirects of moved posts.

        Equal to the last build's, every page lists the same posts in the same places.
        """
        placed = tuple((post.source, site.placements[post.source]) for post in site.published)
        return digest(renders_with, placed, tuple(sorted(moved.items())))

    def render(
        self,
        routes: RouteTable,
        site: LoadedSite,
        renderer: Renderer,
        records: BuildRecords,
        writer: OutputWriter,
        renders_with: str,
    ) -> Rendered:
        """Phase 4: the bytes of every page that changed, staged for the writer."""
        try:
            writer.start()
        except OSError as failure:
            return Rendered({}, [], [write_error(writer.staging, failure)], 0)
        digester = ViewDigester(site.digests, renders_with)
        rendered = render_pages(
            list(routes), site, renderer, digester, records, writer, self.jobs, self.progress
        )
        if rendered.errors:
            writer.abandon()
        return rendered

    def index_search(
        self,
        routes: RouteTable,
        rendered: Rendered,
        records: BuildRecords,
        writer: OutputWriter,
        problems: list[ContentError],
    ) -> Rendered:
        """Phase 4, end: the search index of the posts' and pages' HTML, staged with the rest,
        made again only when one of those pages changed. Returns `rendered` with the index's
        files among the URLs written; a failure is added to `problems`."""
        searchable = [
            page.url for page in routes if isinstance(page, TemplatePage) and page.searchable
        ]
        made = {**records.outputs, **rendered.records}
        inputs = index_inputs((url, made[url].digest) for url in searchable)
        previous = records.search
        if previous is not None and previous.inputs == inputs:
            records.new_search = previous  # the same pages: the same index, left as it is
            return replace(rendered, extra=tuple(previous.files))
        changed = set(rendered.changed)
        self.progress.phase("search", 1)
        try:
            pages = ((url, writer.built(url, staged=url in changed)) for url in searchable)
            files = search_index(pages)
            self.progress.advance()
            written = []
            for url, data in files.items():
                known = previous.files.get(url) if previous is not None else None
                if known != bytes_digest(data):
                    writer.put(url, data)
                    written.append(url)
        except (SearchFailed, OSError) as failure:
            writer.abandon()
            problems.append(search_error(failure))
            return rendered
        records.new_search = SearchState(
            inputs, {url: bytes_digest(data) for url, data in files.items()}
        )
        return replace(rendered, changed=[*rendered.changed, *written], extra=tuple(files))

    def write(
        self, routes: RouteTable, rendered: Rendered, records: BuildRecords, writer: OutputWriter
    ) -> list[ContentError]:
        """Phase 5: publish the staged files, then record what each page was built from."""
        self.progress.phase("write", len(rendered.changed))
        extra = (file for url in rendered.extra for file in writer.files_of(url))
        files = [*writer.files_of_all(routes.urls), *extra]
        try:
            writer.commit(files, rendered.changed)
        except OSError as failure:
            # The marker stays: the next build trusts nothing it recorded of this folder.
            return [write_error(self.paths.output, failure)]
        unsaved = records.save(rendered.records, routes.urls, writer.token)
        if self.resident is not None:
            self.resident.keep_outputs(str(self.paths.output), records.saved, records.history)
        if unsaved is not None:
            # Published, but not recorded: the marker stays, so the next build trusts nothing
            # it knew of this folder and makes every page again.
            return [_unsaved_cache(self.paths.root / CACHE_DIR, unsaved)]
        writer.finish()
        return []

    def remember(
        self,
        report: BuildReport,
        cache: BuildCache,
        state: SiteState,
        writer: OutputWriter,
        site: LoadedSite,
    ) -> BuildReport:
        """Record the build for the no-op answer of the next one; say if that failed."""
        due = site.due
        try:
            record_build(
                cache.connection(),
                self.paths.output,
                state.signature,
                writer.token,
                _fresh(report, due, self.now.timestamp()),
            )
            cache.commit()
        except (sqlite3.Error, OSError) as failure:  # the next build is simply not a no-op
            unsaved = _unsaved_cache(cache.path, failure)
            return replace(report, problems=(*report.problems, unsaved))
        return report


class PhaseTimer:
    """How long each phase of a build took, for `--verbose`."""

    def __init__(self) -> None:
        self._phases: list[tuple[str, float]] = []

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        """Time the phase `name`."""
        began = time.perf_counter()
        try:
            yield
        finally:
            self._phases.append((name, time.perf_counter() - began))

    @property
    def phases(self) -> tuple[tuple[str, float], ...]:
        """Each phase timed so far, with its seconds, in order."""
        return tuple(self._phases)


def _fresh(report: BuildReport, due: float | None, since: float) -> FreshBuild:
    """What a later build with nothing to do reports again."""
    return FreshBuild(
        posts=report.posts,
        tags=report.tags,
        pages=report.pages,
        drafts=list(report.drafts),
        scheduled=list(report.scheduled),
        expired=list(report.expired),
        warning_lines=[str(warning) for warning in report.warnings],
        warnings=[warning.model_dump() for warning in report.warnings],
        due=due,
        since=since,
    )


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
