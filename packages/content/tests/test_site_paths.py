"""A post's whole path on the site (`url`, `path`, `permalink`), normalised or refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from octavo_content import FrontMatter, normalised_site_path


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("/2019/05/my-post/", "/2019/05/my-post/"),
        ("2019/05/my-post", "/2019/05/my-post/"),  # Zola writes paths without the leading '/'
        ("  /blog/Old_Post~1 ", "/blog/Old_Post~1/"),
        ("/about.html", "/about.html"),  # names a file: written as it is
        ("/archive/2019/v1.2", "/archive/2019/v1.2/"),  # only .html and .htm name a file
        ("/", "/"),
    ],
)
def test_paths_are_normalised(written: str, path: str) -> None:
    assert normalised_site_path(written) == path


@pytest.mark.parametrize(
    ("written", "problem", "hint"),
    [
        ("", "is empty", "remove the key"),
        ("https://old.example.org/my-post/", "is an address", "scheme"),
        ("//old.example.org/my-post/", "is an address", "scheme"),
        ("/:year/:title/", "Jekyll placeholder", "in full"),
        ("/my-post/?page=2", "query or a fragment", "'?'"),
        ("/my-post/#top", "query or a fragment", "'#'"),
        ("/posts/../../etc/", "'.' or '..' segment", "root"),
        ("/posts/./my-post/", "'.' or '..' segment", "root"),
        ("/posts/my post/", "character ' '", "letters, digits"),
        ("/posts/a:b/", "character ':'", "letters, digits"),
        ("/posts\\my-post/", "character '\\\\'", "letters, digits"),
        ("/posts/café/", "character 'é'", "letters, digits"),
        ("/posts//my-post/", "empty segment", "one '/'"),
    ],
)
def test_paths_that_leave_the_site_or_name_no_file_are_refused(
    written: str, problem: str, hint: str
) -> None:
    with pytest.raises(ValueError, match="; expected a path on this site") as caught:
        normalised_site_path(written)
    message = str(caught.value)
    assert problem in message
    assert hint in message.split("; hint ", 1)[1]


def test_front_matter_keeps_the_key_that_set_the_path() -> None:
    front = FrontMatter.model_validate({"title": "T", "date": "2024-01-01", "path": "a/b"})
    assert front.site_path == ("path", "/a/b/")
    assert "path" not in front.extra
    plain = FrontMatter.model_validate({"title": "T", "date": "2024-01-01"})
    assert plain.site_path is None


def test_a_path_that_is_not_text_is_an_error() -> None:
    with pytest.raises(ValidationError) as caught:
        FrontMatter.model_validate({"title": "T", "date": "2024-01-01", "url": ["/a/"]})
    assert caught.value.errors()[0]["loc"] == ("url",)


def test_old_paths_from_both_keys_are_normalised_and_kept_once() -> None:
    front = FrontMatter.model_validate(
        {
            "title": "T",
            "date": "2024-05-01",
            "aliases": ["2019/05/old", "/x.html"],
            "redirect_from": "/2019/05/old/",  # Jekyll's single path; the same as an alias
        }
    )
    assert front.aliases == ("/2019/05/old/", "/x.html")
    assert front.redirect_from == ("/2019/05/old/",)
    assert front.old_paths == (("aliases", "/2019/05/old/"), ("aliases", "/x.html"))


def test_an_old_path_is_refused_as_a_whole_path_is() -> None:
    with pytest.raises(ValidationError, match=r"'\.\.' segment"):
        FrontMatter.model_validate({"title": "T", "date": "2024-05-01", "aliases": ["/a/../b/"]})
