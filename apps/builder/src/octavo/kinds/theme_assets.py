"""The theme's own files (its stylesheet, its icon), copied as they are."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.fingerprint import bytes_digest
from octavo.kinds.theme import THEME
from octavo.pages import FilePage, Page, Site


def pages(site: Site) -> Iterator[Page]:
    """A file for each asset of the theme."""
    for url, data in site.renderer.theme_assets().items():
        yield FilePage(url, THEME, partial(bytes, data), partial(bytes_digest, data))
