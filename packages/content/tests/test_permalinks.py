"""Permalinks: where each page is written."""

from datetime import UTC, datetime

from octavo_content import Permalinks, output_file


def test_default_urls_follow_the_design() -> None:
    links = Permalinks()
    assert links.post_url("hello", datetime(2024, 5, 1, tzinfo=UTC)) == "/posts/hello/"
    assert links.home_url(1) == "/"
    assert links.home_url(3) == "/page/3/"
    assert links.tag_url("python") == "/tags/python/"
    assert links.tag_url("python", 2) == "/tags/python/page/2/"
    assert links.tag_feed_url("python") == "/tags/python/feed.xml"


def test_date_placeholders_are_zero_padded() -> None:
    links = Permalinks(post="/{year}/{month}/{day}/{slug}/")
    assert links.post_url("a", datetime(2024, 5, 1, tzinfo=UTC)) == "/2024/05/01/a/"


def test_output_file_of_a_directory_url_is_its_index() -> None:
    assert output_file("/") == "index.html"
    assert output_file("/tags/python/") == "tags/python/index.html"
    assert output_file("/feed.xml") == "feed.xml"
