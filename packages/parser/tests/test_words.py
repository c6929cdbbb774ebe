"""The words the parser writes into a post's HTML are in the site's language: callout titles
and the accessible names of self-links, table and formula boxes, task checkboxes and footnote
back-links. The catalogues are complete and in step with the code, and `[strings]` wins."""

from __future__ import annotations

import html
import io
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from parser_catalogues import LOCALES, TEMPLATE, extracted, pot_text

from octavo_content import SiteConfig
from octavo_parser import parse_post
from octavo_parser.words import SHIPPED_LANGUAGES, parser_messages, site_words

POST = """---
title: Words
date: 2024-05-01
---
> [!WARNING]
> Mind the step.

## First part

| a | b |
|---|---|
| 1 | 2 |

- [x] written
- [ ] proofread

One[^a], two[^a], three[^b].

```math
x^2
```

[^a]: Note A.
[^b]: Note B.
"""

NB = "\u00a0"
# Per language: the callout's title, then each accessible name in document order (the heading's
# self-link, the table's box, the two checkboxes, the formula's box, the back-links).
EXPECTED = {
    "en": (
        "Warning",
        [
            "Link to this section: First part",
            "Table",
            "Done",
            "Not done",
            "Formula",
            "Back to reference 1, mark 1 of 2",
            "Back to reference 1, mark 2 of 2",
            "Back to reference 2",
        ],
    ),
    "fr": (
        "Avertissement",
        [
            f"Lien vers cette section{NB}: First part",
            "Tableau",
            "Fait",
            "À faire",
            "Formule",
            "Retour à l’appel de note 1, renvoi 1 sur 2",
            "Retour à l’appel de note 1, renvoi 2 sur 2",
            "Retour à l’appel de note 2",
        ],
    ),
    "de": (
        "Warnung",
        [
            "Link zu diesem Abschnitt: First part",
            "Tabelle",
            "Erledigt",
            "Nicht erledigt",
            "Formel",
            "Zurück zum Verweis 1, Stelle 1 von 2",
            "Zurück zum Verweis 1, Stelle 2 von 2",
            "Zurück zum Verweis 2",
        ],
    ),
    "es": (
        "Advertencia",
        [
            "Enlace a esta sección: First part",
            "Tabla",
            "Hecho",
            "Pendiente",
            "Fórmula",
            "Volver a la referencia 1, llamada 1 de 2",
            "Volver a la referencia 1, llamada 2 de 2",
            "Volver a la referencia 2",
        ],
    ),
    "ja": (
        "警告",
        [
            "このセクションへのリンク：First part",
            "表",
            "完了",
            "未完了",
            "数式",
            "参照 1 の 1 か所目（全 2 か所）に戻る",
            "参照 1 の 2 か所目（全 2 か所）に戻る",
            "参照 2 に戻る",
        ],
    ),
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _config(language: str, **settings: object) -> SiteConfig:
    return SiteConfig(
        title="T",
        base_url="https://example.org/",
        timezone="Europe/Paris",
        language=language,
        **settings,
    )


def _words(page: str) -> tuple[list[str], list[str]]:
    """The callout titles and the aria-label values of a page's HTML, as text."""
    titles = re.findall(r'<p class="callout-title">([^<]*)</p>', page)
    labels = re.findall(r'aria-label="([^"]*)"', page)
    return [html.unescape(t) for t in titles], [html.unescape(label) for label in labels]


def _parsed(config: SiteConfig) -> tuple[str, str]:
    post = parse_post(POST.encode(), "content/words.md", config).post
    assert post is not None
    return post.body_html, post.list_html


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_post_says_its_words_in_the_site_language(language: str) -> None:
    title, labels = EXPECTED[language]
    body, listed = _parsed(_config(language))
    assert _words(body) == ([title], labels)
    # List pages show the post with the same words.
    assert _words(listed) == ([title], labels)


def test_every_callout_kind_has_its_title_in_french() -> None:
    kinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
    text = "---\ntitle: K\ndate: 2024-05-01\n---\n" + "".join(
        f"> [!{kind}]\n> Text.\n\n" for kind in kinds
    )
    post = parse_post(text.encode(), "content/k.md", _config("fr")).post
    assert post is not None
    titles, _ = _words(post.body_html)
    assert titles == ["Remarque", "Conseil", "Important", "Avertissement", "Attention"]


def test_a_region_falls_back_to_its_language_and_an_unknown_one_to_english() -> None:
    assert _parsed(_config("fr-CA")) == _parsed(_config("fr"))
    assert _words(_parsed(_config("pt-BR"))[0]) == (["Warning"], EXPECTED["en"][1])


def test_site_strings_win_over_the_catalogue_and_are_escaped() -> None:
    strings = {
        "Warning": "Gare <à vous>",
        "Back to reference %(number)d, mark %(mark)d of %(marks)d": {
            "one": "Appel %(mark)d (seul)",
            "other": "Appel %(mark)d/%(marks)d",
        },
        "Tags": "Sujets",  # the theme's word: nothing the parser writes
    }
    body, _ = _parsed(_config("fr", strings=strings))
    titles, labels = _words(body)
    assert titles == ["Gare <à vous>"]
    assert "Gare &lt;à vous&gt;" in body
    assert labels[5:] == ["Appel 1/2", "Appel 2/2", "Retour à l’appel de note 2"]
    assert labels[:2] == [f"Lien vers cette section{NB}: First part", "Tableau"]


def test_a_site_words_are_made_once_per_language_and_strings() -> None:
    assert site_words(_config("fr")) is site_words(_config("fr"))
    assert site_words(_config("fr", strings={"Tags": "Sujets"})) is site_words(_config("fr"))
    assert site_words(_config("fr", strings={"Note": "NB"})) is not site_words(_config("fr"))


# The catalogues.


def _catalogue(language: str) -> Catalog:
    with (LOCALES / f"{language}.po").open("rb") as data:
        return read_po(data, locale=language)


def _english(message: object) -> tuple[str, ...]:
    ident = getattr(message, "id")  # noqa: B009 (Message.id is str | tuple)
    return (ident,) if isinstance(ident, str) else tuple(ident)


def test_the_message_template_is_what_the_code_marks() -> None:
    # Run `python packages/parser/tests/parser_catalogues.py` after changing a word.
    assert TEMPLATE.read_text(encoding="utf-8") == pot_text(extracted())


def test_a_catalogue_ships_for_each_language_the_theme_ships() -> None:
    assert sorted(path.stem for path in LOCALES.glob("*.po")) == list(SHIPPED_LANGUAGES)


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_every_shipped_language_translates_every_message_and_no_other(language: str) -> None:
    catalog = _catalogue(language)
    template = read_po(io.BytesIO(TEMPLATE.read_bytes()))
    wanted = {_english(message)[0] for message in template if message.id}
    assert wanted == set(parser_messages())
    have = {_english(message)[0] for message in catalog if message.id}
    assert have == wanted
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{language}: {message.id!r} is untranslated"
        assert not message.fuzzy, f"{language}: {message.id!r} is fuzzy"
        if message.pluralizable:
            assert len(forms) == catalog.num_plurals, f"{language}: {message.id!r}"
        wanted_names = set().union(*(_PLACEHOLDER.findall(text) for text in _english(message)))
        for form in forms:
            assert set(_PLACEHOLDER.findall(form)) == wanted_names, f"{language}: {form!r}"
            assert "%" not in _PLACEHOLDER.sub("", form), f"{language}: {form!r}"


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_back_link_name_holds_the_mark_it_shows_outside_parentheses(language: str) -> None:
    # The link shows ↩2; a name without that 2 (axe drops text in parentheses when it compares,
    # label-content-name-mismatch) would not match what a speech-input user says.
    body, _ = _parsed(_config(language))
    links = re.findall(r'class="footnote" aria-label="([^"]*)">&#8617;<sup>(\d+)</sup>', body)
    assert links
    for name, shown in links:
        outside = re.sub(r"[(（][^()（）]*[)）]", " ", html.unescape(name))
        assert re.search(rf"(?<!\d){shown}(?!\d)", outside), f"{language}: {name!r}"
