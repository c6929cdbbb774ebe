"""The home page: every post, newest first, `per_page` to a page."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.pages import Claimant, Page, Site, TemplatePage
from octavo_tags import paginate


def pages(site: Site) -> Iterator[Page]:
    """The home page and its following pages."""
    newest = site.last_change
    for page in paginate(site.posts, site.config.per_page):
        yield TemplatePage(
            site.config.permalinks.home_url(page.number),
            Claimant(f"home page {page.number}", "octavo.toml"),
            partial(site.renderer.home_view, page),
            in_sitemap=True,
            lastmod=newest if page.number == 1 else None,
        )
