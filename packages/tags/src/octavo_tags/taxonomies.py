"""Every index of a site: one per taxonomy (tags first), its authors and its series.

Each is a `TagIndex` over other terms of the posts, so every one has canonical slugs, display
names chosen by the same rule, and warnings for one name written in ways that share a slug.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from octavo_content import ContentError, LightPost, SiteConfig, newest_first
from octavo_tags.gather import TermsOf, tags_of
from octavo_tags.index import TagIndex
from octavo_tags.series import part_conflicts


@dataclass(frozen=True)
class TermsOfTaxonomy:
    """A post's terms in one taxonomy other than tags (a class, so that it pickles)."""

    taxonomy: str

    def __call__(self, post: LightPost) -> tuple[str, ...]:
        """Given a post, returns its terms in the taxonomy."""
        return post.taxonomies.get(self.taxonomy, ())


def authors_of(post: LightPost) -> tuple[str, ...]:
    """Given a post, returns its authors."""
    return post.authors


def series_of(post: LightPost) -> tuple[str, ...]:
    """Given a post, returns its series as a term, or none."""
    return () if post.series is None else (post.series,)


@dataclass(frozen=True)
class SiteIndexes:
    """The site's indexes: each taxonomy's by plural name (tags first), authors and series."""

    taxonomies: Mapping[str, TagIndex]
    authors: TagIndex
    series: TagIndex
    # Warnings of every index, and an error per part of a series two posts claim.
    problems: tuple[ContentError, ...] = ()

    @classmethod
    def build(
        cls, posts: Iterable[LightPost], config: SiteConfig, tags: TagIndex | None = None
    ) -> SiteIndexes:
        """Given the published posts and the site's configuration, returns every index (the tag
        index given, when it is built already)."""
        # Sorted once for every index, and each index given only the posts that carry its terms.
        ordered = newest_first(posts)

        def index(terms_of: TermsOf, noun: str, field: str) -> TagIndex:
            carrying = [post for post in ordered if terms_of(post)]
            return TagIndex.build(carrying, terms_of, noun=noun, field=field, ordered=True)

        taxonomies = {"tags": tags or index(tags_of, "tag", "tags")}
        for plural in config.taxonomy_plurals[1:]:
            taxonomies[plural] = index(TermsOfTaxonomy(plural), config.singular_of(plural), plural)
        authors = index(authors_of, "author", "authors")
        series = index(series_of, "series", "series")
        problems = [
            *(problem for index in taxonomies.values() for problem in index.problems),
            *authors.problems,
            *series.problems,
            *(problem for entry in series.entries for problem in part_conflicts(entry.posts)),
        ]
        return cls(MappingProxyType(taxonomies), authors, series, tuple(problems))

    @classmethod
    def of_tags(cls, tags: TagIndex) -> SiteIndexes:
        """Given a tag index alone, returns the indexes of a site with no other terms."""
        empty = TagIndex(())
        return cls(MappingProxyType({"tags": tags}), empty, empty)

    @property
    def tags(self) -> TagIndex:
        """The tag index."""
        return self.taxonomies["tags"]
