"""The words the parser writes into a post's HTML (callout titles, accessible names), in the
site's language: gettext catalogues read with Babel, the site's `[strings]` over them.

The catalogues are `locales/<language>.po` beside this module, made from `locales/messages.pot`
(what this package's code marks: `N_()`, `Words.gettext()`, `Words.ngettext()`). They are read
as they ship, once per language per process; a `Words` is made once per language and overrides,
and so is the Markdown that holds it (`markdown.markdown_for`): parsing a post costs no more.
The parser keeps a catalogue of its own, so it needs nothing of the renderer (data flows one way).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib.resources import files

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from octavo_content import Messages, SiteConfig

# The languages whose catalogue ships with the parser (those the theme ships).
SHIPPED_LANGUAGES = ("de", "en", "es", "fr", "ja")
LOCALES = "locales"
TEMPLATE_CATALOGUE = "messages.pot"

# A `[strings]` value, hashable, so that a site's words are made once.
_FrozenOverride = str | tuple[tuple[str, str], ...]


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Marks a message for the catalogue where it is written; it is translated where printed."""
    return message


def _read(name: str, locale: str | None = None) -> Catalog | None:
    resource = files("octavo_parser") / LOCALES / name
    if not resource.is_file():
        return None
    with resource.open("rb") as data:
        return read_po(data, locale=locale)


@functools.cache
def parser_messages() -> Mapping[str, Message]:
    """Returns every message the parser writes into HTML, by its English msgid (the singular of
    a plural): the keys `[strings]` may override besides the theme's."""
    catalog = _read(TEMPLATE_CATALOGUE)
    assert catalog is not None, "the parser's messages.pot ships with the package"
    return {_singular(message): message for message in catalog if message.id}


def _singular(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


@functools.cache
def _catalogue(locale: Locale) -> Catalog | None:
    """Given a locale, returns its shipped catalogue (`fr_CA`, else `fr`), or None."""
    for name in dict.fromkeys((str(locale), locale.language)):
        catalog = _read(f"{name.replace('_', '-')}.po", name)
        if catalog is not None:
            return catalog
    return None


def _locale(language: str) -> Locale:
    """Given a language tag, returns Babel's locale; English for a tag Babel does not know (the
    builder's config check reports it)."""
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale("en")


class Words(Messages):
    """The parser's words in one language (see `octavo_content.Messages`)."""


@functools.cache
def words_for(language: str, overrides: tuple[tuple[str, _FrozenOverride], ...] = ()) -> Words:
    """Given a language tag and the site's overrides of the parser's words, returns its words:
    one object per language and overrides in a process. `fr-CA` reads `fr.po`; a language with
    no catalogue gets English."""
    locale = _locale(language)
    table = {key: value if isinstance(value, str) else dict(value) for key, value in overrides}
    return Words(locale, _catalogue(locale), table)


ENGLISH = words_for("en", ())


def site_words(config: SiteConfig) -> Words:
    """Given the site's config, returns the parser's words in its language with its `[strings]`
    (only those that are the parser's; the others are the theme's)."""
    if not config.strings:
        return words_for(config.language, ())
    ours = parser_messages()
    overrides = tuple(
        (key, value if isinstance(value, str) else tuple(sorted(value.items())))
        for key, value in sorted(config.strings.items())
        if key in ours
    )
    return words_for(config.language, overrides)


def words_of(renderer: object) -> Words:
    """Given a mistune renderer, returns the words it writes (English for one not Octavo's)."""
    words = getattr(renderer, "words", None)
    return words if isinstance(words, Words) else ENGLISH
