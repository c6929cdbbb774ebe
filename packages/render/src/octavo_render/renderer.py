"""The renderer: posts, tags and pages in, the bytes of every page, feed and sitemap out."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import groupby
from pathlib import Path
from types import MappingProxyType
from typing import Any

from markupsafe import Markup

from octavo_content import AuthorProfile, LightPost, Post, SiteConfig, Tag, newest_first
from octavo_render import dates, theme
from octavo_render.bodies import Html, bodies_loaded
from octavo_render.environment import template_environment
from octavo_render.feeds import (
    FEED_TEMPLATES,
    FEED_TYPES,
    Feed,
    feed_entry,
    feed_path,
    feed_posts,
    feed_title,
    feed_updated,
    feed_updated_rfc822,
    site_author,
)
from octavo_render.i18n import N_, ThemeStrings
from octavo_render.links import Links
from octavo_render.sitemap import SITEMAP_PATH, SitemapEntry, SitemapUrl
from octavo_render.structured import blog, blog_posting, script_json, web_page
from octavo_render.toc import TOC_MINIMUM, toc_tree
from octavo_render.views import (
    ArchiveEntry,
    AuthorInfo,
    FeedLink,
    Link,
    PageMeta,
    PageView,
    Pagination,
    PostView,
    SearchView,
    SeriesNav,
    SeriesPart,
    SiteView,
    TagCount,
    TermGroup,
    View,
    YearGroup,
)
from octavo_tags import Page, SiteIndexes, TagEntry, TagIndex, canonical_slug, series_order

# Between a page's own title and the site's in `<title>`.
# The search page, and the folder the builder puts the site's Pagefind index in.
SEARCH_PAGE = "/search/"
SEARCH_INDEX = "/pagefind/"
_TITLE_SEPARATOR = " – "
# The default taxonomies' headings, which `_label` prints in the site's language.
TAXONOMY_LABELS = (N_("Category"), N_("Categories"))
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
        body_digests: Mapping[str, str] | None = None,
        menu: Sequence[Link] | None = None,
        data: Mapping[str, Any] | None = None,
        indexes: SiteIndexes | None = None,
    ) -> None:
        """`body_digests` (content hash by source path) are what post bodies stand in by in the
        views' digests; without them, views can be rendered but not fingerprinted. `menu` is the
        site's navigation, each link a site path (`/about/`) or an address elsewhere, in order;
        None keeps the default (home, tags, archive). `data` is the site's data for every
        template (`site.data`); what renders with it must say so in the digest it gives
        `ViewDigester` (`renders_with`), as for templates and settings. `indexes` are the
        site's other taxonomies, authors and series (by default, none)."""
        self._data: Mapping[str, Any] = _read_only(dict(data or {}))
        self._config = config
        self._menu = None if menu is None else tuple(menu)
        self._index = index
        self._indexes = indexes or SiteIndexes.of_tags(index)
        self._profiles = {canonical_slug(name): about for name, about in config.authors.items()}
        # Each series in reading order, made once however many of its parts' pages ask.
        self._series_orders: dict[str, tuple[LightPost, ...]] = {}
        self._body_digests = body_digests
        self._cards: dict[str, PostView] = {}
        self._links = Links(config)
        # The theme's words and the dates pages print, in the site's language.
        self._strings = ThemeStrings.for_site(config.language, config.strings)
        self._locale = str(self._strings.locale)
        self._env = template_environment(site_templates, compiled_templates, self._strings)
        self._site = self._site_view()

    # Views: what each kind of page shows, built from light posts

    def post_view(
        self, post: LightPost, *, newer: LightPost | None, older: LightPost | None
    ) -> View:
        """Given a post and its neighbours in time, returns the view of the post's page."""
        toc = toc_tree(post.toc) if len(post.toc) >= TOC_MINIMUM else ()
        zone = self._config.zone
        meta = self._meta(
            post.title,
            post.description or self._config.description,
            post.url,
            kind="article",
            json_ld=script_json(self._blog_posting(post)),
            published=dates.rfc3339(post.dated, zone),
            modified=dates.rfc3339(post.last_modified, zone),
            tags=tuple(tag.name for tag in self._index.tags_of(post)),
            noindex=post.draft,
            image=post.image,
        )
        return View.of(
            "post.html",
            meta=meta,
            post=self.post_card(post),
            toc=toc,
            newer=self._post_link(newer),
            older=self._post_link(older),
            related=tuple(self._post_link(other) for other in self._index.related(post)),
            authors=self._author_links(post),
            terms=self._term_groups(post),
            series=self._series_nav(post),
        )

    def page_view(self, page: LightPost) -> View:
        """Given a standalone page, returns the view of its page: no neighbours, no related posts,
        and a date line only when it has a date or an update."""
        toc = toc_tree(page.toc) if len(page.toc) >= TOC_MINIMUM else ()
        zone = self._config.zone
        meta = self._meta(
            page.title,
            page.description or self._config.description,
            page.url,
            json_ld=script_json(self._web_page(page)),
            noindex=page.draft,
        )
        view = PageView(
            model=page,
            title=page.title,
            url=self._links.path(page.url),
            published=None if page.date is None else dates.published(page, zone, self._locale),
            updated=dates.updated(page, zone, self._locale),
            body=Html(page.source, "body", self._digest_of(page.source)),
            draft=page.draft,
        )
        return View.of("page.html", meta=meta, page=view, toc=toc)

    def home_view(self, page: Page[LightPost]) -> View:
        """Given one page of the newest-first post list, returns that home page's view."""
        permalinks = self._config.permalinks
        title = (
            self._config.title
            if page.number == 1
            else self._strings.text(
                "Page %(number)s of %(total)s", number=page.number, total=page.total
            )
        )
        site_path = permalinks.home_url(page.number)
        meta = self._meta(
            title,
            self._config.description,
            site_path,
            json_ld=script_json(self._blog(page.items, site_path)),
        )
        return View.of(
            "home.html",
            meta=meta,
            posts=self._post_cards(page.items),
            pagination=self._pagination(page, permalinks.home_url),
        )

    def tag_view(self, entry: TagEntry, page: Page[LightPost]) -> View:
        """Given a tag and one page of its posts, returns that tag page's view."""
        permalinks = self._config.permalinks
        slug = entry.tag.slug
        title = self._paged_title(self._tag_title(entry), page)
        feed = Link(f"{entry.tag.name} ({self._config.title})", self._path_of_tag_feed(slug))
        return View.of(
            "tag.html",
            meta=self._meta(
                title,
                self._config.description,
                permalinks.tag_url(slug, page.number),
                feeds=(*self._site_feeds(), *self._feed_links(feed)),
            ),
            tag=entry.tag,
            count=entry.count,
            feed=feed,
            posts=self._post_cards(page.items),
            pagination=self._pagination(page, lambda number: permalinks.tag_url(slug, number)),
        )

    def list_view(
        self,
        heading: str,
        page: Page[LightPost],
        path_of: Callable[[int], str],
        *,
        intro: str = "",
    ) -> View:
        """Given a heading, one page of posts and the site path of page n, returns the view of a
        list page (`list.html`): the posts as the home page shows them, under the heading.

        For page kinds that list posts by something of their own (an author, a series).
        """
        title = self._paged_title(heading, page)
        return View.of(
            "list.html",
            meta=self._meta(title, self._config.description, path_of(page.number)),
            heading=heading,
            intro=intro,
            posts=self._post_cards(page.items),
            pagination=self._pagination(page, path_of),
        )

    def tags_view(self) -> View:
        """Returns the view of the page listing every tag with its number of posts, by name."""
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
        return View.of(
            "tags.html",
            meta=self._meta(
                self._strings.text("Tags"),
                self._config.description,
                self._config.permalinks.tags,
            ),
            tags=tags,
        )

    def archive_view(self, posts: Sequence[LightPost]) -> View:
        """Given the site's posts, returns the archive's view: newest first, a section a year."""
        zone = self._config.zone
        years = tuple(
            YearGroup(year=year, posts=tuple(self._archive_entry(post) for post in group))
            for year, group in groupby(
                newest_first(posts), key=lambda post: dates.publication_day(post, zone).year
            )
        )
        return View.of(
            "archive.html",
            meta=self._meta(
                self._strings.text("Archive"),
                self._config.description,
                self._config.permalinks.archive,
            ),
            years=years,
        )

    def search_view(self) -> View:
        """Returns the view of the search page: a form, and the results its script lists from
        the site's Pagefind index (without the script, links to the tags and the archive)."""
        path = self._links.path
        search = SearchView(
            pagefind=path(SEARCH_INDEX + "pagefind.js"),
            base=path("/"),
            script=path(theme.asset_path(theme.SEARCH_SCRIPT)),
        )
        return View.of(
            "search.html",
            meta=self._meta(self._strings.text("Search"), self._config.description, SEARCH_PAGE),
            search=search,
        )

    def not_found_view(self) -> View:
        """Returns the view of the page shown for an address the site does not have."""
        meta = PageMeta(
            title=self._full_title(self._strings.text("Page not found")),
            description="",
            # Served at any missing address: no single address is its own.
            canonical=None,
            current=None,
            feeds=self._site_feeds(),
        )
        return View.of("404.html", meta=meta)

    def site_feed_view(self, posts: Sequence[LightPost], fmt: str = "atom") -> View:
        """Given the site's posts, returns the view of the Atom feed of the newest of them."""
        permalinks = self._config.permalinks
        return self._feed(
            posts,
            title=self._config.title,
            self_path=feed_path(permalinks.feed, fmt),
            page_path=permalinks.home_url(),
            fmt=fmt,
        )

    def tag_feed_view(self, entry: TagEntry, fmt: str = "atom") -> View:
        """Given a tag, returns the view of the feed of its newest posts, in format `fmt`."""
        permalinks = self._config.permalinks
        return self._feed(
            entry.posts,
            title=self._full_title(self._tag_title(entry)),
            self_path=feed_path(permalinks.tag_feed_url(entry.tag.slug), fmt),
            page_path=permalinks.tag_url(entry.tag.slug),
            fmt=fmt,
        )

    def term_view(self, taxonomy: str, entry: TagEntry, page: Page[LightPost]) -> View:
        """Given a taxonomy's plural name, one of its terms and one page of the term's posts,
        returns that page's view (tags have `tag_view`)."""
        permalinks = self._config.permalinks
        slug = entry.tag.slug
        label = self._label(self._config.singular_of(taxonomy))
        title = self._strings.text("%(label)s: %(name)s", label=label, name=entry.tag.name)
        feed = Link(
            f"{entry.tag.name} ({self._config.title})",
            self._links.path(permalinks.term_feed_url(taxonomy, slug)),
        )
        return View.of(
            "term.html",
            meta=self._meta(
                self._paged_title(title, page),
                self._config.description,
                permalinks.term_url(taxonomy, slug, page.number),
                feeds=(*self._site_feeds(), *self._feed_links(feed)),
            ),
            label=label,
            term=entry.tag,
            count=entry.count,
            feed=feed,
            posts=self._post_cards(page.items),
            pagination=self._pagination(
                page, lambda number: permalinks.term_url(taxonomy, slug, number)
            ),
        )

    def terms_view(self, taxonomy: str) -> View:
        """Given a taxonomy's plural name, returns the view of the page listing its terms."""
        index = self._indexes.taxonomies[taxonomy]
        most = max((entry.count for entry in index.entries), default=1)
        permalinks = self._config.permalinks
        terms = tuple(
            TagCount(
                name=entry.tag.name,
                url=self._links.path(permalinks.term_url(taxonomy, entry.tag.slug)),
                count=entry.count,
                weight=cloud_weight(entry.count, most),
            )
            for entry in index.entries
        )
        heading = self._label(taxonomy)
        return View.of(
            "terms.html",
            meta=self._meta(heading, self._config.description, permalinks.terms_url(taxonomy)),
            heading=heading,
            singular=self._config.singular_of(taxonomy).replace("_", " ").replace("-", " "),
            terms=terms,
        )

    def term_feed_view(self, taxonomy: str, entry: TagEntry, fmt: str = "atom") -> View:
        """Given a taxonomy's plural name and one of its terms, returns the view of the term's
        Atom feed."""
        permalinks = self._config.permalinks
        label = self._label(self._config.singular_of(taxonomy))
        return self._feed(
            entry.posts,
            title=self._full_title(
                self._strings.text("%(label)s: %(name)s", label=label, name=entry.tag.name)
            ),
            self_path=feed_path(permalinks.term_feed_url(taxonomy, entry.tag.slug), fmt),
            page_path=permalinks.term_url(taxonomy, entry.tag.slug),
            fmt=fmt,
        )

    def author_view(self, entry: TagEntry, page: Page[LightPost]) -> View:
        """Given an author and one page of their posts, returns that author page's view: the
        author's name, what `[authors.NAME]` says of them, and their posts."""
        permalinks = self._config.permalinks
        slug = entry.tag.slug
        author = self._author_info(entry)
        feed = Link(
            f"{author.name} ({self._config.title})",
            self._links.path(permalinks.author_feed_url(slug)),
        )
        return View.of(
            "author.html",
            meta=self._meta(
                self._paged_title(self._posts_by(author.name), page),
                author.bio or self._config.description,
                permalinks.author_url(slug, page.number),
                feeds=(*self._site_feeds(), *self._feed_links(feed)),
            ),
            author=author,
            count=entry.count,
            feed=feed,
            posts=self._post_cards(page.items),
            pagination=self._pagination(page, lambda number: permalinks.author_url(slug, number)),
        )

    def author_feed_view(self, entry: TagEntry, fmt: str = "atom") -> View:
        """Given an author, returns the view of the Atom feed of their newest posts."""
        permalinks = self._config.permalinks
        return self._feed(
            entry.posts,
            title=self._full_title(self._posts_by(self._author_info(entry).name)),
            self_path=feed_path(permalinks.author_feed_url(entry.tag.slug), fmt),
            page_path=permalinks.author_url(entry.tag.slug),
            fmt=fmt,
        )

    def series_view(self, entry: TagEntry, page: Page[LightPost]) -> View:
        """Given a series and one page of its posts in reading order, returns that series
        page's view."""
        permalinks = self._config.permalinks
        slug = entry.tag.slug
        feed = Link(
            f"{entry.tag.name} ({self._config.title})",
            self._links.path(permalinks.series_feed_url(slug)),
        )
        return View.of(
            "term.html",
            meta=self._meta(
                self._paged_title(self._series_title(entry), page),
                self._config.description,
                permalinks.series_url(slug, page.number),
                feeds=(*self._site_feeds(), *self._feed_links(feed)),
            ),
            label=self._strings.text("Series"),
            term=entry.tag,
            count=entry.count,
            feed=feed,
            posts=self._post_cards(page.items),
            pagination=self._pagination(page, lambda number: permalinks.series_url(slug, number)),
        )

    def series_feed_view(self, entry: TagEntry, fmt: str = "atom") -> View:
        """Given a series, returns the view of the Atom feed of its newest parts."""
        permalinks = self._config.permalinks
        return self._feed(
            entry.posts,
            title=self._full_title(self._series_title(entry)),
            self_path=feed_path(permalinks.series_feed_url(entry.tag.slug), fmt),
            page_path=permalinks.series_url(entry.tag.slug),
            fmt=fmt,
        )

    def sitemap_view(self, entries: Sequence[SitemapEntry]) -> View:
        """Given the site's pages, returns the sitemap's view: absolute URLs, known `lastmod`s."""
        zone = self._config.zone
        urls = tuple(
            SitemapUrl(
                loc=self._links.absolute(entry.path),
                lastmod=None if entry.lastmod is None else dates.rfc3339(entry.lastmod, zone),
            )
            for entry in entries
        )
        return View.of("sitemap.xml", urls=urls)

    def robots_view(self) -> View:
        """Returns the view of `robots.txt`: every crawler allowed, and where the sitemap is."""
        return View.of("robots.txt", sitemap_url=self._links.absolute(SITEMAP_PATH))

    def redirect_view(self, old_path: str, target_url: str) -> View:
        """Given an old site path and the site path it moved to, returns the view of the small
        page left at the old path: canonical link, meta refresh and a visible link, never indexed.
        """
        return View.of(
            "redirect.html",
            title=self._full_title(self._strings.text("Moved")),
            old=self._links.path(old_path),
            target=self._links.path(target_url),
            canonical=self._links.absolute(target_url),
        )

    def redirects_file_view(self, redirects: Sequence[tuple[str, str]]) -> View:
        """Given (old path, new path) pairs, returns the view of `_redirects` (Netlify's and
        Cloudflare Pages' format): one `OLD NEW 301` line per pair, sorted."""
        lines = tuple(
            sorted((self._links.path(old), self._links.path(new)) for old, new in redirects)
        )
        return View.of("_redirects", redirects=lines)

    def render(self, view: View, bodies: Mapping[str, Post] | None = None) -> bytes:
        """Given a view and the whole posts whose HTML it prints, returns the UTF-8 bytes."""
        template = self._env.get_template(view.template)
        with bodies_loaded(bodies or {}):
            text = template.render(config=self._config, site=self._site, **dict(view.data))
        return text.encode("utf-8")

    # Pages from whole posts, for callers that hold them (a view, then its render)

    def post_page(self, post: Post, *, newer: LightPost | None, older: LightPost | None) -> bytes:
        """Given a post and its neighbours in time, returns the post's HTML page."""
        return self.render(self.post_view(post, newer=newer, older=older), _by_source([post]))

    def home_page(self, page: Page[Post]) -> bytes:
        """Given one page of the newest-first post list, returns that home page's HTML."""
        return self.render(self.home_view(_light_page(page)), _by_source(page.items))

    def tag_page(self, entry: TagEntry, page: Page[Post]) -> bytes:
        """Given a tag and one page of its posts, returns that tag page's HTML."""
        return self.render(self.tag_view(entry, _light_page(page)), _by_source(page.items))

    def tags_page(self) -> bytes:
        """Returns the HTML page listing every tag with its number of posts, sorted by name."""
        return self.render(self.tags_view())

    def archive_page(self, posts: Sequence[LightPost]) -> bytes:
        """Given the site's posts, returns the archive's HTML: newest first, one section a year."""
        return self.render(self.archive_view(posts))

    def not_found_page(self) -> bytes:
        """Returns the HTML of the page shown for an address the site does not have."""
        return self.render(self.not_found_view())

    def site_feed(self, posts: Sequence[Post], fmt: str = "atom") -> bytes:
        """Given the site's posts, returns the feed (Atom, or `fmt`: "rss", "json") of the newest
        `[feeds] entries` of them."""
        return self.render(self.site_feed_view(posts, fmt), _by_source(posts))

    def tag_feed(
        self, entry: TagEntry, bodies: Sequence[Post] | None = None, fmt: str = "atom"
    ) -> bytes:
        """Given a tag, returns the feed (Atom, or `fmt`) of its newest posts.

        The bodies are the entry's own posts when it was indexed from whole posts.
        """
        whole = [post for post in entry.posts if isinstance(post, Post)]
        return self.render(
            self.tag_feed_view(entry, fmt), _by_source(whole if bodies is None else bodies)
        )

    def sitemap(self, entries: Sequence[SitemapEntry]) -> bytes:
        """Given the site's pages, returns `sitemap.xml` with absolute URLs and known `lastmod`s."""
        return self.render(self.sitemap_view(entries))

    def robots(self) -> bytes:
        """Returns `robots.txt`: every crawler allowed everywhere, and where the sitemap is."""
        return self.render(self.robots_view())

    def theme_assets(self) -> dict[str, bytes]:
        """Returns the theme's static files by site path, such as `/theme/style.css`."""
        return theme.theme_assets()

    # Helpers

    def _site_view(self) -> SiteView:
        """Returns what every page shows of the site."""
        permalinks = self._config.permalinks
        path = self._links.path
        nav = (
            (
                Link(self._strings.text("Home"), path(permalinks.home_url())),
                Link(self._strings.text("Tags"), path(permalinks.tags)),
                Link(self._strings.text("Archive"), path(permalinks.archive)),
            )
            if self._menu is None
            else tuple(Link(link.text, self._menu_url(link.url)) for link in self._menu)
        )
        return SiteView(
            title=self._config.title,
            description=self._config.description,
            home=path(permalinks.home_url()),
            tags=path(permalinks.tags),
            archive=path(permalinks.archive),
            feed=path(permalinks.feed),
            stylesheet=path(theme.asset_path(theme.STYLESHEET)),
            icon=path(theme.asset_path(theme.ICON)),
            nav=nav,
            extra=_read_only(self._config.extra),
            data=self._data,
            search=path(SEARCH_PAGE) if self._config.search else None,
        )

    def _menu_url(self, url: str) -> str:
        """Given a menu link's site path or address elsewhere, returns the link it prints."""
        return self._links.path(url) if url.startswith("/") and not url.startswith("//") else url

    def _label(self, name: str) -> str:
        """Given a taxonomy's name (`categories`, `blog_series`), returns it as a heading, in
        the site's language when the theme has the word (`Categories`) or the site gives it."""
        return self._strings.text(name.replace("_", " ").replace("-", " ").capitalize())

    def _paged_title(self, title: str, page: Page[LightPost]) -> str:
        """Given a list's title and one of its pages, returns the page's title."""
        if page.number == 1:
            return title
        return self._strings.text(
            "%(title)s, page %(number)s of %(total)s",
            title=title,
            number=page.number,
            total=page.total,
        )

    def _tag_title(self, entry: TagEntry) -> str:
        """Given a tag, returns the title of its page and feed: `Tag: Python`."""
        return self._strings.text("Tag: %(name)s", name=entry.tag.name)

    def _posts_by(self, name: str) -> str:
        """Given an author's name, returns the title of their page and feed."""
        return self._strings.text("Posts by %(name)s", name=name)

    def _series_title(self, entry: TagEntry) -> str:
        """Given a series, returns the title of its page and feed: `Series: Rust`."""
        return self._strings.text("Series: %(name)s", name=entry.tag.name)

    def _author_info(self, entry: TagEntry) -> AuthorInfo:
        """Given an author's entry, returns what their page says of them."""
        about = self._profiles.get(entry.tag.slug) or AuthorProfile()
        return AuthorInfo(
            name=about.name or entry.tag.name,
            bio=about.bio,
            email=about.email,
            avatar=self._links.path(about.avatar) if about.avatar.startswith("/") else about.avatar,
            links=tuple(Link(link.name, link.url) for link in about.links),
        )

    def _author_links(self, post: LightPost) -> tuple[Link, ...]:
        """Given a post, returns a link to each of its authors' pages."""
        authors = self._indexes.authors
        permalinks = self._config.permalinks
        return tuple(
            Link(
                self._author_info(authors.get(author.slug)).name,
                self._links.path(permalinks.author_url(author.slug)),
            )
            for author in _indexed(authors, post)
        )

    def _term_groups(self, post: LightPost) -> tuple[TermGroup, ...]:
        """Given a post, returns its terms in each taxonomy but tags, in the site's order."""
        permalinks = self._config.permalinks
        groups = []
        for taxonomy, index in self._indexes.taxonomies.items():
            if taxonomy == "tags" or not post.taxonomies.get(taxonomy):
                continue
            links = tuple(
                Link(term.name, self._links.path(permalinks.term_url(taxonomy, term.slug)))
                for term in _indexed(index, post)
            )
            groups.append(TermGroup(self._label(taxonomy), links))
        return tuple(groups)

    def _series_nav(self, post: LightPost) -> SeriesNav | None:
        """Given a post, returns its place in its series, or None when it is in none."""
        found = _indexed(self._indexes.series, post)
        if not found:
            return None
        (series,) = found
        parts = self._series_orders.get(series.slug)
        if parts is None:
            parts = series_order(self._indexes.series.get(series.slug).posts)
            self._series_orders[series.slug] = parts
        return SeriesNav(
            name=series.name,
            url=self._links.path(self._config.permalinks.series_url(series.slug)),
            number=next(n for n, part in enumerate(parts, 1) if part.source == post.source),
            total=len(parts),
            parts=tuple(
                SeriesPart(part.title, self._links.path(part.url), part.source == post.source)
                for part in parts
            ),
        )

    def _full_title(self, title: str) -> str:
        """Given a page's own title, returns its `<title>`: the page's, then the site's."""
        if title == self._config.title:
            return title
        return title + _TITLE_SEPARATOR + self._config.title

    def _site_feeds(self) -> tuple[FeedLink, ...]:
        """Returns the feeds every page announces: the site's, one per format."""
        return self._feed_links(
            Link(self._config.title, self._links.path(self._config.permalinks.feed))
        )

    def _feed_links(self, atom: Link) -> tuple[FeedLink, ...]:
        """Given the link to an Atom feed, returns a `<link>` for each of the site's formats."""
        return tuple(
            FeedLink(feed_title(atom.text, fmt), feed_path(atom.url, fmt), FEED_TYPES[fmt])
            for fmt in self._config.feeds.formats
        )

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
        feeds: tuple[FeedLink, ...] | None = None,
        json_ld: Markup | None = None,
        published: str | None = None,
        modified: str | None = None,
        tags: tuple[str, ...] = (),
        noindex: bool = False,
        image: str | None = None,
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
            image=image,
        )

    def _blog_posting(self, post: LightPost) -> dict[str, Any]:
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

    def _web_page(self, page: LightPost) -> dict[str, Any]:
        """Given a standalone page, returns its JSON-LD `WebPage` (dates only when it has them)."""
        config = self._config
        return web_page(
            name=page.title,
            url=self._links.absolute(page.url),
            description=page.description,
            language=config.language,
            published=None if page.date is None else dates.published(page, config.zone).iso,
            modified=None if page.updated is None else dates.rfc3339(page.updated, config.zone),
            site={"name": config.title, "url": self._links.absolute(config.permalinks.home_url())},
        )

    def _blog(self, posts: Iterable[LightPost], site_path: str) -> dict[str, Any]:
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

    def post_card(self, post: LightPost) -> PostView:
        """Given a post, returns it with its links, dates and HTML ready to print.

        Made once per post and content: the same card is on its page and on every list. A
        renderer kept between builds (`octavo serve`) sees a post edited in its text alone
        as the same object with another content hash.
        """
        known = self._cards.get(post.source)
        if (
            known is None
            or known.model is not post
            or known.body.digest != self._digest_of(post.source)
        ):
            known = self._cards[post.source] = self._new_card(post)
        return known

    def _new_card(self, post: LightPost) -> PostView:
        zone = self._config.zone
        full = self._config.list_content == "full"
        digest = self._digest_of(post.source)
        return PostView(
            model=post,
            title=post.title,
            url=self._links.path(post.url),
            published=dates.published(post, zone, self._locale),
            updated=dates.updated(post, zone, self._locale),
            tags=tuple(
                Link(tag.name, self._links.path(self._config.permalinks.tag_url(tag.slug)))
                for tag in self._index.tags_of(post)
            ),
            # Our parser's output: trusted HTML, the one thing templates do not escape.
            body=Html(post.source, "body", digest),
            excerpt=Html(post.source, "list" if full else "summary", digest),
            read_more=not full and post.has_more,
            draft=post.draft,
        )

    def _archive_entry(self, post: LightPost) -> ArchiveEntry:
        """Given a post, returns what the archive shows of it: not its content."""
        zone = self._config.zone
        url = self._links.path(post.url)
        return ArchiveEntry(post.title, url, dates.published(post, zone, self._locale), post.draft)

    def _post_cards(self, posts: Iterable[LightPost]) -> tuple[PostView, ...]:
        """Given posts, returns their cards in the same order."""
        return tuple(self.post_card(post) for post in posts)

    def _digest_of(self, source: str) -> str:
        """The content hash a post's HTML stands in by in views (empty when none was given)."""
        return "" if self._body_digests is None else self._body_digests[source]

    def _post_link(self, post: LightPost | None) -> Link | None:
        """Given a post or None, returns a link to it (or None)."""
        return None if post is None else Link(post.title, self._links.path(post.url))

    def _pagination(self, page: Page[LightPost], path_of: Callable[[int], str]) -> Pagination:
        """Given a list page and the site path of page n, returns its place and neighbours."""
        return Pagination(
            number=page.number,
            total=page.total,
            previous=self._links.path(path_of(page.number - 1)) if page.has_previous else None,
            next=self._links.path(path_of(page.number + 1)) if page.has_next else None,
        )

    def _feed(
        self,
        posts: Sequence[LightPost],
        *,
        title: str,
        self_path: str,
        page_path: str,
        fmt: str = "atom",
    ) -> View:
        """Given posts, the feed's title and site paths and its format, returns its view."""
        chosen = feed_posts(posts, self._config.feeds.entries)
        self_url = self._links.absolute(self_path)
        feed = Feed(
            id=self_url,
            title=title,
            subtitle=self._config.description,
            self_url=self_url,
            page_url=self._links.absolute(page_path),
            updated=feed_updated(chosen, self._config),
            author=site_author(self._config),
            updated_rfc822=feed_updated_rfc822(chosen, self._config),
            entries=tuple(
                feed_entry(post, self._config, self._index, self._digest_of(post.source))
                for post in chosen
            ),
        )
        return View.of(FEED_TEMPLATES[fmt], feed=feed)


def cloud_weight(count: int, most: int) -> int:
    """Given a tag's post count and the largest count, returns its size in the cloud, 1 to 5."""
    if most <= 1:
        return 1
    # Logarithmic: one tag of 300 posts must not make every tag of three look the same.
    return 1 + round((_CLOUD_WEIGHTS - 1) * math.log(count) / math.log(most))


def _read_only(value: Any) -> Any:
    """Given plain data, returns it read-only: mappings as mapping proxies, lists as tuples."""
    if isinstance(value, dict):
        return MappingProxyType({key: _read_only(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_read_only(item) for item in value)
    return value


def _indexed(index: TagIndex, post: LightPost) -> tuple[Tag, ...]:
    """Given an index and a post, returns the post's terms in it; none when the index was
    built without the post (a renderer given a tag index alone)."""
    try:
        return index.tags_of(post)
    except KeyError:
        return ()


def _by_source(posts: Iterable[Post]) -> dict[str, Post]:
    return {post.source: post for post in posts}


def _light_page(page: Page[Post]) -> Page[LightPost]:
    return Page(number=page.number, total=page.total, items=tuple(page.items))
