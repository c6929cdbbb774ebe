"""GitHub alerts: a quote opening with a line `[!NOTE]` (or TIP, IMPORTANT, WARNING, CAUTION) is a
callout, as GitHub renders it.

A callout is `<div class="callout callout-note" role="note">` opening with a visible title,
`<p class="callout-title">Note</p>`. Why this markup, not `<aside aria-label="Note">`:
- the visible title is read in the text's flow by every screen reader, and seen by everyone;
  many screen readers announce neither a `note` role nor an `aria-label` on an element that is
  not a landmark, so a label alone would leave the kind unsaid;
- `<aside>` can be exposed as a complementary landmark, one per callout, crowding the landmark
  list (axe: landmark-complementary-is-top-level, landmark-unique) with asides that are part of
  the text; a `<div>` with `role="note"` is what ARIA means by "a parenthetic or ancillary
  section of content", and the Nu Html Checker accepts it;
- the title needs no id, so posts shown whole on a list page never share one.

An unknown kind (`[!FOO]`), or a marker with nothing after it, leaves the quote as it is.
"""

from __future__ import annotations

import re

import mistune
from mistune.core import BaseRenderer, BlockState
from mistune.util import escape

from octavo_parser.tokens import Token, walk
from octavo_parser.words import N_, words_of

CALLOUT = "callout"
# GitHub's kinds and their titles (in English: shown in the site's language, `words.Words`);
# GitHub reads the marker in any case (`[!note]`).
KINDS = {
    "note": N_("Note"),
    "tip": N_("Tip"),
    "important": N_("Important"),
    "warning": N_("Warning"),
    "caution": N_("Caution"),
}
_MARKER = re.compile(r"\A\[!([A-Za-z]+)\][ \t]*(?:\n|\Z)")


def github_alerts(md: mistune.Markdown) -> None:
    """A mistune plugin: quotes opening with an alert marker become callouts."""
    md.before_render_hooks.append(_mark_callouts)
    if md.renderer is not None:
        md.renderer.register(CALLOUT, _render_callout)


def _mark_callouts(md: mistune.Markdown, state: BlockState) -> None:
    """Given the parsed blocks (inline text not parsed yet), turns alert quotes into callouts."""
    if "[!" not in state.src:  # most bodies: no walk through their blocks
        return
    for token in walk(state.tokens):
        if token["type"] == "block_quote":
            _mark_callout(token)


def _mark_callout(quote: Token) -> None:
    """Given a quote token, makes it a callout when its first line is a known alert marker."""
    children: list[Token] = quote.get("children", [])
    if not children or children[0]["type"] != "paragraph":
        return
    first = children[0]
    match = _MARKER.match(first.get("text", ""))
    if match is None or match.group(1).lower() not in KINDS:
        return
    rest = first["text"][match.end() :]
    kept = ([{**first, "text": rest}] if rest.strip() else []) + children[1:]
    if not any(child["type"] != "blank_line" for child in kept):
        return  # GitHub shows a marker alone as a quote
    quote["type"] = CALLOUT
    quote["children"] = kept
    quote["attrs"] = {"kind": match.group(1).lower()}


def _render_callout(renderer: BaseRenderer, text: str, kind: str) -> str:
    """Given a callout's inner HTML and kind, returns it under its visible title, in the
    site's language."""
    title = escape(words_of(renderer).gettext(KINDS[kind]))
    return (
        f'<div class="callout callout-{kind}" role="note">\n'
        f'<p class="callout-title">{title}</p>\n{text}</div>\n'
    )
