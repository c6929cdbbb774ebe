"""The summary cut plugin: a `<!-- more -->` line ends the summary, else the first paragraph."""

from __future__ import annotations

import re

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BaseRenderer, BlockState

from octavo_parser.tokens import Token

CUT = "summary_cut"
# Found in the Markdown source, so it works whether raw HTML is escaped or passed through.
_CUT_LINE = r"^ {0,3}<!--[ \t]*more[ \t]*-->[ \t]*(?:\n|$)"
_EMPTY = frozenset({"blank_line", CUT})


def summary_cut(md: mistune.Markdown) -> None:
    """A mistune plugin: a top-level `<!-- more -->` line becomes a cut, rendered as nothing."""
    md.block.register(CUT, _CUT_LINE, _parse_cut, before="raw_html")
    if md.renderer is not None:
        md.renderer.register(CUT, _render_cut)


def _parse_cut(block: BlockParser, match: re.Match[str], state: BlockState) -> int:
    """Given the matched cut line, adds the cut token and returns where parsing resumes."""
    state.append_token({"type": CUT})
    return match.end()


def _render_cut(renderer: BaseRenderer) -> str:
    """Given a cut token, returns nothing: the cut is invisible on the page."""
    return ""


def summary_tokens(blocks: list[Token]) -> list[Token]:
    """Given a body's top-level blocks, returns those before the cut, or the first paragraph."""
    for index, token in enumerate(blocks):
        if token["type"] == CUT:
            before = blocks[:index]
            if has_content(before):
                return before
            break
    paragraphs = [token for token in blocks if token["type"] == "paragraph"]
    return paragraphs[:1]


def has_content(blocks: list[Token]) -> bool:
    """Given top-level blocks, returns whether any of them shows something."""
    return any(token["type"] not in _EMPTY for token in blocks)


def shortened(text: str, limit: int = 300) -> str:
    """Given plain text, returns it, or its words up to `limit` characters and an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"
