"""Series pages: each series' parts in reading order, `per_page` to a page, and its feed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.term_lists import feed_pages, term_pages
from octavo.pages import Claimant, Page, Site
from octavo_tags import series_order


def pages(site: Site) -> Iterator[Page]:
    """The pages and the feed of every series."""
    links = site.config.permalinks
    renderer = site.renderer
    for entry in site.taxonomies.series.entries:
        parts = series_order(entry.posts)
        claimant = Claimant(f"series {entry.tag.name!r}", parts[0].source, parts[0].series_line)
        yield from term_pages(
            site,
            entry,
            claimant,
            partial(links.series_url, entry.tag.slug),
            partial(renderer.series_view, entry),
            listed=parts,
        )
        yield from feed_pages(
            site,
            links.series_feed_url(entry.tag.slug),
            claimant,
            partial(renderer.series_feed_view, entry),
        )
