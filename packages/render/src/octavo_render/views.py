"""The plain, frozen data that templates receive: everything computed, nothing left to look up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from markupsafe import Markup

from octavo_content import LightPost
from octavo_render.bodies import Html
from octavo_render.dates import Moment


@dataclass(frozen=True)
class View:
    """What one template receives: the template's name and its data, plain and frozen.

    A page's fingerprint is the digest of its view (`octavo_render.digest`): whatever the
    template can print is in it.
    """

    template: str
    data: tuple[tuple[str, object], ...]

    @classmethod
    def of(cls, template: str, **data: object) -> View:
        """The view of `template` with `data` as its variables."""
        return cls(template, tuple(data.items()))


@dataclass(frozen=True)
class Link:
    """Text and the URL it links to."""

    text: str
    url: str


@dataclass(frozen=True)
class FeedLink(Link):
    """A feed a page announces in its `<head>`: its title, URL and media type."""

    type: str = "application/atom+xml"


@dataclass(frozen=True)
class SiteView:
    """What every page shows of the site: its title, its navigation and its stylesheet."""

    title: str
    description: str
    home: str
    tags: str
    archive: str
    feed: str
    stylesheet: str
    # The theme's icon, so browsers do not ask for a /favicon.ico the site may not have.
    icon: str
    nav: tuple[Link, ...]
    # `[extra]` of octavo.toml, and the files of data/ by name (`site.data.authors.ada`).
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    # The search page's link path; None when the site has no search (`search = false`).
    search: str | None = None


@dataclass(frozen=True)
class PageMeta:
    """What the `<head>` of one page says about it."""

    title: str
    description: str
    # Absolute; None for pages served at many addresses, such as the 404 page.
    canonical: str | None
    # The link path of this page, so the navigation can mark where the reader is.
    current: str | None
    feeds: tuple[FeedLink, ...]
    kind: str = "website"
    # JSON-LD, already escaped for a `<script>` element (see `structured.script_json`).
    json_ld: Markup | None = None
    # For Open Graph articles: RFC 3339 dates and the post's tags.
    published: str | None = None
    modified: str | None = None
    tags: tuple[str, ...] = ()
    # Drafts are shown while writing, never meant for search engines.
    noindex: bool = False
    # The absolute URL of the image that stands for the page (`og:image`).
    image: str | None = None


@dataclass(frozen=True)
class PostView:
    """A post with its links, dates and HTML ready to print."""

    model: LightPost
    title: str
    url: str
    published: Moment
    updated: Moment | None
    tags: tuple[Link, ...]
    # The parser's output is trusted HTML; everything else a template prints is escaped. It is
    # referenced, not held: the render supplies it (see `octavo_render.bodies`).
    body: Html
    # What list pages show under the title: the whole body or the summary, as the site says.
    excerpt: Html
    read_more: bool
    # Drafts appear only in builds that ask for them; pages mark them so no one mistakes them.
    draft: bool = False


@dataclass(frozen=True)
class PageView:
    """A standalone page with its link, dates (each None when not given) and HTML ready to print.

    An undated page has no `published`: no template is given a date to show for it.
    """

    model: LightPost
    title: str
    url: str
    published: Moment | None
    updated: Moment | None
    # Referenced, not held, like a post's body.
    body: Html
    draft: bool = False


@dataclass(frozen=True)
class TocEntry:
    """A heading in the table of contents, with the headings nested under it."""

    text: str
    id: str
    children: tuple[TocEntry, ...]


@dataclass(frozen=True)
class Pagination:
    """Where a list page stands among its pages, and the links to its neighbours."""

    number: int
    total: int
    previous: str | None
    next: str | None


@dataclass(frozen=True)
class TagCount:
    """A tag on the tags page: its name, link and number of posts."""

    name: str
    url: str
    count: int
    # 1 to 5, growing with the count on a logarithmic scale: the size in the tag cloud.
    weight: int = 1


@dataclass(frozen=True)
class ArchiveEntry:
    """A post as the archive lists it: a dated link, marked when it is a draft."""

    title: str
    url: str
    published: Moment
    draft: bool


@dataclass(frozen=True)
class YearGroup:
    """One year of the archive, its posts newest first."""

    year: int
    posts: tuple[ArchiveEntry, ...]


@dataclass(frozen=True)
class TermGroup:
    """A post's terms in one taxonomy, as its page shows them: the taxonomy's name and links."""

    name: str
    terms: tuple[Link, ...]


@dataclass(frozen=True)
class SeriesNav:
    """A post's place in its series: part `number` of `total`, and a link to every part."""

    name: str
    url: str
    number: int
    total: int
    # Every part in reading order; the post's own part has no link (it is this page).
    parts: tuple[SeriesPart, ...]


@dataclass(frozen=True)
class SeriesPart:
    """One part of a series: its title, link, and whether it is the page being read."""

    text: str
    url: str
    current: bool


@dataclass(frozen=True)
class AuthorInfo:
    """What an author's page says of them: name, and what `[authors.NAME]` adds."""

    name: str
    bio: str
    email: str
    avatar: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class SearchView:
    """What the search page's script needs: where Pagefind's script is, the site's root path
    (search results are site paths, shown under it) and its own script."""

    pagefind: str
    base: str
    script: str
