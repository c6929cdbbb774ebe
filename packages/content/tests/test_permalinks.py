"""Permalinks: where each page is written."""

import json
from datetime import UTC, datetime

import pytest

from octavo_content import ContentErrors, Permalinks, SiteConfig, output_file


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


GOOD = 'title = "Notes"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'

BAD_PATTERNS = [
    ("post", "/posts/{slug}/{"),
    ("post", "/posts/}{slug}/"),
    ("post", "/{0}/{slug}/"),
    ("post", "/{}/{slug}/"),
    ("post", "/{Slug}/{slug}/"),
    ("post", "/{slug:>300}/"),
    ("post", "/{slug!r}/"),
    ("post", "/{slug}/{{x}}/"),
    ("post", "/a/../{slug}/"),
    ("post", "/./{slug}/"),
    ("post", "//{slug}/"),
    ("post", "/{slug}/?a"),
    ("post", "/ {slug}/"),
    ("post", "/{unknown}/{slug}/"),
    ("tag", "/t/{slug}{/"),
    ("tag", "/t/{0}/"),
    ("tag_feed", "/t/{slug}/../feed.xml"),
    ("tags", "/t/{"),
    ("tags", "/t/}/"),
    ("archive", "/{{/"),
    ("feed", "/f/{x}.xml"),
    ("page", "p/{slug}/"),
    ("page", "p/{"),
    ("page", "p/{0}/{n}/"),
    ("page", "../{n}/"),
    ("page", "p/{n}/../"),
    ("page", "./{n}/"),
    ("page", "p/{n:>999999}/"),
]


@pytest.mark.parametrize(("key", "pattern"), BAD_PATTERNS)
def test_a_bad_pattern_is_an_error_at_its_key(key: str, pattern: str) -> None:
    text = GOOD + f"[permalinks]\n# where pages live\n{key} = {json.dumps(pattern)}\n"
    with pytest.raises(ContentErrors) as caught:
        config = SiteConfig.from_toml(text, "octavo.toml")
        # What used to crash: filling the patterns in.
        config.permalinks.post_url("a", datetime(2024, 5, 1, tzinfo=UTC))
        config.permalinks.tag_url("a", 2)
    (error,) = caught.value.errors
    assert (error.path, error.line, error.field) == ("octavo.toml", 6, f"permalinks.{key}")
    assert error.expected and error.hint


def test_a_dotted_key_is_found_on_its_line() -> None:
    text = GOOD + 'permalinks.page = "p/{slug}/"\n'
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml(text, "octavo.toml")
    (error,) = caught.value.errors
    assert (error.line, error.field) == (4, "permalinks.page")
    assert error.expected is not None and "{n}" in error.expected


@pytest.mark.parametrize(
    ("key", "pattern", "url"),
    [
        ("post", "/{year}/{month}/{day}/{slug}/", "/2024/05/01/a/"),
        ("post", "/posts/{slug}.html", "/posts/a.html"),
        ("post", "/~me/blog_posts/{slug}/", "/~me/blog_posts/a/"),
        ("page", "p/{n}/", "/tags/a/p/2/"),
    ],
)
def test_good_patterns_are_filled_in(key: str, pattern: str, url: str) -> None:
    config = SiteConfig.from_toml(GOOD + f"[permalinks]\n{key} = {json.dumps(pattern)}\n")
    links = config.permalinks
    made = links.post_url("a", datetime(2024, 5, 1, tzinfo=UTC)) if key == "post" else None
    assert url in {made, links.tag_url("a", 2)}


def test_categories_are_folders_of_a_post_url_as_jekyll_makes_them() -> None:
    links = Permalinks(post="/{categories}/{year}/{month}/{day}/{slug}.html")
    day = datetime(2024, 2, 19, tzinfo=UTC)
    assert links.post_url("welcome", day, ("Jekyll", "Update")) == (
        "/jekyll/update/2024/02/19/welcome.html"
    )
    # A post without categories loses the empty segment, as in Jekyll.
    assert links.post_url("welcome", day) == "/2024/02/19/welcome.html"


def test_a_term_pattern_may_leave_out_the_taxonomy_as_pelican_does() -> None:
    links = Permalinks(term="/category/{slug}.html", terms="/categories.html")
    assert links.term_url("categories", "python") == "/category/python.html"
