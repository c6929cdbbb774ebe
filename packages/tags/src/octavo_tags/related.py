"""Related posts: the other posts sharing a post's tags, rarer shared tags weighing more.

A candidate's score depends only on *which* of the post's tags it shares, so instead of scoring
every post of every tag (quadratic in a popular tag's size) we walk the few subsets of the post's
tags, best score first. Each tag is a bitset of posts numbered newest first, so the posts sharing
exactly a subset are one AND/AND-NOT of big integers, and the newest of them are its lowest bits.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from octavo_content import LightPost
from octavo_tags.entry import TagEntry


def rarity(count: int) -> float:
    """Given how many posts carry a tag, returns its weight, 1/log(1+count): rarer weighs more."""
    return 1 / math.log1p(count)


@dataclass(frozen=True)
class PostBits:
    """Posts numbered newest first (then by path), and each tag's posts as a bitset."""

    order: tuple[LightPost, ...]
    rank: dict[str, int]
    masks: dict[str, int]

    @classmethod
    def of(cls, entries: Iterable[TagEntry]) -> PostBits:
        """Given every tag entry, returns the numbering and one bitset per tag slug."""
        entries = list(entries)
        unique = {post.source: post for entry in entries for post in entry.posts}
        order = tuple(
            sorted(unique.values(), key=lambda post: (-post.dated.timestamp(), post.source))
        )
        rank = {post.source: number for number, post in enumerate(order)}
        masks = {
            entry.tag.slug: sum(1 << rank[post.source] for post in entry.posts) for entry in entries
        }
        return cls(order, rank, masks)


def _subsets_by_score(weights: Sequence[float]) -> list[tuple[float, int]]:
    """Given tag weights, returns each nonempty subset (a bitmask) with its score, best first."""
    scored = []
    for subset in range(1, 1 << len(weights)):
        # Summed in one fixed order, so equal sets of weights give bit-identical floats.
        score = sum(weight for index, weight in enumerate(weights) if subset >> index & 1)
        scored.append((round(score, 12), subset))
    scored.sort(key=lambda pair: -pair[0])
    return scored


def _lowest_bits(mask: int) -> Iterator[int]:
    """Given a bitset, yields the positions of its set bits, lowest first."""
    while mask:
        lowest = mask & -mask
        yield lowest.bit_length() - 1
        mask ^= lowest


def related_directly(
    post: LightPost, entries: Sequence[TagEntry], limit: int
) -> tuple[LightPost, ...]:
    """The same answer as `related_posts`, by scoring every post of the post's tags.

    Cheaper than numbering every post of the site when only a few posts are asked about, as
    when a rebuild renders one changed post's page.
    """
    entries = sorted(entries, key=lambda entry: (entry.count, entry.tag.slug))
    scores: dict[str, float] = {}
    others: dict[str, LightPost] = {}
    for entry in entries:  # rarest first, as `related_posts` sums them
        weight = rarity(entry.count)
        for other in entry.posts:
            if other.source != post.source:
                scores[other.source] = scores.get(other.source, 0) + weight
                others[other.source] = other
    rounded = {source: round(score, 12) for source, score in scores.items()}
    candidates = list(others.values())
    if len(candidates) > limit > 0:
        # Only posts scoring at least the `limit`-th best score can be among the best; dates
        # are compared among those alone (a post's date is slow to read as a number).
        floor = heapq.nlargest(limit, rounded.values())[-1]
        candidates = [other for other in candidates if rounded[other.source] >= floor]
    ranked = sorted(
        candidates,
        key=lambda other: (-rounded[other.source], -other.dated.timestamp(), other.source),
    )
    return tuple(ranked[:limit])


# Walking subsets costs 2^k steps: past this many tags on one post, score candidates one by one.
_MOST_SUBSETS_TAGS = 10


def _scored_one_by_one(
    others: int, masks: Sequence[int], weights: Sequence[float], limit: int, bits: PostBits
) -> tuple[LightPost, ...]:
    """Given candidates as a bitset and the tags' bitsets and weights, returns the best `limit`."""
    scored = []
    for position in _lowest_bits(others):
        score = sum(
            weight for mask, weight in zip(masks, weights, strict=True) if mask >> position & 1
        )
        scored.append((-round(score, 12), position))
    scored.sort()
    return tuple(bits.order[position] for _, position in scored[:limit])


def related_posts(
    post: LightPost, entries: Sequence[TagEntry], limit: int, bits: PostBits
) -> tuple[LightPost, ...]:
    """Given a post, its tags' entries and the bitsets, returns up to `limit` related posts.

    Best score first; equal scores newest first, then by path. Exact, and never the post itself.
    """
    if not entries or limit < 1:
        return ()
    entries = sorted(entries, key=lambda entry: (entry.count, entry.tag.slug))
    masks = [bits.masks[entry.tag.slug] for entry in entries]
    everything = 0
    for mask in masks:
        everything |= mask
    others = everything & ~(1 << bits.rank[post.source])
    weights = [rarity(entry.count) for entry in entries]
    if len(entries) > _MOST_SUBSETS_TAGS:
        return _scored_one_by_one(others, masks, weights, limit, bits)
    found: list[LightPost] = []
    subsets = _subsets_by_score(weights)
    for _, group in groupby(subsets, key=lambda pair: pair[0]):
        tied = 0
        for _, subset in group:
            shared = others
            for index, mask in enumerate(masks):
                shared &= mask if subset >> index & 1 else ~mask
                if not shared:
                    break
            tied |= shared
        for position in _lowest_bits(tied):
            found.append(bits.order[position])
            if len(found) == limit:
                return tuple(found)
    return tuple(found)
