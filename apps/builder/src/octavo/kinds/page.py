"""Standalone pages: an About page, a colophon. Each is in the sitemap and in no list or feed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.pages import Claimant, Page, Site, TemplatePage


def pages(site: Site) -> Iterator[Page]:
    """A page for each published standalone page, by source path."""
    for page in sorted(site.pages, key=lambda page: page.source):
        yield TemplatePage(
            page.url,
            Claimant(f"page {page.source}", page.source, page.url_line),
            partial(site.renderer.page_view, page),
            in_sitemap=True,
            # When it last changed, if it says: an undated page gives the sitemap no date.
            lastmod=page.updated or page.date,
            searchable=True,
        )
