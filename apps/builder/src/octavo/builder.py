"""The `Builder`: the five phases of a build, in order (load, index, route, render, write)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from octavo.loading import LoadedSite, load_site
from octavo.routes import Claimant, Render, Route, RouteTable
from octavo.site import SitePaths
from octavo.writer import OutputWriter
from octavo_content import ContentError, ContentErrors, Post, SiteConfig, newest_first, only_errors
from octavo_render import Renderer, SitemapEntry
from octavo_tags import TagIndex, paginate


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
    ) -> None:
        self.paths = SitePaths.of(site, output)
        self.include_drafts = include_drafts
        self.now = now or datetime.now(UTC)

    def build(self) -> BuildReport:
        """Run every phase; publish the output only when no phase found an error."""
        started = time.perf_counter()
        try:
            config = SiteConfig.load(self.paths.root)
        except ContentErrors as failure:
            return BuildReport(problems=failure.errors)
        writer = OutputWriter(self.paths.output)
        problems = [*self.paths.output_problems(), *writer.problems()]
        site = load_site(self.paths, config, include_drafts=self.include_drafts, now=self.now)
        problems.extend(site.problems)
        index = TagIndex.build(site.posts)
        problems.extend(index.problems)
        renderer = Renderer(config, index, site_templates=self.paths.templates)
        routes = self.route(config, site, index, renderer)
        problems.extend(routes.conflicts())
        if only_errors(problems):
            return BuildReport(problems=tuple(problems))
        render_errors = self.render_and_write(routes, writer)
        if render_errors:
            return BuildReport(problems=(*problems, *render_errors))
        return BuildReport(
            problems=tuple(problems),
            posts=len(site.posts),
            tags=len(index.entries),
            pages=sum(1 for route in routes if route.url.endswith((".html", "/"))),
            seconds=time.perf_counter() - started,
            drafts=tuple(post.source for post in site.drafts),
            scheduled=tuple(post.source for post in site.scheduled),
            output=self.paths.output,
        )

    def route(
        self, config: SiteConfig, site: LoadedSite, index: TagIndex, renderer: Renderer
    ) -> RouteTable:
        """Claim the URL of every output: posts, lists, feeds, sitemap and static files."""
        table = RouteTable()
        links = config.permalinks
        posts = newest_first(site.posts)
        theme = Claimant("the default theme", "theme")
        for position, post in enumerate(posts):
            newer = posts[position - 1] if position > 0 else None
            older = posts[position + 1] if position + 1 < len(posts) else None
            table.claim(
                Route(
                    post.url,
                    Claimant(f"post {post.source}", post.source, site.url_lines.get(post.source)),
                    partial(renderer.post_page, post, newer=newer, older=older),
                    in_sitemap=True,
                )
            )
        for page in paginate(posts, config.per_page):
            home = Claimant(f"home page {page.number}", "octavo.toml")
            table.claim(
                Route(
                    links.home_url(page.number),
                    home,
                    partial(renderer.home_page, page),
                    in_sitemap=True,
                )
            )
        for entry in index.entries:
            where = Claimant(f"tag {entry.tag.name!r}", entry.posts[0].source)
            for page in paginate(entry.posts, config.per_page):
                table.claim(
                    Route(
                        links.tag_url(entry.tag.slug, page.number),
                        where,
                        partial(renderer.tag_page, entry, page),
                        in_sitemap=True,
                    )
                )
            table.claim(
                Route(links.tag_feed_url(entry.tag.slug), where, partial(renderer.tag_feed, entry))
            )
        table.claim(Route(links.tags, theme, renderer.tags_page, in_sitemap=True))
        table.claim(
            Route(links.archive, theme, partial(renderer.archive_page, posts), in_sitemap=True)
        )
        table.claim(Route(links.feed, theme, partial(renderer.site_feed, posts)))
        table.claim(Route("/404.html", theme, renderer.not_found_page))
        table.claim(Route("/robots.txt", theme, renderer.robots))
        for url, data in renderer.theme_assets().items():
            table.claim(Route(url, theme, partial(bytes, data)))
        self._claim_static(table)
        lastmod = _lastmod_by_url(posts, index, config)
        sitemap_entries = [
            SitemapEntry(route.url, lastmod.get(route.url)) for route in table if route.in_sitemap
        ]
        table.claim(Route("/sitemap.xml", theme, partial(renderer.sitemap, sitemap_entries)))
        return table

    def _claim_static(self, table: RouteTable) -> None:
        static = self.paths.static
        if not static.is_dir():
            return
        for source in sorted(static.rglob("*")):
            if source.is_dir():
                continue
            relative = self.paths.relative(source)
            url = "/" + source.relative_to(static).as_posix()
            claimant = Claimant(f"static file {relative}", relative)
            if not source.resolve().is_relative_to(self.paths.root):
                table.claim(Route(url, claimant, _refuse_outside(relative)))
                continue
            table.claim(Route(url, claimant, source.read_bytes))

    def render_and_write(self, routes: RouteTable, writer: OutputWriter) -> list[ContentError]:
        """Render every route into the staging folder; publish it only if all rendered."""
        errors: list[ContentError] = []
        writer.start()
        try:
            for route in routes:
                try:
                    writer.write(route.url, route.render())
                except Exception as failure:  # a template or file error: report it, keep going
                    errors.append(_render_error(route, failure))
            if errors:
                writer.abandon()
            else:
                writer.publish()
        except BaseException:
            writer.abandon()
            raise
        return errors


def _refuse_outside(relative: str) -> Render:
    def render() -> bytes:
        raise PermissionError(f"{relative} links to a file outside the site; it is not copied")

    return render


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
