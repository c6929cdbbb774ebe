"""A series in reading order, and the parts two posts claim.

A post with `part: N` is part N; posts without a part fill the free places, oldest first. The
order counts the published posts, so "part N of M" never names a part that is missing.
"""

from __future__ import annotations

from collections.abc import Iterable

from octavo_content import ContentError, LightPost


def series_order(posts: Iterable[LightPost]) -> tuple[LightPost, ...]:
    """Given the posts of one series, returns them in reading order: numbered parts at their
    number, the others in the free places by date (oldest first), then by path."""
    posts = list(posts)
    numbered = sorted(
        (post for post in posts if post.part is not None),
        key=lambda post: (post.part or 0, post.dated.timestamp(), post.source),
    )
    free = sorted(
        (post for post in posts if post.part is None),
        key=lambda post: (post.dated.timestamp(), post.source),
    )
    ordered: list[LightPost] = []
    while numbered or free:
        place = len(ordered) + 1
        # A numbered part goes at its place, or as soon as it can once the places before it
        # are taken; a free post takes any place no numbered part asks for.
        if numbered and (not free or (numbered[0].part or 0) <= place):
            ordered.append(numbered.pop(0))
        else:
            ordered.append(free.pop(0))
    return tuple(ordered)


def part_conflicts(posts: Iterable[LightPost]) -> list[ContentError]:
    """Given the posts of one series, returns an error for each post claiming a part that an
    earlier file (by path) claims too, naming both files and lines."""
    claimed: dict[int, LightPost] = {}
    errors: list[ContentError] = []
    for post in sorted(posts, key=lambda post: post.source):
        if post.part is None:
            continue
        first = claimed.setdefault(post.part, post)
        if first is post:
            continue
        errors.append(
            ContentError(
                path=post.source,
                line=post.series_line,
                field="part",
                message=(
                    f"part {post.part} of the series {post.series!r} is claimed by"
                    f" {first.source}:{first.series_line} and by {post.source}:{post.series_line}"
                ),
                expected="one post per part of a series",
                hint="give one of them another part, or leave part out to place it by date",
            )
        )
    return errors
