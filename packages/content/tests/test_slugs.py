"""slugify: stable, URL-safe, never empty, symbols kept meaningful."""

import pytest

from octavo_content import slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Python", "python"),
        ("C++", "cpp"),
        ("C#", "csharp"),
        ("C", "c"),
        ("Here’s What Works", "heres-what-works"),
        ("react hooks", "react-hooks"),
        ("Café", "cafe"),
        ("F# & .NET", "fsharp-and-dotnet"),
    ],
)
def test_slugs(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["🦄", "..", ".", "/", "   ", "???", "🦄🌈"])
def test_slug_is_never_empty_nor_a_path(text: str) -> None:
    slug = slugify(text)
    assert slug
    assert slug not in {".", ".."}
    assert "/" not in slug
    assert slug == slugify(text)  # stable


def test_distinct_symbols_get_distinct_slugs() -> None:
    assert len({slugify("🦄"), slugify("🌈")}) == 2
