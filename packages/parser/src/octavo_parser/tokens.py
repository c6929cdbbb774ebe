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
    }
)


def walk(tokens: list[Token]) -> Iterator[Token]:
    """Given a token tree, returns every token in it, in document order."""
    for token in tokens:
        yield token
        yield from walk(token.get("children", []))


def plain_text(tokens: list[Token], *, skip: frozenset[str] = frozenset()) -> str:
    """Given inline-parsed tokens, returns their readable text, whitespace collapsed.

    Markup, images, footnote marks and raw HTML are left out; token types in `skip` too.
    """
    return " ".join("".join(_text_pieces(tokens, skip)).split())


def _text_pieces(tokens: list[Token], skip: frozenset[str]) -> Iterator[str]:
    """Given tokens, returns the pieces of their readable text."""
    for token in tokens:
        kind = token["type"]
        if kind in skip or kind in {"image", "footnote_ref", "inline_html", "block_html"}:
            continue
        if kind == "text":
            yield html.unescape(token["raw"])
        elif kind in {"codespan", "block_code"}:
            yield token["raw"]
        elif kind in {"softbreak", "linebreak"}:
            yield " "
        yield from _text_pieces(token.get("children", []), skip)
        if kind in _BLOCKS:
            yield " "
