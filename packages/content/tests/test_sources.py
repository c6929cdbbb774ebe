"""What a post's file name says: the slug's name (bundle folders too) and a Jekyll date prefix."""

from __future__ import annotations

import pytest

from octavo_content import SourceName, source_name


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/my-post.md", SourceName("my-post", None)),
        ("content/notes/My Post.markdown", SourceName("My Post", None)),
        # A leaf bundle is named after its folder, as in Hugo and Zola.
        ("content/posts/my-post/index.md", SourceName("my-post", None)),
        # The content folder itself is no bundle: its index.md is named index.
        ("content/index.md", SourceName("index", None)),
        # Jekyll's date prefix is the date, never part of the name; on a bundle folder too.
        ("content/2024-02-19-my-post.md", SourceName("my-post", "2024-02-19")),
        ("content/2024-02-19-my-post/index.md", SourceName("my-post", "2024-02-19")),
        # Not a day of the calendar, or nothing after it: no prefix, the name as written.
        ("content/2024-02-30-my-post.md", SourceName("2024-02-30-my-post", None)),
        ("content/2024-02-19.md", SourceName("2024-02-19", None)),
        ("content/2024-2-19-my-post.md", SourceName("2024-2-19-my-post", None)),
    ],
)
def test_source_name(path: str, expected: SourceName) -> None:
    assert source_name(path) == expected
