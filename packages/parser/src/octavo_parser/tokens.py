"""mistune's token trees: the shape we read and the walks we share."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

Token = dict[str, Any]

# Tokens that end a run of words: their text never runs into the next block's.
_BLOCKS = frozenset(
    {
        "paragraph",
        "heading",
        "block_text",
        "block_quote",
        "list_item",
        "task_list_item",
        "table_cell",
        "footnote_item",
        "block_code",
        "block_math",
    }
)


def walk(tokens: list[Token]) -> Iterator[Token]:
    """Given a token tree, returns every token in it, in document order."""
    # A stack of iterators, not nested generators: each token is handed up once, not once per
    # level above it (a cold build walks every post's tree several times).
    stack = [iter(tokens)]
    while stack:
        for token in stack[-1]:
            yield token
            children = token.get("children")
            if children:
                stack.append(iter(children))
                break
        else:
            stack.pop()


_RAW_HTML = frozenset({"inline_html", "block_html"})


def plain_text(
    tokens: list[Token], *, skip: frozenset[str] = frozenset(), html_shown: bool = False
) -> str:
    """Given inline-parsed tokens, returns their readable text, whitespace collapsed.

    Markup, images and footnote marks are left out, and token types in `skip`. Raw HTML is left
    out too, unless `html_shown`: when raw HTML is escaped, pages show it as text, and so must
    the text made from them (a summary such as "Avoid </script> in JSON").
    """
    return " ".join("".join(_text_pieces(tokens, skip, html_shown)).split())


def _text_pieces(tokens: list[Token], skip: frozenset[str], html_shown: bool) -> Iterator[str]:
    """Given tokens, returns the pieces of their readable text."""
    for token in tokens:
        kind = token["type"]
        if kind in _RAW_HTML and html_shown and kind not in skip:
            yield token["raw"]
            continue
        if kind in skip or kind in {"image", "footnote_ref"} or kind in _RAW_HTML:
            continue
        if kind == "text":
            yield html.unescape(token["raw"])
        elif kind in {"codespan", "block_code", "inline_math", "block_math"}:
            yield token["raw"]
        elif kind in {"softbreak", "linebreak"}:
            yield " "
        yield from _text_pieces(token.get("children", []), skip, html_shown)
        if kind in _BLOCKS:
            yield " "
