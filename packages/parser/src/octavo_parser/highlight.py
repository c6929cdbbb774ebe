"""Code highlighting: fenced code in a language Pygments knows becomes CSS-classed spans."""

from __future__ import annotations

from functools import lru_cache

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# CSS classes only (no inline styles), so a theme's stylesheet decides the colours.
_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


# A post's code is rendered twice (its page and list pages) from the same tokens; highlighting
# is the costliest step of a render, so the second rendering reuses the first's result.
@lru_cache(maxsize=64)
def highlighted_code(code: str, info: str | None) -> str | None:
    """Given code and its info string, returns highlighted HTML, or None for an unknown language."""
    lexer = _lexer(info)
    if lexer is None:
        return None
    return highlight(code, lexer, _FORMATTER)


def _lexer(info: str | None) -> Lexer | None:
    """Given an info string such as `python title=x`, returns its first word's lexer, if any."""
    words = (info or "").split()
    if not words:
        return None
    return language_lexer(words[0])


@lru_cache(maxsize=128)
def language_lexer(language: str | None) -> Lexer | None:
    """Given a language name such as `python`, returns its lexer, or None if Pygments has none."""
    if not language:
        return None
    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None
