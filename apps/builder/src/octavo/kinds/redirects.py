"""Redirects: a small page at each old path of a post, and one `_redirects` file for hosts.

Old paths come from two places, both in the `Site`: a post's `aliases`/`redirect_from`, and the
URLs posts had in earlier builds into the same output (`Site.moved`, kept by the builder). Every
view here is made from the `Site` alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.theme import THEME
from octavo.pages import Claimant, Page, Site, TemplatePage

REDIRECTS_FILE = "/_redirects"


def pages(site: Site) -> Iterator[Page]:
    """A redirect page per old path, then `_redirects` when there is any."""
    redirects: list[tuple[str, str]] = []
    for post in site.published:
        for old, line in zip(post.aliases, post.alias_lines, strict=True):
            redirects.append((old, post.url))
            yield TemplatePage(
                old,
                Claimant(f"alias {old} of {post.kind} {post.source}", post.source, line),
                partial(site.renderer.redirect_view, old, post.url),
            )
    by_url = {post.url: post for post in site.published}
    for old, new in sorted(site.moved.items()):
        redirects.append((old, new))
        moved = by_url.get(new)
        claimant = (
            Claimant(
                f"the old URL {old} of {moved.kind} {moved.source}", moved.source, moved.url_line
            )
            if moved is not None
            else Claimant(f"the old URL {old} of {new}", "theme")
        )
        yield TemplatePage(old, claimant, partial(site.renderer.redirect_view, old, new))
    if redirects:
        yield TemplatePage(
            REDIRECTS_FILE, THEME, partial(site.renderer.redirects_file_view, tuple(redirects))
        )
