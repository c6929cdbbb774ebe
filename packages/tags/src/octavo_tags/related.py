"""Related posts: the other posts sharing a post's tags, rarer shared tags weighing more."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet

from octavo_content import Post
from octavo_tags.entry import TagEntry


def rarity(count: int) -> float:
    """Given how many posts carry a tag, returns its weight, 1/log(1+count): rarer weighs more."""
    return 1 / math.log1p(count)


def scores_of(post: Post, entries: Iterable[TagEntry]) -> tuple[dict[str, float], dict[str, Post]]:
    """Given a post and its tags' entries, returns every other post and its score, by path."""
    scores: dict[str, float] = {}
    others: dict[str, Post] = {}
    for entry in entries:
        weight = rarity(entry.count)
        for other in entry.posts:
            if other.source != post.source:
                scores[other.source] = scores.get(other.source, 0.0) + weight
                others[other.source] = other
    return scores, others


def newest_unseen(posts: Sequence[Post], seen: AbstractSet[str], limit: int) -> list[Post]:
    """Given posts newest first, returns the first `limit` not in `seen`, and ties with the last."""
    found: list[Post] = []
    for other in posts:
        if other.source in seen:
            continue
        # Posts of one moment are ordered by title, not path: keep the whole run for the tie-break.
        if len(found) >= limit and other.date != found[-1].date:
            break
        found.append(other)
    return found


def best_of(scores: dict[str, float], others: dict[str, Post], limit: int) -> tuple[Post, ...]:
    """Given scored posts by path, returns the `limit` best: top score, newest, smallest path."""
    return tuple(
        heapq.nsmallest(
            limit,
            others.values(),
            key=lambda other: (-scores[other.source], -other.date.timestamp(), other.source),
        )
    )


def related_posts(
    post: Post,
    entries: Sequence[TagEntry],
    limit: int,
    members: Callable[[TagEntry], AbstractSet[str]],
) -> tuple[Post, ...]:
    """Given a post, its tags' entries and their member paths, returns up to `limit` related posts.

    Exact, without reading the post's commonest tag through: a post only that tag leads to
    scores exactly its weight, the least any candidate can score, so only the newest few count.
    """
    if not entries or limit < 1:
        return ()
    # Rarest first: every candidate's score is then a sum of weights in descending order, so
    # equal sets of weights give bit-identical floats and ties stay ties.
    *rarer, commonest = sorted(entries, key=lambda entry: entry.count)
    scores, others = scores_of(post, rarer)
    weight = rarity(commonest.count)
    inside = members(commonest)
    for source in scores:
        if source in inside:
            scores[source] += weight
    for other in newest_unseen(commonest.posts, others.keys() | {post.source}, limit):
        scores[other.source] = weight
        others[other.source] = other
    return best_of(scores, others, limit)
