"""`Messages`: the one rule by which the parser's and the theme's words are looked up (the site's
override, else the translation, else the English). The packages test it with their Babel
catalogues; here it gets stand-ins shaped as Babel's, so that this package needs no Babel."""

from __future__ import annotations

from dataclasses import dataclass

from octavo_content import Messages


@dataclass
class Entry:
    string: str | tuple[str, ...]


@dataclass
class Catalogue:
    entries: dict[str, Entry]
    # Polish-like: one, few (2-4), many.
    plural_expr: str = "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"

    def get(self, id: str) -> Entry | None:
        return self.entries.get(id)


class Polish:
    @staticmethod
    def plural_form(n: int) -> str:
        if n == 1:
            return "one"
        return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"


POLISH = Catalogue(
    {
        "Tags": Entry("Tagi"),
        "Untranslated": Entry(""),
        "%(count)s post": Entry(("%(count)s wpis", "%(count)s wpisy", "%(count)s wpisów")),
        "Half done": Entry(("forma", "")),
    }
)


def test_the_translation_else_the_english() -> None:
    words = Messages(Polish(), POLISH, {})
    assert words.gettext("Tags") == "Tagi"
    assert words.gettext("Untranslated") == "Untranslated"
    assert words.gettext("Not in the catalogue") == "Not in the catalogue"


def test_a_plural_form_is_chosen_by_the_catalogues_rule() -> None:
    words = Messages(Polish(), POLISH, {})
    forms = [words.ngettext("%(count)s post", "%(count)s posts", n) for n in (1, 3, 5, 22)]
    assert forms == ["%(count)s wpis", "%(count)s wpisy", "%(count)s wpisów", "%(count)s wpisy"]
    # A plural message with a form missing is not half translated: English, by English's rule.
    assert words.ngettext("Half done", "Halves done", 1) == "Half done"
    assert words.ngettext("Half done", "Halves done", 2) == "Halves done"


def test_the_sites_override_comes_first_and_plural_forms_go_by_the_locales_category() -> None:
    overrides = {
        "Tags": "Etykiety",
        "%(count)s post": {"one": "jeden wpis", "few": "%(count)s wpisy", "other": "wpisy"},
    }
    words = Messages(Polish(), POLISH, overrides)
    assert words.gettext("Tags") == "Etykiety"
    forms = [words.ngettext("%(count)s post", "%(count)s posts", n) for n in (1, 3, 5)]
    assert forms == ["jeden wpis", "%(count)s wpisy", "wpisy"]  # "many" not given: "other"
    # An override given as one text stands for every count.
    assert (
        Messages(Polish(), POLISH, {"%(count)s post": "wpisy"}).ngettext("%(count)s post", "p", 1)
        == "wpisy"
    )


def test_without_a_catalogue_the_english_by_its_own_rule() -> None:
    words = Messages(Polish(), None, {})
    assert words.gettext("Tags") == "Tags"
    assert words.ngettext("post", "posts", 1) == "post"
    assert words.ngettext("post", "posts", 0) == "posts"
