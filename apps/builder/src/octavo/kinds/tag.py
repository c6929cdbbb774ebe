"""Tag pages: each tag's posts, newest first, `per_page` to a page."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.term_lists import term_pages
from octavo.pages import Claimant, Page, Site


def pages(site: Site) -> Iterator[Page]:
    """The pages of every tag."""
    links = site.config.permalinks
    for entry in site.index.entries:
        yield from term_pages(
            site,
            entry,
            Claimant(f"tag {entry.tag.name!r}", entry.posts[0].source),
            partial(links.tag_url, entry.tag.slug),
            partial(site.renderer.tag_view, entry),
        )
