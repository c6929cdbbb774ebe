"""Images without alt text: a warning each, at the file line where the image stands."""

from __future__ import annotations

import re
from collections.abc import Iterator

from octavo_content import ContentError
from octavo_parser.tokens import Token, plain_text, walk

_EMPTY_ALT = re.compile(r"(?<!\\)!\[\s*\]\s*[(\[]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_HINT = "describe the image in the brackets: ![a red bicycle](bike.jpg)"


def missing_alt_problems(
    tokens: list[Token], markdown: str, path: str, first_line: int
) -> list[ContentError]:
    """Given a body's tokens and source, returns a warning per image with empty alt text."""
    count = sum(1 for token in walk(tokens) if _is_image_without_alt(token))
    lines = list(_empty_alt_lines(markdown))
    # mistune's tokens carry no positions: the source scan finds the lines. Should it miss one
    # (an unusual construct), the warning still stands, without a line.
    found: list[int | None] = [first_line + index for index in lines[:count]]
    found += [None] * (count - len(found))
    return [
        ContentError(
            path=path,
            line=line,
            field="image",
            message="image has no alt text",
            expected="a short description of the image for readers who cannot see it",
            hint=_HINT,
            severity="warning",
        )
        for line in found
    ]


def _is_image_without_alt(token: Token) -> bool:
    """Given a token, returns whether it is an image whose alt text is empty."""
    return token["type"] == "image" and not plain_text(token.get("children", []))


def _empty_alt_lines(markdown: str) -> Iterator[int]:
    """Given Markdown, returns the 0-based line of each `![](...)` outside code, once per image."""
    fence: str | None = None
    for index, line in enumerate(markdown.split("\n")):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None:
            if opening and opening.group(1).startswith(fence[0] * len(fence)):
                fence = None
        else:
            for _ in _EMPTY_ALT.finditer(_CODE_SPAN.sub("", line)):
                yield index
