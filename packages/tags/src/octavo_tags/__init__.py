"""Octavo's tag index: one canonical identity per tag, its posts, related posts and pagination.

The same index serves every taxonomy (categories, any other the site names), authors and series
(`SiteIndexes`). It depends on `octavo_content` only.
"""

from octavo_tags.entry import TagEntry
from octavo_tags.gather import TermsOf
from octavo_tags.index import TagIndex
from octavo_tags.pages import Page, paginate
from octavo_tags.series import part_conflicts, series_order
from octavo_tags.slugs import canonical_slug
from octavo_tags.taxonomies import SiteIndexes, TermsOfTaxonomy, authors_of, series_of

__all__ = [
    "Page",
    "SiteIndexes",
    "TagEntry",
    "TagIndex",
    "TermsOf",
    "TermsOfTaxonomy",
    "authors_of",
    "canonical_slug",
    "paginate",
    "part_conflicts",
    "series_of",
    "series_order",
]
