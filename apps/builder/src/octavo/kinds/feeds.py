"""Atom feeds: the site's, and one per tag, each of its newest posts."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.theme import THEME
from octavo.pages import Claimant, Page, Site, TemplatePage
from octavo_render import FEED_LIMIT


def pages(site: Site) -> Iterator[Page]:
    """The site's feed, then each tag's."""
    links = site.config.permalinks
    renderer = site.renderer
    yield TemplatePage(links.feed, THEME, partial(renderer.site_feed_view, site.posts[:FEED_LIMIT]))
    for entry in site.index.entries:
        yield TemplatePage(
            links.tag_feed_url(entry.tag.slug),
            Claimant(f"tag {entry.tag.name!r}", entry.posts[0].source),
            partial(renderer.tag_feed_view, entry),
        )
