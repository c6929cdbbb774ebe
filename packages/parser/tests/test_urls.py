"""Where a post lives: its file's name (or bundle folder's), `slug`, or a whole path of its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from octavo_content import Permalinks, SiteConfig
from octavo_parser import ParseResult, parse_post

PostFile = Callable[..., bytes]


def parsed(source: bytes, path: str, config: SiteConfig) -> ParseResult:
    result = parse_post(source, path, config)
    assert all(not problem.is_error for problem in result.problems), result.problems
    assert result.post is not None
    return result


def test_the_slug_is_the_file_name_not_the_title(config: SiteConfig, post_file: PostFile) -> None:
    source = post_file("title: Here’s C++, Retitled\ndate: 2024-05-01")
    post = parsed(source, "content/My Old Post.md", config).post
    assert post is not None
    assert (post.slug, post.url, post.url_line) == ("my-old-post", "/posts/my-old-post/", 1)


def test_a_bundle_is_named_after_its_folder(config: SiteConfig, post_file: PostFile) -> None:
    source = post_file("title: Anything\ndate: 2024-05-01")
    post = parsed(source, "content/posts/my-post/index.md", config).post
    assert post is not None
    assert post.url == "/posts/my-post/"


def test_a_date_prefix_is_the_date_when_front_matter_has_none(
    config: SiteConfig, post_file: PostFile
) -> None:
    post = parsed(post_file("title: Hi"), "content/2024-02-19-my-post.md", config).post
    assert post is not None
    assert post.url == "/posts/my-post/"
    # A calendar day, like a date-only value: never shifted between zones.
    assert post.day_only
    assert post.date.date() == date(2024, 2, 19)
    assert post.date.utcoffset() is not None


def test_a_date_prefix_on_a_bundle_folder(config: SiteConfig, post_file: PostFile) -> None:
    dated = config.model_copy(update={"permalinks": Permalinks(post="/{year}/{month}/{slug}/")})
    post = parsed(post_file("title: Hi"), "content/2024-02-19-my-post/index.md", dated).post
    assert post is not None
    assert post.url == "/2024/02/my-post/"


def test_front_matter_date_wins_over_the_prefix_which_stays_out_of_the_slug(
    config: SiteConfig, post_file: PostFile
) -> None:
    source = post_file("title: Hi\ndate: 2023-01-05T10:00:00+01:00")
    result = parsed(source, "content/2024-02-19-my-post.md", config)
    assert result.problems == ()
    post = result.post
    assert post is not None
    assert (post.url, post.date.date(), post.day_only) == (
        "/posts/my-post/",
        date(2023, 1, 5),
        False,
    )


def test_no_date_in_front_matter_or_file_name_is_still_an_error(
    config: SiteConfig, post_file: PostFile
) -> None:
    result = parse_post(post_file("title: Hi"), "content/my-post.md", config)
    assert result.post is None
    (problem,) = result.problems
    assert (problem.field, problem.message) == ("date", "is required but missing")


def test_slug_sets_the_last_segment(config: SiteConfig, post_file: PostFile) -> None:
    source = post_file("title: Hi\ndate: 2024-05-01\nslug: Another Name")
    post = parsed(source, "content/2024-05-01-my-post.md", config).post
    assert post is not None
    assert (post.slug, post.url, post.url_line) == ("another-name", "/posts/another-name/", 4)


def test_slug_source_title_makes_slugs_from_titles(config: SiteConfig, post_file: PostFile) -> None:
    by_title = config.model_copy(update={"slug_source": "title"})
    source = post_file("title: Here’s C++\ndate: 2024-05-01")
    post = parsed(source, "content/2024-05-01-my-post.md", by_title).post
    assert post is not None
    assert (post.slug, post.url, post.url_line) == ("heres-cpp", "/posts/heres-cpp/", 2)


@pytest.mark.parametrize("key", ["url", "path", "permalink"])
@pytest.mark.parametrize(
    ("written", "url"),
    [
        ("/2019/05/17/my-old-post/", "/2019/05/17/my-old-post/"),
        ("2019/my-old-post", "/2019/my-old-post/"),
        ("/blog/my-old-post.html", "/blog/my-old-post.html"),
    ],
)
def test_a_whole_path_keeps_an_old_url_exactly(
    config: SiteConfig, post_file: PostFile, key: str, written: str, url: str
) -> None:
    source = post_file(f"title: Hi\ndate: 2024-05-01\nslug: ignored\n{key}: {written}")
    post = parsed(source, "content/my-post.md", config).post
    assert post is not None
    assert (post.url, post.url_line) == (url, 5)
    assert key not in post.extra


def test_a_whole_path_is_read_in_toml_too(config: SiteConfig, post_file: PostFile) -> None:
    source = post_file('title = "Hi"\ndate = 2024-05-01\npath = "notes/hi"', fence="+++")
    post = parsed(source, "content/hi.md", config).post
    assert post is not None
    assert post.url == "/notes/hi/"


def test_two_whole_paths_on_one_post_are_an_error_naming_both_lines(
    config: SiteConfig, post_file: PostFile
) -> None:
    source = post_file("title: Hi\npermalink: /a/\ndate: 2024-05-01\nurl: /b/")
    result = parse_post(source, "content/hi.md", config)
    assert result.post is None
    (problem,) = result.problems
    assert (problem.line, problem.field) == (5, "url")
    assert "'permalink' (line 3) and 'url' (line 5)" in problem.message
    assert problem.hint is not None and "remove the other" in problem.hint


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("/posts/../../etc/", "'..' segment"),
        ("https://old.example.org/my-post/", "is an address"),
        ("/my-post/?page=2", "query"),
        ("/my post/", "character ' '"),
        ('"/a:b/"', "character ':'"),
        ("/:year/:title/", "Jekyll placeholder"),
    ],
)
def test_a_bad_path_is_an_error_at_its_line_with_a_hint(
    config: SiteConfig, post_file: PostFile, written: str, words: str
) -> None:
    source = post_file(f"title: Hi\ndate: 2024-05-01\npath: {written}")
    result = parse_post(source, "content/hi.md", config)
    assert result.post is None
    (problem,) = result.problems
    assert (problem.path, problem.line, problem.field) == ("content/hi.md", 4, "path")
    assert words in problem.message
    assert problem.expected is not None and "/2019/05/my-post/" in problem.expected
    assert problem.hint
