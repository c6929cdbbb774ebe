"""Octavo's tag index: one canonical identity per tag, its posts, related posts and pagination.

It depends on `octavo_content` only.
"""

from octavo_tags.entry import TagEntry
from octavo_tags.index import TagIndex
from octavo_tags.pages import Page, paginate
from octavo_tags.slugs import canonical_slug

__all__ = ["Page", "TagEntry", "TagIndex", "canonical_slug", "paginate"]
