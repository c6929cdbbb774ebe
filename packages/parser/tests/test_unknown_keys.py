"""Unknown front matter keys are kept; likely typos are warned about, or errors in strict mode."""

from __future__ import annotations

from collections.abc import Callable

from octavo_content import SiteConfig
from octavo_parser import parse_post

FRONT = "title: Hi\ndate: 2024-05-01\ntgas: python\ncover: bike.jpg"


def test_typo_is_a_warning_with_a_suggestion_and_the_post_is_kept(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    result = parse_post(post_file(FRONT), "content/a.md", config)
    assert result.post is not None
    assert result.post.extra == {"tgas": "python", "cover": "bike.jpg"}
    [warning] = result.problems
    assert warning.severity == "warning"
    assert (warning.path, warning.line, warning.field) == ("content/a.md", 4, "tgas")
    assert warning.message == "unknown key 'tgas'"
    assert warning.hint == "did you mean 'tags'?"


def test_misspelled_title_and_authors_are_recognised(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    source = post_file("titel: Hi\ntitle: Hi\ndate: 2024-05-01\nautors: [Ada]")
    result = parse_post(source, "content/a.md", config)
    assert [(p.line, p.hint) for p in result.problems] == [
        (2, "did you mean 'title'?"),
        (5, "did you mean 'authors'?"),
    ]


def test_strict_mode_makes_every_unknown_key_an_error(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    strict = config.model_copy(update={"strict_front_matter": True})
    result = parse_post(post_file(FRONT), "content/a.md", strict)
    assert result.post is None
    assert [(p.severity, p.line, p.message, p.hint) for p in result.problems] == [
        ("error", 4, "unknown key 'tgas'", "did you mean 'tags'?"),
        ("error", 5, "unknown key 'cover'", "remove it or set strict_front_matter = false"),
    ]


def test_unknown_keys_and_validation_errors_are_reported_together(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    result = parse_post(post_file("title: Hi\ndate: someday\ntgas: x"), "content/a.md", config)
    assert [(p.severity, p.field) for p in result.problems] == [
        ("error", "date"),
        ("warning", "tgas"),
    ]
