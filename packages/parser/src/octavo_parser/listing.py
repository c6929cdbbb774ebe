"""List page conventions: under the post's h2 title, headings go one deeper and ids get a prefix."""

from __future__ import annotations

import re

from octavo_parser.tokens import Token

# In raw HTML passed through: id="x" and href="#x".
_RAW_ANCHOR = re.compile(r"""(\b(?:id\s*=\s*["'])|\bhref\s*=\s*["']#)(?=[^"'])""", re.IGNORECASE)


def list_tokens(tokens: list[Token], prefix: str, *, raw_html: bool) -> list[Token]:
    """Given a page's tokens, returns a copy for list pages: headings one deeper, anchors prefixed.

    Ten posts on one page never share an id. Raw HTML is only rewritten when it is passed through.
    """
    return [_list_token(token, prefix, raw_html) for token in tokens]


def _list_token(token: Token, prefix: str, raw_html: bool) -> Token:
    """Given one token, returns its list page copy, children included; the original is untouched."""
    copy = dict(token)
    kind = token["type"]
    attrs = dict(token.get("attrs") or {})
    if kind == "heading":
        attrs["level"] = min(6, attrs["level"] + 1)
        attrs["id"] = prefix + attrs["id"]
    elif kind == "link" and attrs.get("url", "").startswith("#"):
        attrs["url"] = "#" + prefix + attrs["url"][1:]
    elif kind in {"footnote_ref", "footnote_item"}:
        attrs["prefix"] = prefix
    elif kind in {"block_html", "inline_html"} and raw_html:
        copy["raw"] = _RAW_ANCHOR.sub(lambda match: match.group(1) + prefix, token["raw"])
    if attrs:
        copy["attrs"] = attrs
    if "children" in token:
        copy["children"] = list_tokens(token["children"], prefix, raw_html=raw_html)
    return copy


def without_footnote_marks(tokens: list[Token]) -> list[Token]:
    """Given tokens, returns a copy without footnote marks (a summary has no footnotes)."""
    kept: list[Token] = []
    for token in tokens:
        if token["type"] == "footnote_ref":
            continue
        copy = dict(token)
        if "children" in token:
            copy["children"] = without_footnote_marks(token["children"])
        kept.append(copy)
    return kept
