"""The tags page: every tag with its number of posts."""

from __future__ import annotations

from collections.abc import Iterator

from octavo.kinds.theme import THEME
from octavo.pages import Page, Site, TemplatePage


def pages(site: Site) -> Iterator[Page]:
    """The one page listing the tags."""
    newest = site.last_change
    yield TemplatePage(
        site.config.permalinks.tags, THEME, site.renderer.tags_view, in_sitemap=True, lastmod=newest
    )
