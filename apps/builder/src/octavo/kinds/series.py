"""Series pages: each series' parts in reading order, `per_page` to a page, and its feed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.pages import Claimant, Page, Site, TemplatePage
from octavo_tags import paginate, series_order


def pages(site: Site) -> Iterator[Page]:
    """The pages and the feed of every series."""
    links = site.config.permalinks
    renderer = site.renderer
    for entry in site.taxonomies.series.entries:
        parts = series_order(entry.posts)
        claimant = Claimant(f"series {entry.tag.name!r}", parts[0].source, parts[0].series_line)
        newest = max(post.last_modified for post in entry.posts)
        for page in paginate(parts, site.config.per_page):
            yield TemplatePage(
                links.series_url(entry.tag.slug, page.number),
                claimant,
                partial(renderer.series_view, entry, page),
                in_sitemap=True,
                lastmod=newest if page.number == 1 else None,
            )
        yield TemplatePage(
            links.series_feed_url(entry.tag.slug),
            claimant,
            partial(renderer.series_feed_view, entry),
        )
