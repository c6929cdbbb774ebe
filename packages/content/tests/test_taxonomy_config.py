"""[taxonomies], [authors.NAME], term_strings and the URL patterns of terms, authors and series."""

from __future__ import annotations

import pytest

from octavo_content import ContentErrors, Permalinks, SiteConfig

GOOD = 'title = "Notes"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def problems(text: str) -> list[str]:
    """Given a config's text, returns each of its problems as printed."""
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml(GOOD + text, "octavo.toml")
    return [str(error) for error in caught.value.errors]


def test_a_site_that_names_no_taxonomy_has_tags_and_categories() -> None:
    config = SiteConfig.from_toml(GOOD)
    assert config.taxonomy_plurals == ("tags", "categories")
    assert config.singular_of("categories") == "category"
    assert config.term_strings == "commas"


def test_taxonomies_are_named_as_hugo_names_them_and_tags_are_always_one() -> None:
    config = SiteConfig.from_toml(GOOD + '[taxonomies]\ngenre = "genres"\nmood = "moods"\n')
    # The table replaces the default (no categories), and tags stay, first.
    assert config.taxonomy_plurals == ("tags", "genres", "moods")
    assert config.singular_of("moods") == "mood"


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('tag = "labels"', "tags are always"),
        ('label = "tags"', "tags are always"),
        ('series = "serieses"', "a front matter key of its own"),
        ('writer = "authors"', "a front matter key of its own"),
        ('genre = "genres"\nstyle = "genres"', "names two taxonomies"),
        ('genre = "Genres Of Music"', "not a taxonomy name"),
    ],
)
def test_a_taxonomy_that_cannot_be_is_an_error_at_the_table(table: str, says: str) -> None:
    [problem] = problems(f"[taxonomies]\n{table}\n")
    assert problem.startswith("octavo.toml:4: taxonomies")
    assert says in problem


def test_author_profiles_hold_a_name_a_bio_an_address_and_links() -> None:
    config = SiteConfig.from_toml(
        GOOD + '[authors.ada]\nname = "Ada Lovelace"\nbio = "Poet."\nemail = "a@example.org"\n'
        'links = [{name = "Site", url = "https://ada.example/"}]\n'
    )
    ada = config.authors["ada"]
    assert (ada.name, ada.bio, ada.email) == ("Ada Lovelace", "Poet.", "a@example.org")
    assert [(link.name, link.url) for link in ada.links] == [("Site", "https://ada.example/")]


def test_an_unknown_key_of_an_author_is_an_error_at_its_line() -> None:
    [problem] = problems('[authors.ada]\nname = "Ada"\nwebsite = "https://ada.example/"\n')
    assert problem.startswith("octavo.toml:6: authors.ada.website")


def test_term_strings_is_commas_or_spaces() -> None:
    assert SiteConfig.from_toml(GOOD + 'term_strings = "spaces"\n').term_strings == "spaces"
    [problem] = problems('term_strings = "tabs"\n')
    assert problem.startswith("octavo.toml:4: term_strings")


def test_tag_urls_keep_their_own_patterns_and_other_taxonomies_follow_term() -> None:
    links = Permalinks(tag="/topics/{slug}/", term="/t/{taxonomy}/{slug}/")
    assert links.term_url("tags", "python", 2) == "/topics/python/page/2/"
    assert links.term_url("categories", "web") == "/t/categories/web/"
    assert links.term_feed_url("categories", "web") == "/categories/web/feed.xml"
    assert links.terms_url("tags") == "/tags/"
    assert links.terms_url("genres") == "/genres/"
    assert (links.author_url("ada"), links.author_feed_url("ada")) == (
        "/authors/ada/",
        "/authors/ada/feed.xml",
    )
    assert (links.series_url("rust", 3), links.series_feed_url("rust")) == (
        "/series/rust/page/3/",
        "/series/rust/feed.xml",
    )


@pytest.mark.parametrize(
    ("key", "pattern"),
    [("term", "/{taxonomy}/"), ("author", "/people/"), ("series_feed", "/s.xml")],
)
def test_a_pattern_without_its_placeholders_is_an_error(key: str, pattern: str) -> None:
    [problem] = problems(f'[permalinks]\n{key} = "{pattern}"\n')
    assert problem.startswith(f"octavo.toml:5: permalinks.{key}")
