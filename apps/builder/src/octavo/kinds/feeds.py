"""Feeds: the site's, and one per tag, each of its newest posts, in each of `[feeds] formats`
(Atom at the permalink's path, RSS and JSON Feed beside it)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.term_lists import feed_pages
from octavo.kinds.theme import THEME
from octavo.pages import Claimant, Page, Site


def pages(site: Site) -> Iterator[Page]:
    """The site's feed, then each tag's."""
    links = site.config.permalinks
    renderer = site.renderer
    newest = site.posts[: site.config.feeds.entries]
    yield from feed_pages(site, links.feed, THEME, partial(renderer.site_feed_view, newest))
    for entry in site.index.entries:
        claimant = Claimant(f"tag {entry.tag.name!r}", entry.posts[0].source)
        yield from feed_pages(
            site,
            links.tag_feed_url(entry.tag.slug),
            claimant,
            partial(renderer.tag_feed_view, entry),
        )
