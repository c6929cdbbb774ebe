"""A page kind from outside the builder, as a plugin distribution would ship it: one page per
author, listing that author's posts in full. The tests install it through an entry point."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo import Claimant, Page, Site, TemplatePage
from octavo_content import LightPost, slugify
from octavo_tags import Page as ListPage


def pages(site: Site) -> Iterator[Page]:
    """A page for each author of a published post, newest posts first."""
    by_author: dict[str, list[LightPost]] = {}
    for post in site.posts:
        for author in post.authors:
            by_author.setdefault(author, []).append(post)
    for author, posts in sorted(by_author.items()):
        url = f"/writers/{slugify(author)}/"
        yield TemplatePage(
            url,
            Claimant(f"author {author!r}", posts[0].source),
            partial(
                site.renderer.list_view,
                f"Posts by {author}",
                ListPage(number=1, total=1, items=tuple(posts)),
                lambda number, url=url: url,
            ),
            in_sitemap=True,
        )
