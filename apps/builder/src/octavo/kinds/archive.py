"""The archive: every post by year."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.theme import THEME
from octavo.pages import Page, Site, TemplatePage


def pages(site: Site) -> Iterator[Page]:
    """The one archive page."""
    newest = site.last_change
    yield TemplatePage(
        site.config.permalinks.archive,
        THEME,
        partial(site.renderer.archive_view, site.posts),
        in_sitemap=True,
        lastmod=newest,
    )
