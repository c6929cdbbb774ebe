"""Characters XML 1.0 does not allow: removed from everything a post holds, so feeds stay valid.

XML 1.0 allows tab, line feed, carriage return and U+0020 upwards, less the surrogates and
U+FFFE, U+FFFF. Any other character (a form feed or an escape pasted from a terminal, NUL), and
any character reference to one (`&#12;`), makes a feed ill-formed for every reader of it.
"""

from __future__ import annotations

import re
from typing import Any

from octavo_content import ContentError

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def is_xml_character(code: int) -> bool:
    """Given a code point, returns whether XML 1.0 allows it."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def without_illegal(text: str) -> str:
    """Given text, returns it without the characters XML does not allow."""
    return ILLEGAL.sub("", text)


def first_illegal(text: str) -> int | None:
    """Given text, returns the index of its first character XML does not allow, or None."""
    found = ILLEGAL.search(text)
    return found.start() if found else None


def first_illegal_reference(text: str) -> int | None:
    """Given text, returns the index of its first reference (`&#12;`) to such a character."""
    return next((match.start() for match in _REFERENCE.finditer(text) if not _allowed(match)), None)


def xml_safe_html(html: str) -> str:
    """Given HTML, returns it without illegal characters and references to them."""
    html = without_illegal(html)
    if "&#" not in html:
        return html
    return _REFERENCE.sub(lambda match: match.group(0) if _allowed(match) else "", html)


def illegal_problem(path: str, line: int, what: str) -> ContentError:
    """Given where illegal characters were found, returns the warning saying they were removed."""
    return ContentError(
        path=path,
        line=line,
        message=f"{what} XML does not allow were removed (the first is on this line)",
        expected="text without control characters other than tab and line breaks",
        hint="they are invisible leftovers of a paste, such as terminal colour codes: delete them",
        severity="warning",
    )


def cleaned(value: Any) -> Any:
    """Given loaded front matter, returns it with every text (keys too) XML-safe.

    Bytes (YAML's `!!binary`) become text, since front matter is text for templates.
    """
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        return without_illegal(value)
    if isinstance(value, dict):
        return {cleaned(key): cleaned(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(cleaned(item) for item in value)
    return value


def has_illegal(value: Any) -> bool:
    """Given loaded front matter, returns whether any text in it (keys too) is not XML-safe."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        return first_illegal(value) is not None
    if isinstance(value, dict):
        return any(has_illegal(key) or has_illegal(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(has_illegal(item) for item in value)
    return False


def _allowed(reference: re.Match[str]) -> bool:
    """Given a numeric character reference, returns whether it names a character XML allows."""
    hexadecimal, decimal = reference.groups()
    digits = (hexadecimal or decimal).lstrip("0") or "0"
    # Past 8 digits it is beyond U+10FFFF whatever it says (and int() of 5,000 digits fails).
    if len(digits) > 8:
        return False
    return is_xml_character(int(digits, 16) if hexadecimal else int(digits))
