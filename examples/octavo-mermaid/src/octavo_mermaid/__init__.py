"""Mermaid diagrams for Octavo: a fenced `mermaid` block becomes `<pre class="mermaid">`.

The diagram's text is passed through escaped, neither highlighted nor run: mermaid's script, which
the site loads itself, reads the element's text and draws the diagram in its place. A page without
that script still shows the diagram's source, readable.

This is the shipped example of Octavo's Markdown extension API: a plain mistune plugin, registered
in the entry point group `octavo.markdown` (see this distribution's `pyproject.toml`).
"""

from __future__ import annotations

from typing import Any

import mistune
from mistune.core import BlockState
from mistune.util import escape

__all__ = ["mermaid"]

# The token type a mermaid fence becomes; Octavo's renderer has no method of that name, so the
# one registered here renders it (a renderer's own methods win over registered ones).
TOKEN = "mermaid_diagram"


def mermaid(md: mistune.Markdown) -> None:
    """A mistune plugin: retypes mermaid fences after parsing, and renders them."""
    md.before_render_hooks.append(_retype_mermaid_fences)
    if md.renderer is not None and md.renderer.NAME == "html":
        md.renderer.register(TOKEN, _render_mermaid)


def _retype_mermaid_fences(md: mistune.Markdown, state: BlockState) -> None:
    """Given the parsed blocks, turns each fenced block whose language is mermaid into a diagram."""
    pending: list[dict[str, Any]] = list(state.tokens)
    while pending:
        token = pending.pop()
        info = (token.get("attrs") or {}).get("info") or ""
        if token["type"] == "block_code" and info.split(maxsplit=1)[:1] == ["mermaid"]:
            token["type"] = TOKEN
        pending.extend(token.get("children", []))


def _render_mermaid(renderer: object, text: str, **attrs: Any) -> str:
    """Renders a diagram token: its source, escaped, in the element mermaid's script looks for."""
    return f'<pre class="mermaid">{escape(text.rstrip(chr(10)))}</pre>\n'
