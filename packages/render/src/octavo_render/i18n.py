"""The theme's words in the site's language: gettext catalogues read with Babel, the site's
own `[strings]` over them, and the checks `octavo.toml` gets for both.

The catalogues are `locales/<language>.po` files beside this module, made from
`locales/messages.pot` (what the templates and this package's code mark for translation). They
are read as they ship, with Babel, when a renderer is made: no compiled `.mo` to build or keep in
step, and one language's file is a few milliseconds to read.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Mapping
from importlib.resources import files

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from octavo_content import ContentError, Messages, Override

# The languages whose catalogue ships with the theme.
SHIPPED_LANGUAGES = ("de", "en", "es", "fr", "ja")
LOCALES = "locales"
TEMPLATE_CATALOGUE = "messages.pot"
# The CLDR plural categories an override of a plural message may name (Hugo's i18n files name
# the same ones); `other` is the one every language has.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def placeholders(text: str) -> frozenset[str]:
    """Given a message, returns the names of its `%(name)s` placeholders."""
    return frozenset(_PLACEHOLDER.findall(text))


def has_stray_percent(text: str) -> bool:
    """Given a message, returns whether it has a `%` that is neither a placeholder nor `%%`
    (formatting it would fail)."""
    return "%" in re.sub(r"%\(\w+\)[sd]|%%", "", text)


def site_locale(language: str) -> Locale | None:
    """Given a language tag (`fr`, `fr-CA`, `pt-BR`), returns Babel's locale, or None when Babel
    knows no such locale."""
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def _read(name: str, locale: str | None = None) -> Catalog | None:
    resource = files("octavo_render") / LOCALES / name
    if not resource.is_file():
        return None
    with resource.open("rb") as data:
        return read_po(data, locale=locale)


@functools.cache
def theme_messages() -> Mapping[str, Message]:
    """Returns every message the theme shows, by its English msgid (the singular of a plural)."""
    catalog = _read(TEMPLATE_CATALOGUE)
    assert catalog is not None, "the theme's messages.pot ships with the package"
    return {english(message)[0]: message for message in catalog if message.id}


def english(message: Message) -> tuple[str, ...]:
    """Given a catalogue's message, returns its English text: one, or singular and plural."""
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


@functools.cache
def shipped_catalogue(locale: Locale) -> Catalog | None:
    """Given a locale, returns its shipped catalogue (`fr_CA`, else `fr`), or None."""
    for name in dict.fromkeys((str(locale), locale.language)):
        catalog = _read(f"{name.replace('_', '-')}.po", name)
        if catalog is not None:
            return catalog
    return None


class ThemeStrings(Messages):
    """The theme's words in one language, as jinja2's i18n extension and the renderer ask for
    them (`gettext`, `ngettext`: see `octavo_content.Messages`)."""

    @classmethod
    def for_site(cls, language: str, overrides: Mapping[str, Override]) -> ThemeStrings:
        """Given the site's language and `[strings]`, returns its words. A language Babel does
        not know gets English (the config check reports it before anything renders)."""
        locale = site_locale(language) or Locale("en")
        return cls(locale, shipped_catalogue(locale), overrides)

    def text(self, message: str, **values: object) -> str:
        """Given an English msgid and its placeholders' values, returns the text to print, as
        templates' `_()` gives it (`%%` is a percent sign)."""
        return self.gettext(message) % values


def language_problems(
    language: str,
    overrides: Mapping[str, Override],
    path: str,
    line_of: Callable[[str], int | None],
    other_messages: Mapping[str, Message] | None = None,
) -> list[ContentError]:
    """Given the site's language, its `[strings]`, the config's path and the line of a key,
    returns what is wrong with them: errors, and a warning when no catalogue ships for the
    language. `other_messages` are words `[strings]` may also override, by English msgid (the
    parser's, which the builder passes: the renderer does not know the parser)."""
    locale = site_locale(language)
    if locale is None:
        known = sorted(identifier.replace("_", "-") for identifier in locale_identifiers())
        close = difflib.get_close_matches(language, known, n=1)
        return [
            ContentError(
                path=path,
                line=line_of("language"),
                field="language",
                message=f"{language!r} is not a locale Octavo knows (from Unicode's CLDR)",
                expected='a language tag such as "fr", "fr-CA", "ja" or "pt-BR"',
                hint=f'did you mean "{close[0]}"?' if close else "check the tag's spelling",
            )
        ]
    problems: list[ContentError] = []
    if shipped_catalogue(locale) is None:
        problems.append(
            ContentError(
                path=path,
                line=line_of("language"),
                field="language",
                severity="warning",
                message=f"the theme has no catalogue for {language!r}: its words stay English,"
                f" dates are in {locale.english_name}",
                expected="one of " + ", ".join(SHIPPED_LANGUAGES),
                hint="translate the theme's words under [strings], or add a catalogue"
                " (octavo_render's README says how)",
            )
        )
    for key, value in overrides.items():
        problem = _override_problem(key, value, locale, other_messages or {})
        if problem is not None:
            field = f"strings.{key}"
            problems.append(problem.model_copy(update={"path": path, "line": line_of(field)}))
    return problems


def _override_problem(
    key: str, value: Override, locale: Locale, other_messages: Mapping[str, Message]
) -> ContentError | None:
    """Given one `[strings]` entry, the site's locale and the words besides the theme's it may
    override, returns what is wrong with it."""
    messages = {**other_messages, **theme_messages()}
    field = f"strings.{key}"
    message = messages.get(key)
    if message is None:
        close = difflib.get_close_matches(key, list(messages), n=1, cutoff=0.5)
        return ContentError(
            path="",
            field=field,
            message=f"{key!r} is not a word of the theme",
            expected="the English text of a theme message, as messages.pot writes it",
            hint=f'did you mean "{close[0]}"?'
            if close
            else "see octavo_render/locales/messages.pot",
        )
    allowed = frozenset().union(*(placeholders(text) for text in english(message)))
    forms: Mapping[str, str]
    if isinstance(value, str):
        forms = {"other": value}
    elif not message.pluralizable:
        return ContentError(
            path="",
            field=field,
            message="a table of plural forms for a message that has none",
            expected="text",
            hint=f'write  "{key}" = "..."',
        )
    else:
        forms = value
        categories = sorted(locale.plural_form.tags | {"other"}, key=PLURAL_CATEGORIES.index)
        unknown = [name for name in forms if name not in categories]
        if unknown or "other" not in forms:
            return ContentError(
                path="",
                field=field,
                message=f"plural forms {', '.join(sorted(forms))} for {locale.english_name}",
                expected=f"the forms {', '.join(categories)} (other is required)",
                hint="or one text for every count",
            )
    for text in forms.values():
        if has_stray_percent(text):
            return ContentError(
                path="",
                field=field,
                message=f"{text!r} has a % sign of its own",
                expected="%% for a percent sign, %(name)s for a placeholder",
                hint=f"write {text.replace('%', '%%')!r}" if not placeholders(text) else None,
            )
        extra = placeholders(text) - allowed
        if extra:
            names = ", ".join(f"%({name})s" for name in sorted(extra))
            known = ", ".join(f"%({name})s" for name in sorted(allowed)) or "none"
            return ContentError(
                path="",
                field=field,
                message=f"{names} is not a placeholder of this message",
                expected=f"placeholders among: {known}",
                hint="placeholders keep the English names; write %% for a percent sign",
            )
    return None


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Marks a message for the catalogues where it is written; it is translated where printed."""
    return message
