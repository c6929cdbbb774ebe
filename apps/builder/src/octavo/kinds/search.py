"""The search page: a form, and the results its script finds in the site's Pagefind index."""

from __future__ import annotations

from collections.abc import Iterator

from octavo.kinds.theme import THEME
from octavo.pages import Page, Site, TemplatePage
from octavo_render import SEARCH_PAGE


def pages(site: Site) -> Iterator[Page]:
    """The one search page, unless the site has no search (`search = false`, `--no-search`)."""
    if site.config.search:
        yield TemplatePage(SEARCH_PAGE, THEME, site.renderer.search_view)
