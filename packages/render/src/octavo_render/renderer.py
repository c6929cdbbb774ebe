"""The renderer: posts, tags and pages in, the bytes of every page, feed and sitemap out."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from markupsafe import Markup

from octavo_content import Post, SiteConfig, newest_first
from octavo_render import dates, theme
from octavo_render.environment import template_environment
from octavo_render.feeds import Feed, feed_entry, feed_posts, feed_updated, site_author
from octavo_render.links import Links
from octavo_render.sitemap import SITEMAP_PATH, SitemapEntry, SitemapUrl
from octavo_render.structured import blog, blog_posting, script_json
from octavo_render.toc import TOC_MINIMUM, toc_tree
from octavo_render.views import (
    Link,
    PageMeta,
    Pagination,
    PostView,
    SiteView,
    TagCount,
    YearGroup,
)
from octavo_tags import Page, TagEntry, TagIndex

# Between a page's own title and the site's in `<title>`.
_TITLE_SEPARATOR = " – "
# Sizes in the tag cloud: weight 1 (a tag of one post) to this (the commonest tag).
_CLOUD_WEIGHTS = 5


class Renderer:
    """Renders one site: one template environment, fresh plain data for every page."""

    def __init__(
        self,
        config: SiteConfig,
        index: TagIndex,
        *,
        site_templates: Path | None = None,
        compiled_templates: Path | None = None,
    ) -> None:
        self._config = config
        self._index = index
        self._links = Links(config)
        self._env = template_environment(site_templates, compiled_templates)
        self._site = self._site_view()

    # Pages

    def post_page(self, post: Post, *, newer: Post | None, older: Post | None) -> bytes:
        """Given a post and its neighbours in time, returns the post's HTML page."""
        toc = toc_tree(post.toc) if len(post.toc) >= TOC_MINIMUM else ()
        zone = self._config.zone
        meta = self._meta(
            post.title,
            post.description or self._config.description,
            post.url,
            kind="article",
            json_ld=script_json(self._blog_posting(post)),
            published=dates.rfc3339(post.date, zone),
            modified=dates.rfc3339(post.last_modified, zone),
            tags=tuple(tag.name for tag in self._index.tags_of(post)),
            noindex=post.draft,
        )
        return self._render(
            "post.html",
            meta=meta,
            post=self._post_view(post),
            toc=toc,
            newer=self._post_link(newer),
            older=self._post_link(older),
            related=tuple(self._post_link(other) for other in self._index.related(post)),
        )

    def home_page(self, page: Page[Post]) -> bytes:
        """Given one page of the newest-first post list, returns that home page's HTML."""
        permalinks = self._config.permalinks
        title = self._config.title if page.number == 1 else f"Page {page.number} of {page.total}"
        site_path = permalinks.home_url(page.number)
        meta = self._meta(
            title,
            self._config.description,
            site_path,
            json_ld=script_json(self._blog(page.items, site_path)),
        )
        return self._render(
            "home.html",
            meta=meta,
            posts=self._post_views(page.items),
            pagination=self._pagination(page, permalinks.home_url),
        )

    def tag_page(self, entry: TagEntry, page: Page[Post]) -> bytes:
        """Given a tag and one page of its posts, returns that tag page's HTML."""
        permalinks = self._config.permalinks
        slug = entry.tag.slug
        title = f"Tag: {entry.tag.name}"
        if page.number > 1:
            title += f", page {page.number} of {page.total}"
        feed = Link(f"{entry.tag.name} ({self._config.title})", self._path_of_tag_feed(slug))
        return self._render(
            "tag.html",
            meta=self._meta(
                title,
                self._config.description,
                permalinks.tag_url(slug, page.number),
                feeds=(*self._site_feeds(), feed),
            ),
            tag=entry.tag,
            count=entry.count,
            feed=feed,
            posts=self._post_views(page.items),
            pagination=self._pagination(page, lambda number: permalinks.tag_url(slug, number)),
        )

    def tags_page(self) -> bytes:
        """Returns the HTML page listing every tag with its number of posts, sorted by name."""
        entries = self._index.entries
        most = max((entry.count for entry in entries), default=1)
        tags = tuple(
            TagCount(
                name=entry.tag.name,
                url=self._links.path(self._config.permalinks.tag_url(entry.tag.slug)),
                count=entry.count,
                weight=cloud_weight(entry.count, most),
            )
            for entry in entries
        )
        return self._render(
            "tags.html",
            meta=self._meta("Tags", self._config.description, self._config.permalinks.tags),
            tags=tags,
        )

    def archive_page(self, posts: Sequence[Post]) -> bytes:
        """Given the site's posts, returns the archive's HTML: newest first, one section a year."""
        zone = self._config.zone
        years = tuple(
            YearGroup(year=year, posts=self._post_views(group))
            for year, group in groupby(
                newest_first(posts), key=lambda post: dates.publication_day(post, zone).year
            )
        )
        return self._render(
            "archive.html",
            meta=self._meta("Archive", self._config.description, self._config.permalinks.archive),
            years=years,
        )

    def not_found_page(self) -> bytes:
        """Returns the HTML of the page shown for an address the site does not have."""
        meta = PageMeta(
            title=self._full_title("Page not found"),
            description="",
            # Served at any missing address: no single address is its own.
            canonical=None,
            current=None,
            feeds=self._site_feeds(),
        )
        return self._render("404.html", meta=meta)

    # Feeds, sitemap, robots

    def site_feed(self, posts: Sequence[Post]) -> bytes:
        """Given the site's posts, returns the Atom feed of the newest `FEED_LIMIT` of them."""
        permalinks = self._config.permalinks
        return self._feed(
            posts,
            title=self._config.title,
            self_path=permalinks.feed,
            page_path=permalinks.home_url(),
        )

    def tag_feed(self, entry: TagEntry) -> bytes:
        """Given a tag, returns the Atom feed of its newest `FEED_LIMIT` posts."""
        permalinks = self._config.permalinks
        return self._feed(
            entry.posts,
            title=self._full_title(f"Tag: {entry.tag.name}"),
            self_path=permalinks.tag_feed_url(entry.tag.slug),
            page_path=permalinks.tag_url(entry.tag.slug),
        )

    def sitemap(self, entries: Sequence[SitemapEntry]) -> bytes:
        """Given the site's pages, returns `sitemap.xml` with absolute URLs and known `lastmod`s."""
        zone = self._config.zone
        urls = tuple(
            SitemapUrl(
                loc=self._links.absolute(entry.path),
                lastmod=None if entry.lastmod is None else dates.rfc3339(entry.lastmod, zone),
            )
            for entry in entries
        )
        return self._render("sitemap.xml", urls=urls)

    def robots(self) -> bytes:
        """Returns `robots.txt`: every crawler allowed everywhere, and where the sitemap is."""
        return self._render("robots.txt", sitemap_url=self._links.absolute(SITEMAP_PATH))

    def theme_assets(self) -> dict[str, bytes]:
        """Returns the theme's static files by site path, such as `/theme/style.css`."""
        return theme.theme_assets()

    # Helpers

    def _render(self, template: str, **context: Any) -> bytes:
        """Given a template name and its page data, returns the rendered UTF-8 bytes."""
        page = self._env.get_template(template)
        return page.render(config=self._config, site=self._site, **context).encode("utf-8")

    def _site_view(self) -> SiteView:
        """Returns what every page shows of the site."""
        permalinks = self._config.permalinks
        path = self._links.path
        return SiteView(
            title=self._config.title,
            description=self._config.description,
            home=path(permalinks.home_url()),
            tags=path(permalinks.tags),
            archive=path(permalinks.archive),
            feed=path(permalinks.feed),
            stylesheet=path(theme.asset_path(theme.STYLESHEET)),
            icon=path(theme.asset_path(theme.ICON)),
            nav=(
                Link("Home", path(permalinks.home_url())),
                Link("Tags", path(permalinks.tags)),
                Link("Archive", path(permalinks.archive)),
            ),
        )

    def _full_title(self, title: str) -> str:
        """Given a page's own title, returns its `<title>`: the page's, then the site's."""
        if title == self._config.title:
            return title
        return title + _TITLE_SEPARATOR + self._config.title

    def _site_feeds(self) -> tuple[Link, ...]:
        """Returns the feed every page announces: the site's."""
        return (Link(self._config.title, self._links.path(self._config.permalinks.feed)),)

    def _path_of_tag_feed(self, slug: str) -> str:
        """Given a tag slug, returns the link path of its feed."""
        return self._links.path(self._config.permalinks.tag_feed_url(slug))

    def _meta(
        self,
        title: str,
        description: str,
        site_path: str,
        *,
        kind: str = "website",
        feeds: tuple[Link, ...] | None = None,
        json_ld: Markup | None = None,
        published: str | None = None,
        modified: str | None = None,
        tags: tuple[str, ...] = (),
        noindex: bool = False,
    ) -> PageMeta:
        """Given a page's title, description and site path, returns what its `<head>` says."""
        return PageMeta(
            title=self._full_title(title),
            description=description,
            canonical=self._links.absolute(site_path),
            current=self._links.path(site_path),
            feeds=self._site_feeds() if feeds is None else feeds,
            kind=kind,
            json_ld=json_ld,
            published=published,
            modified=modified,
            tags=tags,
            noindex=noindex,
        )

    def _blog_posting(self, post: Post) -> dict[str, Any]:
        """Given a post, returns its JSON-LD `BlogPosting`."""
        config = self._config
        return blog_posting(
            headline=post.title,
            url=self._links.absolute(post.url),
            published=dates.published(post, config.zone).iso,
            modified=dates.rfc3339(post.last_modified, config.zone),
            authors=post.authors or (site_author(config),),
            description=post.description,
            keywords=tuple(tag.name for tag in self._index.tags_of(post)),
            language=config.language,
            word_count=post.word_count,
            blog={"name": config.title, "url": self._links.absolute(config.permalinks.home_url())},
        )

    def _blog(self, posts: Iterable[Post], site_path: str) -> dict[str, Any]:
        """Given one home page's posts and its site path, returns the page's JSON-LD `Blog`."""
        config = self._config
        return blog(
            name=config.title,
            url=self._links.absolute(site_path),
            description=config.description,
            language=config.language,
            posts=[
                {
                    "headline": post.title,
                    "url": self._links.absolute(post.url),
                    "datePublished": dates.published(post, config.zone).iso,
                }
                for post in posts
            ],
        )

    def _post_view(self, post: Post) -> PostView:
        """Given a post, returns it with its links, dates and trusted HTML ready to print."""
        zone = self._config.zone
        full = self._config.list_content == "full"
        return PostView(
            model=post,
            title=post.title,
            url=self._links.path(post.url),
            published=dates.published(post, zone),
            updated=dates.updated(post, zone),
            tags=tuple(
                Link(tag.name, self._links.path(self._config.permalinks.tag_url(tag.slug)))
                for tag in self._index.tags_of(post)
            ),
            # Our parser's output: trusted HTML, the one thing templates do not escape.
            body=Markup(post.body_html),
            excerpt=Markup(post.list_html if full else post.summary_html),
            read_more=not full and post.has_more,
            draft=post.draft,
        )

    def _post_views(self, posts: Iterable[Post]) -> tuple[PostView, ...]:
        """Given posts, returns their views in the same order."""
        return tuple(self._post_view(post) for post in posts)

    def _post_link(self, post: Post | None) -> Link | None:
        """Given a post or None, returns a link to it (or None)."""
        return None if post is None else Link(post.title, self._links.path(post.url))

    def _pagination(self, page: Page[Post], path_of: Callable[[int], str]) -> Pagination:
        """Given a list page and the site path of page n, returns its place and neighbours."""
        return Pagination(
            number=page.number,
            total=page.total,
            previous=self._links.path(path_of(page.number - 1)) if page.has_previous else None,
            next=self._links.path(path_of(page.number + 1)) if page.has_next else None,
        )

    def _feed(self, posts: Sequence[Post], *, title: str, self_path: str, page_path: str) -> bytes:
        """Given posts and the feed's title and site paths, returns the Atom feed's bytes."""
        chosen = feed_posts(posts)
        self_url = self._links.absolute(self_path)
        feed = Feed(
            id=self_url,
            title=title,
            subtitle=self._config.description,
            self_url=self_url,
            page_url=self._links.absolute(page_path),
            updated=feed_updated(chosen, self._config),
            author=site_author(self._config),
            entries=tuple(feed_entry(post, self._config, self._index) for post in chosen),
        )
        return self._render("feed.xml", feed=feed)


def cloud_weight(count: int, most: int) -> int:
    """Given a tag's post count and the largest count, returns its size in the cloud, 1 to 5."""
    if most <= 1:
        return 1
    # Logarithmic: one tag of 300 posts must not make every tag of three look the same.
    return 1 + round((_CLOUD_WEIGHTS - 1) * math.log(count) / math.log(most))
