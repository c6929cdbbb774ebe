"""One pass over the posts: which posts carry each tag, and how each spelling of it is used."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from octavo_content import LightPost, newest_first
from octavo_tags.slugs import canonical_slug

# What the index gathers of a post: its tags, by default; its categories, authors or series.
TermsOf = Callable[[LightPost], tuple[str, ...]]


def tags_of(post: LightPost) -> tuple[str, ...]:
    """Given a post, returns its tags."""
    return post.tags


@dataclass
class SpellingUse:
    """The files that use one spelling, and the earliest use (oldest date, path, place in tags)."""

    files: list[str] = field(default_factory=list)
    earliest: tuple[float, str, int] = (math.inf, "", 0)

    def add(self, post: LightPost, position: int, moment: float) -> None:
        """Record that `post` (dated `moment`, a POSIX timestamp) uses this spelling at
        `position` in its tags."""
        self.files.append(post.source)
        self.earliest = min(self.earliest, (moment, post.source, position))


@dataclass
class Gathered:
    """Per tag slug: its posts newest first, and its spellings with their uses."""

    posts: dict[str, list[LightPost]] = field(default_factory=dict)
    uses: dict[str, dict[str, SpellingUse]] = field(default_factory=dict)
    # slugify is slow next to a dict lookup, and a site repeats the same few spellings.
    slugs: dict[str, str] = field(default_factory=dict)
    terms_of: TermsOf = tags_of

    def slug_of(self, spelling: str) -> str:
        """Given a spelling, returns its canonical slug, computed once per spelling."""
        slug = self.slugs.get(spelling)
        if slug is None:
            slug = self.slugs[spelling] = canonical_slug(spelling)
        return slug

    def add(self, post: LightPost) -> None:
        """Record the tags of `post`; a tag it lists twice (in any spellings) counts once."""
        carried: set[str] = set()
        terms = self.terms_of(post)
        if not terms:
            return
        moment = post.dated.timestamp()
        for position, spelling in enumerate(dict.fromkeys(terms)):
            slug = self.slug_of(spelling)
            uses = self.uses.setdefault(slug, {})
            uses.setdefault(spelling, SpellingUse()).add(post, position, moment)
            if slug not in carried:
                carried.add(slug)
                self.posts.setdefault(slug, []).append(post)


def gather(
    posts: Iterable[LightPost], terms_of: TermsOf = tags_of, *, ordered: bool = False
) -> Gathered:
    """Given posts (`ordered`: newest first already), returns their tags (or other terms)
    gathered by slug, each one's posts newest first."""
    gathered = Gathered(terms_of=terms_of)
    # Sorting once up front keeps every tag's list in newest-first order without sorting each.
    for post in posts if ordered else newest_first(posts):
        gathered.add(post)
    return gathered


def spellings_by_use(uses: dict[str, SpellingUse]) -> tuple[str, ...]:
    """Given spellings and their uses, returns them most used first, ties to the earliest."""
    return tuple(sorted(uses, key=lambda name: (-len(uses[name].files), uses[name].earliest)))
