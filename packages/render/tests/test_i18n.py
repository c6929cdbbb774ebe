"""The theme's words in the site's language: the catalogues are complete and in step with the
templates, the site's `[strings]` win over them, and the config check explains its refusals."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from catalogues import LOCALES, TEMPLATE, extracted, pot_text
from conftest import Document, make_post

from octavo_content import ContentError, Post
from octavo_render import SHIPPED_LANGUAGES, Renderer, ThemeStrings, language_problems
from octavo_render.i18n import english, has_stray_percent, placeholders

Read = Callable[[bytes], Document]
_TAG = re.compile(r"</?\w+[^>]*>")


def _catalogue(language: str) -> Catalog:
    with (LOCALES / f"{language}.po").open("rb") as data:
        return read_po(data, locale=language)


def _template() -> Catalog:
    return read_po(io.BytesIO(TEMPLATE.read_bytes()))


def test_the_message_template_is_what_the_templates_and_code_mark() -> None:
    # Run `python packages/render/tests/catalogues.py` after changing a theme word.
    assert TEMPLATE.read_text(encoding="utf-8") == pot_text(extracted())


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_every_shipped_language_translates_every_message_and_no_other(language: str) -> None:
    catalog = _catalogue(language)
    wanted = {english(message)[0] for message in _template() if message.id}
    have = {english(message)[0] for message in catalog if message.id}
    assert have == wanted
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{language}: {message.id!r} is untranslated"
        assert not message.fuzzy, f"{language}: {message.id!r} is fuzzy"
        if message.pluralizable:
            assert len(forms) == catalog.num_plurals, f"{language}: {message.id!r}"


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_translations_keep_the_placeholders_and_markup_of_the_english(language: str) -> None:
    for message in _catalogue(language):
        if not message.id:
            continue
        texts = english(message)
        wanted = frozenset().union(*(placeholders(text) for text in texts))
        markup = sorted(_TAG.findall(texts[0]))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            assert placeholders(form) == wanted, f"{language}: {form!r} for {texts[0]!r}"
            assert not has_stray_percent(form), f"{language}: {form!r}"
            assert sorted(_TAG.findall(form)) == markup, f"{language}: {form!r}"


def test_french_plurals_follow_french_rules_and_japanese_has_one_form() -> None:
    french = ThemeStrings.for_site("fr", {})
    # French takes the singular for 0 and 1.
    assert [french.ngettext("%(num)d post", "%(num)d posts", n) for n in (0, 1, 2)] == [
        "%(num)d article",
        "%(num)d article",
        "%(num)d articles",
    ]
    japanese = ThemeStrings.for_site("ja", {})
    assert {japanese.ngettext("%(num)d post", "%(num)d posts", n) for n in (1, 2)} == {
        "%(num)d件の記事"
    }
    german = ThemeStrings.for_site("de-AT", {})
    assert german.ngettext("%(num)d post", "%(num)d posts", 0) == "%(num)d Beiträge"
    assert german.gettext("Tags") == "Schlagwörter"


def test_a_language_without_catalogue_gets_english_words() -> None:
    portuguese = ThemeStrings.for_site("pt-BR", {})
    assert portuguese.gettext("Tags") == "Tags"
    assert portuguese.ngettext("%(num)d post", "%(num)d posts", 2) == "%(num)d posts"
    assert str(portuguese.locale) == "pt_BR"


def test_site_strings_win_over_the_catalogue_with_plural_forms_by_cldr_category() -> None:
    strings = ThemeStrings.for_site(
        "fr",
        {
            "Tags": "Sujets",
            "%(num)d min read": {"one": "%(num)d minute", "other": "%(num)d minutes"},
            "%(num)d post": "%(num)d billet(s)",
        },
    )
    assert strings.gettext("Tags") == "Sujets"
    assert strings.gettext("Archive") == "Archives"  # not overridden: the catalogue's
    assert strings.ngettext("%(num)d min read", "%(num)d min read", 1) == "%(num)d minute"
    assert strings.ngettext("%(num)d min read", "%(num)d min read", 0) == "%(num)d minute"
    assert strings.ngettext("%(num)d min read", "%(num)d min read", 7) == "%(num)d minutes"
    assert strings.ngettext("%(num)d post", "%(num)d posts", 7) == "%(num)d billet(s)"


def _problems(language: str, strings: dict[str, Any] | None = None) -> list[ContentError]:
    lines = {"language": 3, "strings.Tgas": 9}
    return language_problems(language, strings or {}, "site/octavo.toml", lines.get)


def test_a_shipped_language_and_good_strings_are_no_problem() -> None:
    assert _problems("fr") == []
    assert (
        _problems("fr-CA", {"Tags": "Mots-clés", "%(num)d post": {"one": "x", "other": "y"}}) == []
    )
    assert _problems("ja", {"(updated %(date)s)": "（%(date)s に更新）"}) == []


def test_an_unknown_locale_is_an_error_at_the_language_key_with_a_guess() -> None:
    (problem,) = _problems("fr-XX-nope")
    assert problem.is_error
    assert (problem.path, problem.line, problem.field) == ("site/octavo.toml", 3, "language")
    assert "'fr-XX-nope'" in problem.message
    assert problem.hint is not None
    (problem,) = _problems("zz")
    assert problem.is_error and problem.field == "language"


def test_a_language_without_catalogue_is_a_warning_naming_the_shipped_ones() -> None:
    (problem,) = _problems("pt-BR")
    assert problem.severity == "warning"
    assert "'pt-BR'" in problem.message and "Portuguese" in problem.message
    assert problem.expected == "one of de, en, es, fr, ja"


def test_a_string_that_is_no_theme_word_is_an_error_with_a_guess() -> None:
    (problem,) = _problems("fr", {"Tgas": "Sujets"})
    assert problem.is_error
    assert (problem.field, problem.line) == ("strings.Tgas", 9)
    assert problem.hint == 'did you mean "Tags"?'


def test_wrong_plural_forms_and_placeholders_are_errors() -> None:
    (table,) = _problems("fr", {"Tags": {"one": "Sujet", "other": "Sujets"}})
    assert "plural forms for a message that has none" in table.message
    (few,) = _problems("fr", {"%(num)d post": {"few": "x", "other": "y"}})
    assert few.expected == "the forms one, many, other (other is required)"
    (other,) = _problems("ja", {"%(num)d post": {"one": "x"}})
    assert "other is required" in str(other.expected)
    (percent,) = _problems("fr", {"Tags": "Sujets à 100 %"})
    assert percent.is_error and percent.hint == "write 'Sujets à 100 %%'"
    assert _problems("fr", {"Tags": "Sujets à 100 %%"}) == []
    (extra,) = _problems("fr", {"Tag: %(name)s": "Sujet : %(nom)s"})
    assert "%(nom)s" in extra.message and extra.expected == "placeholders among: %(name)s"


@pytest.fixture
def french(posts: list[Post], renderer_for: Callable[..., Renderer]) -> Renderer:
    return renderer_for(language="fr", per_page=1)


def test_a_french_renderer_prints_french_words_and_dates(
    french: Renderer, posts: list[Post], read: Read
) -> None:
    page = read(french.post_page(posts[0], newer=None, older=posts[1]))
    text = " ".join(page.text_of("main"))
    assert "1 mai 2024" in text
    assert "(mis à jour le 2 juin 2024)" in text
    assert "Plus ancien" in text and "Older" not in text
    assert page.text_of("a")[0] == "Aller au contenu"
    assert [link for link in page.text_of("a") if link in {"Accueil", "Étiquettes", "Archives"}]
    # Machine dates stay as they are.
    assert page.attrs_of("time")[0] == {"datetime": "2024-05-01"}


def test_a_french_feed_keeps_english_rfc_822_dates(french: Renderer, posts: list[Post]) -> None:
    feed = french.site_feed(posts, "rss").decode()
    assert "<pubDate>Wed, 01 May 2024 00:00:00 +0000</pubDate>" in feed
    assert "<language>fr</language>" in feed


def test_site_strings_reach_the_page_escaped_where_they_are_values(
    renderer_for: Callable[..., Renderer], posts: list[Post], read: Read
) -> None:
    renderer = renderer_for(
        language="fr",
        strings={"%(num)d min read": {"one": "%(num)d minute", "other": "%(num)d minutes"}},
    )
    one = make_post("short", "A <b>bold</b> title", datetime(2024, 1, 2, tzinfo=UTC))
    page = read(renderer.post_page(one, newer=None, older=None))
    assert "1 minute" in " ".join(page.text_of("p"))
    assert page.text_of("h1") == ["A <b>bold</b> title"]


def test_a_percent_sign_is_written_twice_in_code_and_templates_alike(
    renderer_for: Callable[..., Renderer], posts: list[Post], read: Read
) -> None:
    renderer = renderer_for(strings={"Tags": "Tags (100 %%)", "Archive": "Archive at 100%%"})
    page = read(renderer.tags_page())
    assert "Tags (100 %)" in page.text_of("a")  # the navigation, from the renderer's code
    assert page.text_of("h1") == ["Tags (100 %)"]  # the heading, from the template
    assert "Archive at 100%" in page.text_of("a")
