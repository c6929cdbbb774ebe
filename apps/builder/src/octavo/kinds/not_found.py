"""The 404 page, which servers show for any address the site does not have."""

from __future__ import annotations

from collections.abc import Iterator

from octavo.kinds.theme import THEME
from octavo.pages import Page, Site, TemplatePage


def pages(site: Site) -> Iterator[Page]:
    """The one 404 page."""
    yield TemplatePage("/404.html", THEME, site.renderer.not_found_view)
