"""The paginated list of one term's posts (a tag, a category, an author, a series), and a feed
in each configured format: the shapes the tag, taxonomy, author, series and feed kinds share, so
each says only its URLs and its views, and none can forget a format."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from functools import partial

from octavo.pages import Claimant, Site, TemplatePage
from octavo_content import LightPost
from octavo_render import View, feed_path
from octavo_tags import Page, TagEntry, paginate


def newest_change(posts: Sequence[LightPost]) -> datetime:
    """Given posts newest first (a term's), returns the latest change among them: the first
    one's date, or a later update of any."""
    updated = max((post.updated for post in posts if post.updated), default=None)
    first = posts[0].dated
    return max(updated, first) if updated else first


def term_pages(
    site: Site,
    entry: TagEntry,
    claimant: Claimant,
    url: Callable[[int], str],
    view: Callable[[Page[LightPost]], View],
    listed: Sequence[LightPost] | None = None,
) -> Iterator[TemplatePage]:
    """Given a term, who claims its pages, the URL of its page N and the view of one page,
    returns its pages: `listed` (by default its posts, newest first) `per_page` to a page, in
    the sitemap, the first with the term's newest change as its `lastmod`."""
    newest = newest_change(entry.posts)
    for page in paginate(entry.posts if listed is None else listed, site.config.per_page):
        yield TemplatePage(
            url(page.number),
            claimant,
            partial(view, page),
            in_sitemap=True,
            lastmod=newest if page.number == 1 else None,
        )


def feed_pages(
    site: Site, atom_url: str, claimant: Claimant, view: Callable[..., View]
) -> Iterator[TemplatePage]:
    """Given a feed's Atom URL, who claims it and its view (taking `fmt`), returns the feed in
    each of `[feeds] formats`, RSS and JSON Feed beside the Atom one."""
    for fmt in site.config.feeds.formats:
        yield TemplatePage(feed_path(atom_url, fmt), claimant, partial(view, fmt=fmt))
