"""Taxonomies, authors and series in front matter, as Octavo, Hugo, Zola and Jekyll write them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from octavo_content import LightPost, SiteConfig
from octavo_parser import ParseResult, parse_post

PostFile = Callable[..., bytes]
GENRES = {"tag": "tags", "category": "categories", "genre": "genres"}


def parsed(config: SiteConfig, post_file: PostFile, front: str, **settings: object) -> ParseResult:
    """Given front matter lines (after title and date) and settings, returns the parse."""
    site = config.model_copy(update=settings)
    return parse_post(post_file(f"title: Hi\ndate: 2024-05-01\n{front}"), "content/hi.md", site)


def post_of(result: ParseResult) -> LightPost:
    """Given a parse, returns its post, failing with its problems when there is none."""
    assert result.post is not None, [str(problem) for problem in result.problems]
    return result.post


def test_categories_are_read_as_hugo_writes_them(config: SiteConfig, post_file: PostFile) -> None:
    result = parsed(config, post_file, "categories: [Web, Notes]")
    assert post_of(result).taxonomies == {"categories": ("Web", "Notes")}
    assert post_of(result).extra == {}
    assert result.problems == ()


def test_jekyll_category_is_one_term_even_with_spaces(
    config: SiteConfig, post_file: PostFile
) -> None:
    post = post_of(parsed(config, post_file, "category: Web Development\ncategories: Notes"))
    assert post.taxonomies == {"categories": ("Notes", "Web Development")}


@pytest.mark.parametrize(
    ("tags", "commas", "spaces"),
    [
        # A string without a comma: one tag by default, one tag per word as Jekyll reads it.
        ("Data Science", ("Data Science",), ("Data", "Science")),
        ("python web", ("python web",), ("python", "web")),
        # A string with a comma splits on commas, whichever the setting.
        ("Data Science, Web", ("Data Science", "Web"), ("Data Science", "Web")),
        # A list is a list.
        ("[Data Science, Web]", ("Data Science", "Web"), ("Data Science", "Web")),
    ],
)
def test_a_string_of_tags_splits_on_commas_or_as_jekyll_splits_it(
    config: SiteConfig,
    post_file: PostFile,
    tags: str,
    commas: tuple[str, ...],
    spaces: tuple[str, ...],
) -> None:
    assert post_of(parsed(config, post_file, f"tags: {tags}")).tags == commas
    spaced = parsed(config, post_file, f"tags: {tags}\ncategories: {tags}", term_strings="spaces")
    assert post_of(spaced).tags == spaces
    assert post_of(spaced).taxonomies == {"categories": spaces}


def test_authors_never_split_on_spaces(config: SiteConfig, post_file: PostFile) -> None:
    post = post_of(parsed(config, post_file, "author: Ada Lovelace", term_strings="spaces"))
    assert post.authors == ("Ada Lovelace",)


def test_one_author_joins_the_list_of_authors(config: SiteConfig, post_file: PostFile) -> None:
    post = post_of(parsed(config, post_file, "authors: [Grace]\nauthor: Ada"))
    assert post.authors == ("Grace", "Ada")


def test_zola_taxonomies_table_fills_tags_authors_and_every_known_taxonomy(
    config: SiteConfig, post_file: PostFile
) -> None:
    front = (
        'title = "Hi"\ndate = 2024-05-01\n[taxonomies]\ntags = ["rust", "cli"]\n'
        'categories = ["Tools"]\nauthors = ["Ada"]\ngenres = ["Essay"]\n'
    )
    site = config.model_copy(update={"taxonomies": GENRES})
    result = parse_post(post_file(front, fence="+++"), "content/hi.md", site)
    post = post_of(result)
    assert (post.tags, post.authors) == (("rust", "cli"), ("Ada",))
    assert post.taxonomies == {"categories": ("Tools",), "genres": ("Essay",)}
    assert result.problems == ()


def test_a_zola_taxonomy_the_site_does_not_name_is_a_warning_at_its_line(
    config: SiteConfig, post_file: PostFile
) -> None:
    front = 'title = "Hi"\ndate = 2024-05-01\n[taxonomies]\ntags = ["rust"]\nseasons = ["Fall"]\n'
    result = parse_post(post_file(front, fence="+++"), "content/hi.md", config)
    assert post_of(result).tags == ("rust",)
    assert post_of(result).taxonomies == {}
    [warning] = result.problems
    assert (warning.severity, warning.path, warning.line) == ("warning", "content/hi.md", 6)
    assert "'seasons'" in warning.message
    assert warning.hint == 'name it in octavo.toml:  [taxonomies]  season = "seasons"'


def test_a_taxonomy_the_site_names_is_read_from_its_own_keys(
    config: SiteConfig, post_file: PostFile
) -> None:
    front = "genres: [Essay, Howto]\ngenre: Poem"
    assert post_of(parsed(config, post_file, front, taxonomies=GENRES)).taxonomies == {
        "genres": ("Essay", "Howto", "Poem")
    }
    # Not named, the key is the site's own, kept for templates.
    assert post_of(parsed(config, post_file, front)).extra == {
        "genres": ["Essay", "Howto"],
        "genre": "Poem",
    }


def test_terms_that_are_not_terms_are_an_error_at_their_line(
    config: SiteConfig, post_file: PostFile
) -> None:
    result = parsed(config, post_file, "draft: false\ncategories: {web: 1}")
    assert result.post is None
    [error] = result.problems
    assert (error.line, error.field) == (5, "categories")


def test_series_and_part(config: SiteConfig, post_file: PostFile) -> None:
    post = post_of(parsed(config, post_file, "series: Learning  Rust, the hard way\npart: 2"))
    # A series is one name: commas do not split it, spaces are collapsed.
    assert (post.series, post.part, post.series_line) == ("Learning Rust, the hard way", 2, 5)
    # Hugo writes a series as a taxonomy, a list of one.
    assert post_of(parsed(config, post_file, "series: [Basics]")).series == "Basics"


@pytest.mark.parametrize(
    ("front", "field", "line"),
    [
        ("part: 2", "part", 4),
        ("series: Basics\npart: 0", "part", 5),
        ("series: Basics\npart: two", "part", 5),
        ("series: Basics\npart: true", "part", 5),
        ("series: [Basics, Advanced]", "series", 4),
    ],
)
def test_a_part_that_cannot_be_is_an_error_at_its_line(
    config: SiteConfig, post_file: PostFile, front: str, field: str, line: int
) -> None:
    result = parsed(config, post_file, front)
    assert result.post is None
    [error] = result.problems
    assert (error.field, error.line) == (field, line)
