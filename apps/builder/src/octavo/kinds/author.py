"""Author pages: each author's posts, newest first, `per_page` to a page, and their feed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.term_lists import feed_pages, term_pages
from octavo.pages import Claimant, Page, Site


def pages(site: Site) -> Iterator[Page]:
    """The pages and the feed of every author of a published post."""
    links = site.config.permalinks
    renderer = site.renderer
    for entry in site.taxonomies.authors.entries:
        claimant = Claimant(f"author {entry.tag.name!r}", entry.posts[0].source)
        yield from term_pages(
            site,
            entry,
            claimant,
            partial(links.author_url, entry.tag.slug),
            partial(renderer.author_view, entry),
        )
        yield from feed_pages(
            site,
            links.author_feed_url(entry.tag.slug),
            claimant,
            partial(renderer.author_feed_view, entry),
        )
