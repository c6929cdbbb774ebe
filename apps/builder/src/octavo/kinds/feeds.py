"""Feeds: the site's, and one per tag, each of its newest posts, in each of `[feeds] formats`
(Atom at the permalink's path, RSS and JSON Feed beside it)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.theme import THEME
from octavo.pages import Claimant, Page, Site, TemplatePage
from octavo_render import feed_path


def pages(site: Site) -> Iterator[Page]:
    """The site's feed, then each tag's."""
    links = site.config.permalinks
    renderer = site.renderer
    formats = site.config.feeds.formats
    newest = site.posts[: site.config.feeds.entries]
    for fmt in formats:
        yield TemplatePage(
            feed_path(links.feed, fmt), THEME, partial(renderer.site_feed_view, newest, fmt=fmt)
        )
    for entry in site.index.entries:
        claimant = Claimant(f"tag {entry.tag.name!r}", entry.posts[0].source)
        for fmt in formats:
            yield TemplatePage(
                feed_path(links.tag_feed_url(entry.tag.slug), fmt),
                claimant,
                partial(renderer.tag_feed_view, entry, fmt=fmt),
            )
