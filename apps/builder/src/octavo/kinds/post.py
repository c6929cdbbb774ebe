"""Post pages: one per published post, with its neighbours in time and its related posts."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.pages import Claimant, Page, Site, TemplatePage


def pages(site: Site) -> Iterator[Page]:
    """A page for each post, newest first."""
    posts = site.posts
    for position, post in enumerate(posts):
        newer = posts[position - 1] if position > 0 else None
        older = posts[position + 1] if position + 1 < len(posts) else None
        yield TemplatePage(
            post.url,
            Claimant(f"post {post.source}", post.source, post.url_line),
            partial(site.renderer.post_view, post, newer=newer, older=older),
            in_sitemap=True,
            lastmod=post.last_modified,
            searchable=True,
        )
