"""The page kinds: each module yields one kind of page from the loaded site.

`page_kinds()` is the registry the builder asks: the kinds built in, in the order their pages are
claimed (the sitemap lists pages in that order), then those that installed distributions register
in the entry point group `octavo.page_kinds`. The builder names no kind.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from octavo.kinds import (
    archive,
    author,
    bundles,
    feeds,
    home,
    images,
    not_found,
    page,
    post,
    redirects,
    robots,
    search,
    series,
    sitemap,
    static,
    tag,
    tags_list,
    taxonomy,
    theme_assets,
)
from octavo.pages import PageKind
from octavo.plugins import KIND_GROUP

BUILT_IN: tuple[PageKind, ...] = (
    post.pages,
    page.pages,
    home.pages,
    tag.pages,
    tags_list.pages,
    taxonomy.pages,
    author.pages,
    series.pages,
    archive.pages,
    feeds.pages,
    not_found.pages,
    search.pages,
    robots.pages,
    theme_assets.pages,
    redirects.pages,
    static.pages,
    bundles.pages,
    images.pages,
)


def page_kinds() -> tuple[PageKind, ...]:
    """Every kind of page: the built-in ones, the installed plugins', and the sitemap last."""
    found = sorted(entry_points(group=KIND_GROUP), key=lambda point: point.name)
    plugins = tuple(point.load() for point in found)
    # The sitemap lists the pages the others claimed: it comes after every one of them.
    return (*BUILT_IN, *plugins, sitemap.pages)
