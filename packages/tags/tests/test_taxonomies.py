"""One index for every taxonomy, authors and series; a series in reading order; claimed parts."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from octavo_content import LightPost, SiteConfig
from octavo_tags import SiteIndexes, series_order

CONFIG = SiteConfig(
    title="T",
    base_url="https://example.org/",
    timezone="UTC",
    taxonomies={"category": "categories", "genre": "genres"},
)


def light(
    source: str,
    day: int = 1,
    *,
    categories: tuple[str, ...] = (),
    authors: tuple[str, ...] = (),
    series: str | None = None,
    part: int | None = None,
    line: int = 3,
) -> LightPost:
    """Given a source path, a day of May 2024 and its terms, returns a light post."""
    slug = source.removesuffix(".md")
    return LightPost(
        source=source,
        slug=slug,
        url=f"/posts/{slug}/",
        title=slug,
        date=datetime(2024, 5, day, tzinfo=UTC),
        taxonomies={"categories": categories} if categories else {},
        authors=authors,
        series=series,
        part=part,
        series_line=line,
    )


def test_each_taxonomy_has_its_index_with_canonical_slugs_and_spelling_warnings() -> None:
    posts = [
        light("a.md", 1, categories=("Web Dev", "Notes")),
        light("b.md", 2, categories=("web-dev",)),
        light("c.md", 3, categories=("Web Dev",)),
    ]
    indexes = SiteIndexes.build(posts, CONFIG)
    assert list(indexes.taxonomies) == ["tags", "categories", "genres"]
    categories = indexes.taxonomies["categories"]
    assert [(e.tag.name, e.tag.slug, e.count) for e in categories.entries] == [
        ("Notes", "notes", 1),
        ("Web Dev", "web-dev", 3),
    ]
    assert [post.source for post in categories.get("web-dev").posts] == ["c.md", "b.md", "a.md"]
    assert indexes.taxonomies["genres"].entries == ()
    [warning] = indexes.problems
    assert (warning.severity, warning.field, warning.path) == ("warning", "categories", "b.md")
    assert warning.message.startswith("category 'Web Dev' is written 2 ways")


def test_authors_are_indexed_by_canonical_slug() -> None:
    posts = [light("a.md", authors=("Ada Lovelace",)), light("b.md", authors=("ada lovelace",))]
    authors = SiteIndexes.build(posts, CONFIG).authors
    [entry] = authors.entries
    assert (entry.tag.slug, entry.count) == ("ada-lovelace", 2)
    assert [tag.name for tag in authors.tags_of(posts[1])] == [entry.tag.name]


def sources(posts: tuple[LightPost, ...]) -> tuple[str, ...]:
    return tuple(post.source for post in posts)


def test_parts_without_a_number_are_read_in_date_order() -> None:
    posts = [light("c.md", 3), light("a.md", 1), light("b.md", 2)]
    assert sources(series_order(posts)) == ("a.md", "b.md", "c.md")


def test_numbered_parts_take_their_place_and_the_others_fill_the_free_ones_by_date() -> None:
    posts = [
        light("newest.md", 9, part=1),
        light("old.md", 1),
        light("third.md", 5, part=3),
        light("older.md", 2),
    ]
    assert sources(series_order(posts)) == ("newest.md", "old.md", "third.md", "older.md")


def test_numbered_parts_past_the_end_come_in_number_order() -> None:
    posts = [light("ten.md", 1, part=10), light("five.md", 2, part=5), light("free.md", 3)]
    assert sources(series_order(posts)) == ("free.md", "five.md", "ten.md")


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_any_input_order_gives_one_reading_order_that_keeps_every_claimed_place(
    count: int,
) -> None:
    # Brute force: every assignment of parts (none, or 1..count) to `count` posts, in every
    # input order.
    for parts in itertools.product([None, *range(1, count + 1)], repeat=count):
        posts = [light(f"p{day}.md", day, part=part) for day, part in enumerate(parts, 1)]
        orders = {sources(series_order(shuffled)) for shuffled in itertools.permutations(posts)}
        assert len(orders) == 1
        order = series_order(posts)
        numbered = sorted((p for p in posts if p.part), key=lambda p: (p.part or 0, p.date))
        free = [p for p in posts if not p.part]  # made oldest first
        assert [p.source for p in order if p.part] == [p.source for p in numbered]
        assert [p.source for p in order if not p.part] == [p.source for p in free]
        claimed = [p.part for p in numbered]
        if len(set(claimed)) == len(claimed):  # distinct parts within 1..count: each at its place
            assert all(order[(p.part or 0) - 1] is p for p in numbered)


def test_two_posts_claiming_one_part_is_an_error_naming_both_files_and_lines() -> None:
    posts = [
        light("b.md", 2, series="Rust", part=2, line=5),
        light("a.md", 1, series="rust", part=2, line=4),
        light("c.md", 3, series="Rust", part=1),
    ]
    [error] = SiteIndexes.build(posts, CONFIG).problems
    assert error.is_error
    assert (error.path, error.line, error.field) == ("b.md", 5, "part")
    assert "a.md:4" in error.message and "b.md:5" in error.message


def test_one_part_number_in_two_series_is_no_conflict() -> None:
    posts = [light("a.md", series="Rust", part=1), light("b.md", series="Go", part=1)]
    assert SiteIndexes.build(posts, CONFIG).problems == ()
