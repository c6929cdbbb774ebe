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
        newest = max(post.last_modified for post in entry.posts)
        for page in paginate(entry.posts, site.config.per_page):
            yield TemplatePage(
                links.tag_url(entry.tag.slug, page.number),
                claimant,
                partial(site.renderer.tag_view, entry, page),
                in_sitemap=True,
                lastmod=newest if page.number == 1 else None,
            )
