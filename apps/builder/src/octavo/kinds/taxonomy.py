"""Every taxonomy but tags (`categories`, any other `[taxonomies]` names): each term's pages
(its posts newest first, `per_page` to a page) and feed, and the page listing the terms."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.kinds.term_lists import feed_pages, term_pages
from octavo.pages import Claimant, Page, Site, TemplatePage


def pages(site: Site) -> Iterator[Page]:
    """For each taxonomy but tags: its terms' pages and feeds, then the page of its terms (for a
    taxonomy no post uses, no page at all)."""
    links = site.config.permalinks
    renderer = site.renderer
    for taxonomy, index in site.taxonomies.taxonomies.items():
        if taxonomy == "tags":  # the tag, tags_list and feeds kinds make theirs
            continue
        singular = site.config.singular_of(taxonomy)
        for entry in index.entries:
            claimant = Claimant(f"{singular} {entry.tag.name!r}", entry.posts[0].source)
            yield from term_pages(
                site,
                entry,
                claimant,
                partial(links.term_url, taxonomy, entry.tag.slug),
                partial(renderer.term_view, taxonomy, entry),
            )
            yield from feed_pages(
                site,
                links.term_feed_url(taxonomy, entry.tag.slug),
                claimant,
                partial(renderer.term_feed_view, taxonomy, entry),
            )
        if not index.entries:
            continue
        yield TemplatePage(
            links.terms_url(taxonomy),
            Claimant(f"the page of the {taxonomy}", "octavo.toml"),
            partial(renderer.terms_view, taxonomy),
            in_sitemap=True,
            lastmod=site.last_change,
        )
