"""`sitemap.xml`: every page that asks to be in it, with when it last changed."""

from __future__ import annotations

from collections.abc import Iterator

from octavo.kinds.theme import THEME
from octavo.pages import Page, Site, TemplatePage
from octavo_render import SitemapEntry, View


def pages(site: Site) -> Iterator[Page]:
    """The one sitemap, listing the pages of the complete route table."""

    def view() -> View:
        entries = tuple(
            SitemapEntry(page.url, page.lastmod)
            for page in site.routes
            if isinstance(page, TemplatePage) and page.in_sitemap
        )
        return site.renderer.sitemap_view(entries)

    yield TemplatePage("/sitemap.xml", THEME, view)
