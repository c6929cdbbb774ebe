"""The data of a feed (Atom, RSS 2.0 or JSON Feed 1.1): a `Feed` and its entries, every URL
absolute, every date RFC 3339 (RSS templates print RFC 822 from the same moment)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from octavo_content import LightPost, SiteConfig, newest_first
from octavo_render.bodies import HtmlText, ResolvedHtmlText
from octavo_render.dates import aware, rfc822, rfc3339
from octavo_tags import TagIndex

# A feed carries the newest posts only: readers poll it, and old posts are in the archive.
# The default of `[feeds] entries`.
FEED_LIMIT = 20

# Each format's template and media type (what `<link rel="alternate" type=...>` says).
FEED_TEMPLATES = {"atom": "feed.xml", "rss": "rss.xml", "json": "feed.json"}
FEED_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
# How a page's `<link>` names each format beside the feed's title (Atom's is the title alone).
_FEED_NAMES = {"atom": "", "rss": " (RSS)", "json": " (JSON Feed)"}
# The file a format's feed takes beside an Atom feed named `feed.xml`.
_SIBLINGS = {"rss": "rss.xml", "json": "feed.json"}

# Atom requires `updated` even for a feed with no entries; a fixed moment keeps output reproducible.
_NO_POSTS = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedEntry:
    """One post as an Atom entry. `content` is HTML as text: the template escapes it."""

    title: str
    url: str
    published: str
    updated: str
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    summary: str
    content: HtmlText
    # RFC 822, for RSS's `pubDate`.
    pub_date: str = ""
    # False when `[feeds] content = "summary"`: `content` is then the post's summary.
    full: bool = True

    @property
    def resolved(self) -> ResolvedHtmlText:
        """`content` with its URLs absolute, for formats without `xml:base` (RSS, JSON Feed)."""
        content = self.content
        return ResolvedHtmlText(content.source, content.part, content.digest, base=self.url)


@dataclass(frozen=True)
class Feed:
    """A feed: its identity, links, newest change and entries."""

    id: str
    title: str
    subtitle: str
    self_url: str
    page_url: str
    updated: str
    author: str
    entries: tuple[FeedEntry, ...]
    # `updated` in RFC 822, for RSS's `lastBuildDate`.
    updated_rfc822: str = ""


def feed_path(atom_path: str, fmt: str) -> str:
    """Given the site path of an Atom feed and a format, returns the path of that format's feed:
    Atom's own; beside a `feed.xml`, `rss.xml` or `feed.json`; beside any other name (`atom.xml`),
    that name's stem with `.rss.xml` or `.json`."""
    if fmt == "atom":
        return atom_path
    folder, _, name = atom_path.rpartition("/")
    if name == "feed.xml":
        return f"{folder}/{_SIBLINGS[fmt]}"
    stem = name.rpartition(".")[0] or name
    return f"{folder}/{stem}.rss.xml" if fmt == "rss" else f"{folder}/{stem}.json"


def feed_title(title: str, fmt: str) -> str:
    """Given a feed's title and format, returns how a page's `<link>` names it."""
    return title + _FEED_NAMES[fmt]


def feed_posts(posts: Sequence[LightPost], limit: int = FEED_LIMIT) -> list[LightPost]:
    """Given posts in any order, returns the newest `limit` of them, newest first."""
    return newest_first(posts)[:limit]


def site_author(config: SiteConfig) -> str:
    """Given the site's configuration, returns the author Atom names: the site's, else its title."""
    return config.author or config.title


def feed_entry(post: LightPost, config: SiteConfig, index: TagIndex, digest: str) -> FeedEntry:
    """Given a post and its content hash, returns its entry: the full body with absolute links
    (the parser's `feed_html`: local links and images absolute, so they work in a reader), or
    with `[feeds] content = "summary"` the post's summary."""
    zone = config.zone
    full = config.feeds.content == "full"
    return FeedEntry(
        title=post.title,
        url=config.absolute_url(post.url),
        published=rfc3339(post.dated, zone),
        updated=rfc3339(post.last_modified, zone),
        authors=post.authors or (site_author(config),),
        categories=tuple(tag.name for tag in index.tags_of(post)),
        summary=post.description,
        content=HtmlText(post.source, "feed" if full else "summary", digest),
        pub_date=rfc822(post.dated, zone),
        full=full,
    )


def feed_updated(posts: Sequence[LightPost], config: SiteConfig) -> str:
    """Given a feed's posts, returns when the feed last changed: the latest change among them."""
    # Never the build time: the same posts must give the same bytes.
    moments = [aware(post.last_modified, config.zone) for post in posts]
    return rfc3339(max(moments, default=_NO_POSTS), config.zone)


def feed_updated_rfc822(posts: Sequence[LightPost], config: SiteConfig) -> str:
    """Given a feed's posts, returns `feed_updated` as RFC 822, for RSS's `lastBuildDate`."""
    moments = [aware(post.last_modified, config.zone) for post in posts]
    return rfc822(max(moments, default=_NO_POSTS), config.zone)
