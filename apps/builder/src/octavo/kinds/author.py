"""Author pages: each author's posts, newest first, `per_page` to a page, and their feed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.pages import Claimant, Page, Site, TemplatePage
from octavo_tags import paginate


def pages(site: Site) -> Iterator[Page]:
    """The pages and the feed of every author of a published post."""
    links = site.config.permalinks
    renderer = site.renderer
    for entry in site.taxonomies.authors.entries:
        claimant = Claimant(f"author {entry.tag.name!r}", entry.posts[0].source)
        newest = max(post.last_modified for post in entry.posts)
        for page in paginate(entry.posts, site.config.per_page):
            yield TemplatePage(
                links.author_url(entry.tag.slug, page.number),
                claimant,
                partial(renderer.author_view, entry, page),
                in_sitemap=True,
                lastmod=newest if page.number == 1 else None,
            )
        yield TemplatePage(
            links.author_feed_url(entry.tag.slug),
            claimant,
            partial(renderer.author_feed_view, entry),
        )
