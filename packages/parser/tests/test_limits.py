"""Titles, tags and slugs that would make file names too long, and too many tags, are errors."""

from __future__ import annotations

from collections.abc import Callable

from octavo_content import ContentError, SiteConfig
from octavo_parser import parse_post

PATH = "content/hello.md"


def only_problem(source: bytes, config: SiteConfig) -> ContentError:
    result = parse_post(source, PATH, config)
    assert result.post is None
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert problem.path == PATH and problem.is_error
    return problem


def test_a_title_over_255_bytes_is_an_error_at_its_line(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(post_file("date: 2024-05-01\ntitle: " + "é" * 128), config)
    assert (problem.field, problem.line) == ("title", 3)
    assert problem.message == "is 256 bytes long"
    assert problem.expected == "a title of at most 255 bytes (UTF-8)"
    assert problem.hint is not None and "shorten" in problem.hint


def test_a_title_of_255_bytes_is_fine(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    by_title = config.model_copy(update={"slug_source": "title"})
    result = parse_post(post_file("date: 2024-05-01\ntitle: " + "a" * 255), PATH, by_title)
    assert result.post is not None and len(result.post.slug) == 255


def test_a_title_whose_slug_is_too_long_is_an_error(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    # 60 emoji are 240 bytes, their slug (u1f984-u1f984-...) 419.
    by_title = config.model_copy(update={"slug_source": "title"})
    problem = only_problem(post_file("date: 2024-05-01\ntitle: " + "🦄" * 60), by_title)
    assert (problem.field, problem.line) == ("title", 3)
    assert "slug" in problem.message
    assert problem.hint is not None and "slug:" in problem.hint


def test_a_file_name_whose_slug_is_too_long_is_an_error_at_the_opening_line(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    # 60 emoji are 240 bytes, a file name a system takes; their slug is 419 bytes.
    path = "content/" + "🦄" * 60 + ".md"
    result = parse_post(post_file("title: Hi\ndate: 2024-05-01"), path, config)
    assert result.post is None
    (problem,) = result.problems
    assert (problem.field, problem.line) == (None, 1)
    assert "file name makes a slug 419 bytes long" in problem.message
    assert problem.hint is not None and "slug:" in problem.hint and "rename" in problem.hint


def test_a_slug_over_255_bytes_is_an_error_at_its_line(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(
        post_file("title: Hi\nslug: " + "a" * 256 + "\ndate: 2024-05-01"), config
    )
    assert (problem.field, problem.line) == ("slug", 3)
    assert problem.expected == "a slug of at most 255 bytes"
    assert problem.hint is not None and "slug: my-post" in problem.hint


def test_a_tag_over_255_bytes_is_an_error_at_the_tags_line(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(
        post_file("title: Hi\ndate: 2024-05-01\ntags: [ok, " + "x" * 256 + "]"), config
    )
    assert (problem.field, problem.line) == ("tags", 4)
    assert problem.expected == "each tag at most 255 bytes (UTF-8), its slug too"
    assert problem.hint is not None and "shorten" in problem.hint


def test_a_tag_whose_slug_is_too_long_is_an_error(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(
        post_file("title: Hi\ndate: 2024-05-01\ntags: [" + "🦄" * 60 + "]"), config
    )
    assert (problem.field, problem.line) == ("tags", 4)


def test_more_than_100_tags_is_an_error_with_a_hint(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    tags = ", ".join(f"t{number}" for number in range(2000))
    problem = only_problem(post_file(f"title: Hi\ndate: 2024-05-01\ntags: {tags}"), config)
    assert (problem.field, problem.line) == ("tags", 4)
    assert problem.message == "has 2000 tags"
    assert problem.expected == "at most 100 tags"
    assert problem.hint is not None and "feed" in problem.hint


def test_100_tags_are_fine(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    tags = ", ".join(f"t{number}" for number in range(100))
    result = parse_post(post_file(f"title: Hi\ndate: 2024-05-01\ntags: [{tags}]"), PATH, config)
    assert result.post is not None and len(result.post.tags) == 100
