"""What `[strings]` means for any word Octavo writes: the site's override, else the shipped
translation, else the English text.

The parser (callout titles, accessible names) and the theme (every template's words) each ship
their own gettext catalogues, read with Babel, and look their words up by this one rule. It
lives beside `SiteConfig.strings`, whose values it reads, and needs no Babel itself: it is given
a catalogue and a locale that behave as Babel's do.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from typing import Protocol

# A `[strings]` value: text, or plural forms by CLDR category (`one`, `few`, `other`...).
Override = str | Mapping[str, str]


class Translation(Protocol):
    """One message of a catalogue (Babel's `Message`): its text, or its plural forms."""

    @property
    def string(self) -> object: ...


class Catalogue(Protocol):
    """A language's catalogue (Babel's `Catalog`): its messages by English msgid, and the
    gettext expression that picks a plural form for a count."""

    @property
    def plural_expr(self) -> str: ...

    def get(self, id: str) -> Translation | None: ...


class PluralRule(Protocol):
    """What a locale says of a count's plural form (Babel's `Locale.plural_form`)."""

    def __call__(self, n: int) -> str: ...


class Locale(Protocol):
    """A language (Babel's `Locale`), as far as these words need it."""

    @property
    def plural_form(self) -> PluralRule: ...


class Messages:
    """The words of one package in one language: the site's override, else the shipped
    translation, else the English msgid. Results are text to escape where they are written."""

    def __init__(
        self, locale: Locale, catalog: Catalogue | None, overrides: Mapping[str, Override]
    ) -> None:
        self.locale = locale
        self._catalog = catalog
        self._overrides = overrides
        expression = catalog.plural_expr if catalog is not None else "(n != 1)"
        self._plural_index: Callable[[int], int] = gettext.c2py(expression)

    def gettext(self, message: str) -> str:
        """Given an English msgid, returns it in the site's language."""
        override = self._overrides.get(message)
        if isinstance(override, str):
            return override
        if override is not None:
            return override.get("other", message)
        found = self._catalog.get(message) if self._catalog is not None else None
        if found is not None and isinstance(found.string, str) and found.string:
            return found.string
        return message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """Given an English plural message and a count, returns the form the count takes."""
        override = self._overrides.get(singular)
        if isinstance(override, str):
            return override
        if override is not None:
            category = self.locale.plural_form(count)
            return override.get(category, override.get("other", plural))
        found = self._catalog.get(singular) if self._catalog is not None else None
        if found is not None and isinstance(found.string, tuple) and all(found.string):
            forms = found.string
            return str(forms[min(self._plural_index(count), len(forms) - 1)])
        return singular if count == 1 else plural
