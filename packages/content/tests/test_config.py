"""SiteConfig: what octavo.toml may say, and how mistakes are reported."""

import os
from pathlib import Path

import pytest

from octavo_content import ContentErrors, SiteConfig

GOOD = """\
title = "Notes"
base_url = "https://example.org/blog"
timezone = "Europe/Paris"
"""


def test_reads_a_minimal_config_with_defaults() -> None:
    config = SiteConfig.from_toml(GOOD)
    assert config.base_url == "https://example.org/blog/"
    assert config.per_page == 10
    assert config.list_content == "full"
    assert config.raw_html is False
    assert config.absolute_url("/posts/a/") == "https://example.org/blog/posts/a/"


def test_every_mistake_is_reported_with_its_line_and_a_hint() -> None:
    text = 'title = "Notes"\nbase_url = "example.org"\ntimezone = "Mars/Olympus"\nper_page = 0\n'
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml(text, "site/octavo.toml")
    lines = [str(error) for error in caught.value.errors]
    assert len(lines) == 3
    assert lines[0].startswith("site/octavo.toml:2: base_url: 'example.org' is not an absolute")
    assert "site/octavo.toml:3: timezone:" in lines[1]
    assert "IANA" in lines[1]
    assert lines[2].startswith("site/octavo.toml:4: per_page:")


def test_timezone_is_required() -> None:
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml('title = "x"\nbase_url = "https://e.org/"\n')
    (error,) = caught.value.errors
    assert error.field == "timezone"
    assert error.message == "is required but missing"
    assert error.hint is not None and "timezone =" in error.hint


def test_invalid_toml_names_the_line() -> None:
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml('title = "x"\nbase_url = https://e.org\n', "octavo.toml")
    (error,) = caught.value.errors
    assert error.line == 2
    assert "invalid TOML" in error.message


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml(GOOD + "titel = 'oops'\n")
    assert caught.value.errors[0].field == "titel"
    assert caught.value.errors[0].line == 4


def test_permalink_patterns_are_checked() -> None:
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml(GOOD + '[permalinks]\npost = "/{title}/"\ntag = "/../{slug}/"\n')
    fields = {error.field for error in caught.value.errors}
    assert fields == {"permalinks.post", "permalinks.tag"}


@pytest.mark.parametrize("kind", ["fifo", "folder", "latin-1"])
def test_a_config_that_is_no_readable_file_is_an_error_not_a_hang(
    tmp_path: Path, kind: str
) -> None:
    config = tmp_path / "octavo.toml"
    if kind == "fifo":
        os.mkfifo(config)  # reading it would block until someone writes
    elif kind == "folder":
        config.mkdir()
    else:
        config.write_bytes(GOOD.replace("Notes", "Caf\xe9").encode("latin-1"))
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.load(tmp_path)
    (error,) = caught.value.errors
    assert error.path == str(config)
    assert "cannot be read" in error.message


def test_slugs_come_from_file_names_unless_the_site_says_title() -> None:
    assert SiteConfig.from_toml(GOOD).slug_source == "file"
    assert SiteConfig.from_toml(GOOD + 'slug_source = "title"\n').slug_source == "title"


def test_an_unknown_slug_source_is_an_error_at_its_line_naming_the_allowed_values() -> None:
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml(GOOD + 'per_page = 5\nslug_source = "name"\n', "octavo.toml")
    (error,) = caught.value.errors
    assert (error.line, error.field) == (5, "slug_source")
    assert error.message == "'name' is not a slug source"
    assert error.expected == '"file" or "title"'
    assert error.hint is not None and 'slug_source = "title"' in error.hint


def test_strings_take_text_or_plural_forms_and_anything_else_is_one_error_at_its_line() -> None:
    strings = '[strings]\n"Tags" = "Sujets"\n"%(num)d post" = { one = "un", other = "plusieurs" }\n'
    config = SiteConfig.from_toml(GOOD + strings)
    assert config.strings == {"Tags": "Sujets", "%(num)d post": {"one": "un", "other": "plusieurs"}}
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml(GOOD + '[strings]\n"Tags" = "Sujets"\nHome = ["Accueil"]\n')
    (error,) = caught.value.errors
    assert (error.line, error.field) == (6, "strings.Home")
    assert error.message == "['Accueil'] is not a word"
    assert error.expected is not None and "plural forms" in error.expected
