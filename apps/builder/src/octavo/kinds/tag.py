"""Tag pages: each tag's posts, newest first, `per_page` to a page."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.pages import Claimant, Page, Site, TemplatePage
from octavo_tags import paginate


def pages(site: Site) -> Iterator[Page]:
    """The pages of every tag."""
    links = site.config.permalinks
    for entry in site.index.entries:
        claimant = Claimant(f"tag {entry.tag.name!r}", entry.posts[0].source)
        # The posts are newest first: the first one's date, or a later update of any.
        newest = max((post.updated for post in entry.posts if post.updated), default=None)
        newest = max(newest, entry.posts[0].dated) if newest else entry.posts[0].dated
        for page in paginate(entry.posts, site.config.per_page):
            yield TemplatePage(
                links.tag_url(entry.tag.slug, page.number),
                claimant,
                partial(site.renderer.tag_view, entry, page),
                in_sitemap=True,
                lastmod=newest if page.number == 1 else None,
            )
