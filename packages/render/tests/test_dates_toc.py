"""Dates as readers and machines read them, and the nesting of the table of contents."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from octavo_content import Heading, Post
from octavo_render.dates import day_text, published, rfc3339
from octavo_render.toc import toc_tree


def test_day_text_is_the_long_date_of_the_locale() -> None:
    day = datetime(2024, 7, 14).date()
    assert day_text(day) == "July 14, 2024"
    assert day_text(day, "en_GB") == "14 July 2024"
    assert day_text(day, "fr") == "14 juillet 2024"
    assert day_text(day, "fr_CA") == "14 juillet 2024"
    assert day_text(day, "de") == "14. Juli 2024"
    assert day_text(day, "es") == "14 de julio de 2024"
    assert day_text(day, "ja") == "2024年7月14日"
    assert day_text(day, "pt_BR") == "14 de julho de 2024"


def test_timed_post_shows_the_day_in_the_site_zone(posts: list[Post]) -> None:
    third = posts[2]  # 31 Dec 2023, 23:00 UTC
    moment = published(third, ZoneInfo("Asia/Tokyo"))
    assert moment.text == "January 1, 2024"
    assert published(third, ZoneInfo("Asia/Tokyo"), "fr").text == "1 janvier 2024"
    assert moment.iso == "2024-01-01T08:00:00+09:00"


def test_rfc3339_reads_naive_moments_in_the_given_zone() -> None:
    assert (
        rfc3339(datetime(2024, 1, 1, 12), ZoneInfo("Europe/Paris")) == "2024-01-01T12:00:00+01:00"
    )
    assert (
        rfc3339(datetime(2024, 1, 1, 12, 0, 0, 5, tzinfo=UTC), UTC) == "2024-01-01T12:00:00+00:00"
    )


def test_toc_nests_deeper_headings_under_the_one_before() -> None:
    headings = [
        Heading(level=2, text="A", id="a"),
        Heading(level=3, text="A.1", id="a-1"),
        Heading(level=4, text="A.1.x", id="a-1-x"),
        Heading(level=3, text="A.2", id="a-2"),
        Heading(level=2, text="B", id="b"),
    ]
    tree = toc_tree(headings)
    assert [entry.text for entry in tree] == ["A", "B"]
    assert [entry.text for entry in tree[0].children] == ["A.1", "A.2"]
    assert [entry.text for entry in tree[0].children[0].children] == ["A.1.x"]
    assert tree[1].children == ()
