"""`robots.txt`: every crawler welcome, and where the sitemap is."""

from __future__ import annotations

from collections.abc import Iterator

from octavo.kinds.theme import THEME
from octavo.pages import Page, Site, TemplatePage


def pages(site: Site) -> Iterator[Page]:
    """The one robots.txt."""
    yield TemplatePage("/robots.txt", THEME, site.renderer.robots_view)
