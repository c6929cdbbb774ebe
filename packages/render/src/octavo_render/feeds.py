"""The data of an Atom feed: a `Feed` and its entries, every URL absolute, every date RFC 3339."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from octavo_content import LightPost, SiteConfig, newest_first
from octavo_render.bodies import HtmlText
from octavo_render.dates import aware, rfc3339
from octavo_tags import TagIndex

# A feed carries the newest posts only: readers poll it, and old posts are in the archive.
FEED_LIMIT = 20

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


@dataclass(frozen=True)
class Feed:
    """An Atom feed: its identity, links, newest change and entries."""

    id: str
    title: str
    subtitle: str
    self_url: str
    page_url: str
    updated: str
    author: str
    entries: tuple[FeedEntry, ...]


def feed_posts(posts: Sequence[LightPost]) -> list[LightPost]:
    """Given posts in any order, returns the newest `FEED_LIMIT` of them, newest first."""
    return newest_first(posts)[:FEED_LIMIT]


def site_author(config: SiteConfig) -> str:
    """Given the site's configuration, returns the author Atom names: the site's, else its title."""
    return config.author or config.title


def feed_entry(post: LightPost, config: SiteConfig, index: TagIndex, digest: str) -> FeedEntry:
    """Given a post and its content hash, returns its Atom entry: full body, absolute links
    (the parser's `feed_html`: local links and images absolute, so they work in a reader)."""
    zone = config.zone
    return FeedEntry(
        title=post.title,
        url=config.absolute_url(post.url),
        published=rfc3339(post.dated, zone),
        updated=rfc3339(post.last_modified, zone),
        authors=post.authors or (site_author(config),),
        categories=tuple(tag.name for tag in index.tags_of(post)),
        summary=post.description,
        content=HtmlText(post.source, "feed", digest),
    )


def feed_updated(posts: Sequence[LightPost], config: SiteConfig) -> str:
    """Given a feed's posts, returns when the feed last changed: the latest change among them."""
    # Never the build time: the same posts must give the same bytes.
    moments = [aware(post.last_modified, config.zone) for post in posts]
    return rfc3339(max(moments, default=_NO_POSTS), config.zone)
