"""A post's old paths: Hugo's and Zola's `aliases`, Jekyll's `redirect_from`."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from octavo_content import SiteConfig
from octavo_parser import parse_post

PostFile = Callable[..., bytes]


def test_aliases_are_normalised_like_a_whole_path(config: SiteConfig, post_file: PostFile) -> None:
    source = post_file("title: Hi\ndate: 2024-05-01\naliases: [2019/05/old, /old.html, /x/]")
    post = parse_post(source, "content/hi.md", config).post
    assert post is not None
    assert post.aliases == ("/2019/05/old/", "/old.html", "/x/")
    assert post.alias_lines == (4, 4, 4)


def test_redirect_from_takes_one_path_and_merges_with_aliases(
    config: SiteConfig, post_file: PostFile
) -> None:
    source = post_file(
        "title: Hi\nredirect_from: /jekyll/old.html\ndate: 2024-05-01\naliases: [/a/, /a]"
    )
    post = parse_post(source, "content/hi.md", config).post
    assert post is not None
    # Each path once; `aliases` first, then `redirect_from`.
    assert post.aliases == ("/a/", "/jekyll/old.html")
    assert post.alias_lines == (5, 3)


def test_toml_aliases(config: SiteConfig, post_file: PostFile) -> None:
    source = post_file('title = "Hi"\ndate = 2024-05-01\naliases = ["/old/"]', fence="+++")
    post = parse_post(source, "content/hi.md", config).post
    assert post is not None
    assert post.aliases == ("/old/",)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("[/posts/../../etc/]", "'..' segment"),
        ("[https://old.example.org/my-post/]", "is an address"),
        ("[/ok/, /my-post/?page=2]", "query"),
        ("[3]", "is not a path"),
        ("{a: b}", "is not a list of paths"),
    ],
)
def test_a_bad_old_path_is_an_error_at_its_key_line(
    config: SiteConfig, post_file: PostFile, written: str, words: str
) -> None:
    for key in ("aliases", "redirect_from"):
        source = post_file(f"title: Hi\ndate: 2024-05-01\n{key}: {written}")
        result = parse_post(source, "content/hi.md", config)
        assert result.post is None
        (problem,) = result.problems
        assert (problem.path, problem.line, problem.field) == ("content/hi.md", 4, key)
        assert words in problem.message
        assert problem.hint
