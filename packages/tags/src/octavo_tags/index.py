"""The tag index: every tag of a site by canonical slug, with its posts, spellings and problems."""

from __future__ import annotations

from collections.abc import Iterable

from octavo_content import ContentError, LightPost, Tag
from octavo_tags.collisions import collision_warning
from octavo_tags.entry import TagEntry
from octavo_tags.gather import Gathered, TermsOf, gather, spellings_by_use, tags_of
from octavo_tags.related import PostBits, related_directly, related_posts
from octavo_tags.slugs import canonical_slug

# The first few `related` questions are answered by scoring the post's tags directly; past
# this many, numbering every post once (the bitsets) is cheaper.
_DIRECT_QUERIES = 16


def entry_of(slug: str, gathered: Gathered) -> TagEntry:
    """Given a slug and the gathered posts, returns its entry, named by its most used spelling."""
    spellings = spellings_by_use(gathered.uses[slug])
    return TagEntry(
        tag=Tag(name=spellings[0], slug=slug),
        posts=tuple(gathered.posts[slug]),
        spellings=spellings,
    )


def entry_order(entry: TagEntry) -> tuple[str, str]:
    """Given an entry, returns its sort key: display name casefolded, then slug."""
    return entry.tag.name.casefold(), entry.tag.slug


class TagIndex:
    """Tags of a set of posts: one entry per canonical slug, plus warnings about spellings."""

    def __init__(
        self,
        entries: Iterable[TagEntry],
        problems: Iterable[ContentError] = (),
        terms_of: TermsOf = tags_of,
    ) -> None:
        self._entries = tuple(sorted(entries, key=entry_order))
        self._by_slug = {entry.tag.slug: entry for entry in self._entries}
        self._slugs = {
            spelling: entry.tag.slug for entry in self._entries for spelling in entry.spellings
        }
        self._problems = tuple(problems)
        self._terms_of = terms_of
        self._tags_of: dict[tuple[str, ...], tuple[Tag, ...]] = {}
        # Built on the first call to `related`: pages that never show related posts never pay.
        self._bits: PostBits | None = None
        self._direct_queries = 0
        self._related: dict[tuple[str, tuple[str, ...], int], tuple[LightPost, ...]] = {}

    @classmethod
    def build(
        cls,
        posts: Iterable[LightPost],
        terms_of: TermsOf = tags_of,
        *,
        noun: str = "tag",
        field: str = "tags",
        ordered: bool = False,
    ) -> TagIndex:
        """Given posts, returns their tag index (one pass over the posts, no pairwise work).

        Any other taxonomy is indexed the same way: `terms_of` gives a post's terms, `noun` and
        `field` (the front matter key) name them in warnings. `ordered` says the posts come
        newest first (`octavo_content.newest_first`) already, to save sorting them again.
        """
        gathered = gather(posts, terms_of, ordered=ordered)
        entries = sorted((entry_of(slug, gathered) for slug in gathered.posts), key=entry_order)
        warnings = (
            collision_warning(
                entry.tag, entry.spellings, gathered.uses[entry.tag.slug], noun, field
            )
            for entry in entries
        )
        found = [warning for warning in warnings if warning is not None]
        return cls(entries, found, terms_of)

    @property
    def entries(self) -> tuple[TagEntry, ...]:
        """Every tag, sorted by display name casefolded, then by slug."""
        return self._entries

    @property
    def problems(self) -> tuple[ContentError, ...]:
        """Warnings found while building: one per tag spelled in ways beyond case."""
        return self._problems

    def get(self, slug: str) -> TagEntry:
        """Given a tag slug, returns its entry; raises KeyError for a slug no post uses."""
        try:
            return self._by_slug[slug]
        except KeyError:
            raise KeyError(f"no tag has the slug {slug!r}") from None

    def tags_of(self, post: LightPost) -> tuple[Tag, ...]:
        """Given a post, returns its tags as the index names them, in its order, each once."""
        # Every page that lists a post asks for its tags: answer each spelling list once.
        names = self._terms_of(post)
        known = self._tags_of.get(names)
        if known is None:
            slugs = dict.fromkeys(self._slugs.get(n) or canonical_slug(n) for n in names)
            known = self._tags_of[names] = tuple(self.get(slug).tag for slug in slugs)
        return known

    def related(self, post: LightPost, limit: int = 5) -> tuple[LightPost, ...]:
        """Given a post, returns up to `limit` other posts sharing its tags, best match first."""
        # The answer depends on the index and the post's source and tags alone: a process that
        # keeps the index between builds (`octavo serve`) asks again for each post it renders.
        key = (post.source, self._terms_of(post), limit)
        known = self._related.get(key)
        if known is not None:
            return known
        entries = [self._by_slug[tag.slug] for tag in self.tags_of(post)]
        if self._bits is None and self._direct_queries < _DIRECT_QUERIES:
            self._direct_queries += 1
            found = related_directly(post, entries, limit)
        else:
            if self._bits is None:
                self._bits = PostBits.of(self._entries)
            found = related_posts(post, entries, limit, self._bits)
        self._related[key] = found
        return found
