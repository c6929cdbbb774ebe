"""Every way front matter can be wrong is one error with its path, line, message and hint."""

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
    assert problem.path == PATH
    assert problem.is_error
    return problem


def test_missing_title_points_at_the_front_matter(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(post_file("date: 2024-05-01"), config)
    assert (problem.field, problem.line, problem.message) == ("title", 1, "is required but missing")
    assert problem.hint is not None and "title:" in problem.hint


def test_impossible_date_is_reported_at_its_line(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(post_file("title: Hi\ndate: 2024-13-45"), config)
    assert (problem.field, problem.line) == ("date", 3)
    assert problem.message == "'2024-13-45' is not a date"
    assert problem.expected is not None and "2024-05-01" in problem.expected


def test_date_in_words_is_reported_at_its_line(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(post_file("date: yesterday\ntitle: Hi"), config)
    assert (problem.field, problem.line) == ("date", 2)
    assert problem.message == "'yesterday' is not a date"


def test_tags_as_a_mapping_are_an_error(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(post_file("title: Hi\ndate: 2024-05-01\ntags: {a: 1}"), config)
    assert (problem.field, problem.line) == ("tags", 4)
    assert problem.message == "got dict {'a': 1}"
    assert problem.expected == "a list of tags or comma-separated text"


def test_tags_as_a_number_are_an_error(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    problem = only_problem(post_file("title: Hi\ntags: 5\ndate: 2024-05-01"), config)
    assert (problem.field, problem.line, problem.message) == ("tags", 3, "got int 5")


def test_every_error_is_reported_in_file_order(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    result = parse_post(post_file("tags: 5\ndate: yesterday"), PATH, config)
    assert [(p.field, p.line) for p in result.problems] == [("title", 1), ("tags", 2), ("date", 3)]


def test_front_matter_never_closed(config: SiteConfig) -> None:
    problem = only_problem(b"---\ntitle: Hi\ndate: 2024-05-01\n\nHello.\n", config)
    assert problem.line == 1
    assert problem.message == "front matter opened with --- is never closed"
    assert problem.hint is not None and "add a line ---" in problem.hint


def test_file_without_front_matter(config: SiteConfig) -> None:
    problem = only_problem(b"# Hello\n\nText.\n", config)
    assert problem.line == 1
    assert problem.message == "has no front matter (title and date are required)"


def test_invalid_yaml_points_at_the_line_yaml_names(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(post_file('title: Hi\ndate: 2024-05-01\ntags: "python'), config)
    assert problem.line == 4  # the line whose quote is never closed
    assert problem.message.startswith("invalid YAML: found unexpected end of stream")


def test_invalid_yaml_inside_the_front_matter(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(post_file("title: Hi\n  date: 2024-05-01\ntags: a"), config)
    assert problem.line == 3
    # libyaml and pure-Python PyYAML end this message differently.
    assert problem.message.startswith("invalid YAML: mapping values are not allowed")


def test_invalid_toml_points_at_the_line_tomllib_names(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    source = post_file('title = "Hi"\ndate = 2024-05-01\ntags = [python', fence="+++")
    problem = only_problem(source, config)
    assert problem.line == 4
    assert problem.message.startswith("invalid TOML: ")


def test_toml_without_equals_sign(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    problem = only_problem(post_file('title = "Hi"\ndraft\n', fence="+++"), config)
    assert problem.line == 3
    assert "Expected '=' after a key" in problem.message


def test_non_utf8_file_names_the_line_of_the_bad_byte(config: SiteConfig) -> None:
    source = b"---\ntitle: Hi\ndate: 2024-05-01\n---\nCaf" + b"\xe9 au lait\n"
    problem = only_problem(source, config)
    assert problem.line == 5
    assert problem.message == "is not UTF-8 text (byte 0xe9 cannot be read)"
    assert problem.hint == "save the file as UTF-8 in your editor"


def test_front_matter_that_is_a_list(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    problem = only_problem(post_file("- title: Hi\n- date: 2024-05-01"), config)
    assert problem.line == 2
    assert problem.message == "front matter is a list, not keys with values"


def test_front_matter_that_is_text(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    problem = only_problem(post_file("just a sentence"), config)
    assert problem.message == "front matter is text, not keys with values"


def test_day_only_may_not_be_written(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    problem = only_problem(post_file("title: Hi\ndate: 2024-05-01\nday_only: true"), config)
    assert problem.line == 1
    assert problem.message == "day_only is set by Octavo"


def test_explicit_yaml_tag_that_cannot_be_built(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    problem = only_problem(post_file("title: Hi\ndate: !!timestamp 2024-13-45"), config)
    assert problem.line == 1
    assert problem.message == "invalid YAML: month must be in 1..12"
