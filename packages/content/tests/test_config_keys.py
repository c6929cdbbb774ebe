"""Unknown keys in `octavo.toml` are errors that guess the key meant; `[extra]` takes any TOML."""

from __future__ import annotations

from datetime import date

import pytest

from octavo_content import ContentErrors, SiteConfig

BASE = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def _errors(text: str) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        SiteConfig.from_toml(text)
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ('titel = "T"', "title"),  # a typo
        ("per-page = 5", "per_page"),  # another way to write it
        ('baseURL = "https://example.org/"', "base_url"),  # Hugo's name
        ('languageCode = "en"', "language"),  # Hugo's
        ("paginate = 5", "per_page"),  # Hugo's and Jekyll's
        ('default_language = "en"', "language"),  # Zola's
        ("[params]\nx = 1", "extra"),  # Hugo's table of the site's own settings
    ],
)
def test_an_unknown_top_level_key_is_an_error_with_the_key_meant(line: str, meant: str) -> None:
    (error,) = _errors(BASE + line + "\n")
    assert ":4: " in error  # the key's line
    assert "unknown key" in error
    assert f"did you mean '{meant}'?" in error


def test_an_unknown_key_without_a_likely_meaning_points_to_extra() -> None:
    (error,) = _errors(BASE + "favourite_colour = 1\n")
    assert "unknown key 'favourite_colour'" in error
    assert "[extra]" in error


def test_an_unknown_key_inside_a_table_is_an_error_with_the_key_meant() -> None:
    (error,) = _errors(BASE + '[permalinks]\ntag = "/t/{slug}/"\npots = "/p/{slug}/"\n')
    assert error.startswith("octavo.toml:6: permalinks.pots: unknown key 'pots' in [permalinks]")
    assert "did you mean 'post'?" in error
    assert "one of post, tag, tags" in error


def test_every_unknown_key_is_said_in_one_run() -> None:
    assert len(_errors(BASE + "titel = 1\nzzz = 2\n[permalinks]\ntgs = '/t/'\n")) == 3


def test_extra_takes_any_toml_for_templates() -> None:
    config = SiteConfig.from_toml(
        BASE + '[extra]\nlogo = "/logo.png"\n[extra.social]\nmastodon = "@a@b.org"\n'
        "since = 2019-05-01\nfriends = [1, 2]\n"
    )
    assert config.extra == {
        "logo": "/logo.png",
        "social": {"mastodon": "@a@b.org", "since": date(2019, 5, 1), "friends": [1, 2]},
    }
    assert SiteConfig.from_toml(BASE).extra == {}
