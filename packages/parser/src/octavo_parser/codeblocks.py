"""Code block options, as Hugo writes them: ```` ```python {hl_lines=[2,"4-5"], linenos=true} ````.

Options follow the language in the fence's info string, in braces or not, separated by commas or
spaces:
- `hl_lines`: lines to highlight, counted from 1: `[2,"4-5"]`, `[2,4-5]` or `"2 4-5"`; each
  highlighted line is a `<span class="hll">` (Pygments' own mark);
- `linenos`: `true` (or Hugo's `table`, `inline`) numbers the lines; the numbers are hidden from
  screen readers and from copying, as they are not part of the code;
- `title`: a caption, `title="app.py"`: the block becomes a `<figure>` whose `<figcaption>`
  comes first, so it is read before the code.
Anything else is a warning at the fence's line (`code_option_problems`), never silence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer

from octavo_content import ContentError
from octavo_parser.highlight import language_lexer
from octavo_parser.tokens import Token, walk

KNOWN = ("hl_lines", "linenos", "title")
_OPTION = re.compile(
    r"""(?P<key>[A-Za-z_][\w-]*)\s*=\s*"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|\[[^\]]*\]|[^\s,}\]]+)"""
)
# Braces are read as separators: `{a=1} b=2` and `{a=1 b=2}` are the same options.
_SEPARATORS = re.compile(r"[\s,{}]*")
# Nine digits at most: a longer number is no line, and would be slow to convert.
_RANGE = re.compile(r"^(\d{1,9})(?:-(\d{1,9}))?$")
_MOST_LINES = 100_000
# A fence with something after its first word: the only kind that may hold options.
_MAYBE_OPTIONS = re.compile(r"(?:`{3,}|~{3,})[ \t]*(?:[^\s{]*[ \t{]|\{)[ \t]*[^\s]")
_TRUE = frozenset({"true", "table", "inline"})
_FALSE = frozenset({"false"})
_KEYS = "one of " + ", ".join(KNOWN)
_PAIRS = "options written key=value, such as linenos=true"
_LINES = 'line numbers and ranges, such as [2,"4-5"]'
_HINT = 'write options as Hugo does: ```python {hl_lines=[2,"4-5"], linenos=true, title="app.py"}'


@dataclass(frozen=True)
class CodeOptions:
    """What a fence's info string asks for, and what in it was not understood."""

    language: str | None
    # True when the info string has anything after the language.
    given: bool = False
    hl_lines: tuple[int, ...] = ()
    linenos: bool = False
    title: str | None = None
    # Each option not understood: what is wrong, and what was expected.
    problems: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=128)
def code_options(info: str | None) -> CodeOptions:
    """Given a fence's info string, returns its language and options."""
    text = (info or "").strip()
    language, rest = _language(text)
    if not rest:
        return CodeOptions(language)
    found: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    position = 0
    while position < len(rest):
        skipped = _SEPARATORS.match(rest, position)
        assert skipped is not None  # it matches the empty string
        position = skipped.end()
        if position >= len(rest):
            break
        match = _OPTION.match(rest, position)
        if match is None:
            word = re.match(r"[^\s,{}]+", rest[position:])
            assert word is not None  # the separators are skipped
            problems.append((f"unreadable code block option `{word.group()}`", _PAIRS))
            position += word.end()
            continue
        key, value = match.group("key"), match.group("value")
        if key in KNOWN:
            found[key] = value
        else:
            problems.append((f"unknown code block option `{key}`", _KEYS))
        position = match.end()
    lines, lines_problems = _lines(found.get("hl_lines"))
    linenos, linenos_problems = _switch(found.get("linenos"))
    title = _unquoted(found["title"]) if "title" in found else None
    return CodeOptions(
        language=language,
        given=True,
        hl_lines=lines,
        linenos=linenos,
        title=title or None,
        problems=(*problems, *lines_problems, *linenos_problems),
    )


def _language(text: str) -> tuple[str | None, str]:
    """Given an info string, returns its language (its first word, unless an option), the rest."""
    if not text or text.startswith("{") or re.match(r"^[\w-]+\s*=", text):
        return None, text
    brace = text.find("{")
    words = text.split(None, 1)
    if 0 < brace < len(words[0]):  # python{linenos=true}
        return text[:brace], text[brace:].strip()
    return words[0], words[1].strip() if len(words) > 1 else ""


def _unquoted(value: str) -> str:
    """Given an option's value as written, returns it without its quotes."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        rest = value[1:-1]
        return re.sub(r"\\(.)", r"\1", rest) if value[0] == '"' else rest
    return value


def _lines(value: str | None) -> tuple[tuple[int, ...], list[tuple[str, str]]]:
    """Given `hl_lines` as written, returns the line numbers and what in it was not understood."""
    if value is None:
        return (), []
    text = value[1:-1] if value.startswith("[") and value.endswith("]") else _unquoted(value)
    lines: set[int] = set()
    problems: list[tuple[str, str]] = []
    for item in re.split(r"[\s,]+", text.strip()):
        if not item:
            continue
        written = _unquoted(item)
        match = _RANGE.match(written)
        first = int(match.group(1)) if match else 0
        last = int(match.group(2) or first) if match else 0
        if match is None or first < 1 or last < first:
            problems.append((f"`hl_lines` item `{item}` is not a line or range", _LINES))
            continue
        lines.update(range(first, min(last, first + _MOST_LINES) + 1))
    return tuple(sorted(lines)), problems


def _switch(value: str | None) -> tuple[bool, list[tuple[str, str]]]:
    """Given `linenos` as written, returns whether lines are numbered, and any problem."""
    if value is None:
        return False, []
    word = _unquoted(value).lower()
    if word in _TRUE:
        return True, []
    if word in _FALSE:
        return False, []
    return False, [(f"`linenos` is `{value}`", "true or false")]


@lru_cache(maxsize=64)
def optioned_code(code: str, info: str | None) -> str | None:
    """Given code and an info string with options, returns its HTML; None without options.

    The code is highlighted in its language, or as plain text when Pygments does not know it,
    so that line marks and numbers work in any block.
    """
    options = code_options(info)
    if not options.given:
        return None
    lexer = language_lexer(options.language) or TextLexer()
    formatter = HtmlFormatter(
        cssclass="highlight",
        wrapcode=True,
        hl_lines=list(options.hl_lines),
        linenos="inline" if options.linenos else False,
    )
    result = highlight(code, lexer, formatter)
    # Line numbers are not code: screen readers skip them, and the stylesheet keeps them out of
    # a selection.
    result = result.replace('<span class="linenos">', '<span class="linenos" aria-hidden="true">')
    if options.title is None:
        return result
    caption = html.escape(options.title, quote=False)
    return f'<figure class="code-figure">\n<figcaption>{caption}</figcaption>\n{result}</figure>\n'


def code_option_problems(
    tokens: list[Token], markdown: str, path: str, first_line: int
) -> list[ContentError]:
    """Given a body's tokens and source, returns a warning per option not understood, at its
    fence's line."""
    return [
        ContentError(
            path=path,
            line=line,
            field="code block",
            message=message,
            expected=expected,
            hint=_HINT,
            severity="warning",
        )
        for (message, expected), line in _located(tokens, markdown, first_line)
    ]


def _may_hold_options(markdown: str) -> bool:
    """Given a body, says whether a fence in it has something after its first word."""
    # str.find to each fence, then the pattern on its line: a search of the whole body with the
    # pattern cost a cold build 2% of its parse time.
    for fence in ("```", "~~~"):
        start = markdown.find(fence)
        while start >= 0:
            end = markdown.find("\n", start)
            if _MAYBE_OPTIONS.match(markdown, start, len(markdown) if end < 0 else end):
                return True
            start = -1 if end < 0 else markdown.find(fence, end)
    return False


def _located(
    tokens: list[Token], markdown: str, first_line: int
) -> Iterator[tuple[tuple[str, str], int | None]]:
    """Given a body's tokens and source, returns each option problem with its file line."""
    if not _may_hold_options(markdown):  # most bodies: no walk through their tokens
        return
    lines = markdown.split("\n")
    searched = 0
    for token in walk(tokens):
        if token["type"] != "block_code":
            continue
        info = (token.get("attrs") or {}).get("info")
        options = code_options(info)
        problems = list(options.problems)
        count = token.get("raw", "").rstrip("\n").count("\n") + 1
        past = [number for number in options.hl_lines if number > count]
        if past:
            problems.append(
                (f"`hl_lines` line {past[0]} is past the block's {count} lines", _LINES)
            )
        if not problems or not info:
            continue
        # A fence opens its line, after any quote and list markers.
        fence = re.compile(r"^[\s>*+\-\d.)]*(`{3,}|~{3,})\s*" + re.escape(info.strip()))
        # mistune's tokens carry no positions: the fence is the next line holding the info
        # string. Should the search miss (an escaped info string), the warning stands unplaced.
        line: int | None = None
        for index in range(searched, len(lines)):
            if fence.search(lines[index]):
                line, searched = first_line + index, index + 1
                break
        for problem in problems:
            yield problem, line
