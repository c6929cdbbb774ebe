"""The HTML renderer: mistune's, with highlighted code, lazy images and prefixable footnote ids.

Wide code and tables scroll inside a box a keyboard can reach (`tabindex="0"`), and nothing carries
a `style` attribute, so pages keep working under a strict Content-Security-Policy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mistune import HTMLRenderer
from mistune.core import BlockState
from mistune.util import safe_entity, striptags

from octavo_parser.codeblocks import optioned_code
from octavo_parser.highlight import highlighted_code
from octavo_parser.local import PLACE, local_tokens
from octavo_parser.mathml import display_math_html, is_math_fence
from octavo_parser.tokens import Token

BLOCKS = "octavo_blocks"
# How wide an image is shown, for the browser to choose among its copies: the theme's column
# (42rem, less its padding on a narrow screen).
IMAGE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"


class OctavoRenderer(HTMLRenderer):
    """Renders a post's tokens, and keeps them (in `state.env[BLOCKS]`) to render them again.

    Everything that differs between a post's page and a list page (heading levels, id prefixes)
    is in the tokens' attrs, so one renderer serves both and holds no per-post state.
    """

    def __call__(self, tokens: Iterable[Token], state: BlockState) -> str:
        """Given block tokens (the body, then the footnotes section), returns their HTML."""
        blocks = list(tokens)
        place = state.env.get(PLACE)
        if place is not None:  # local URLs resolved where the post lives, images measured
            blocks = local_tokens(blocks, place)
        # The footnotes plugin renders its section through here too; its state shares this env.
        state.env.setdefault(BLOCKS, []).extend(blocks)
        return self.render_tokens(blocks, state)

    def text(self, text: str) -> str:
        """Given text, returns it escaped, references such as &rsquo; read as characters."""
        # mistune's escape mode would escape them again (&amp;rsquo;); they are text, not raw HTML.
        return safe_entity(text)

    def block_code(self, code: str, info: str | None = None) -> str:
        """Given code and its info string, returns it highlighted, or escaped in `<pre><code>`;
        fenced `math` is display math."""
        if is_math_fence(info):
            return display_math_html(code, in_paragraph=False)
        html = (
            optioned_code(code, info)
            or highlighted_code(code, info)
            or super().block_code(code, info)
        )
        # A long line scrolls inside the <pre>; keyboard users must be able to focus it to scroll.
        return html.replace("<pre>", '<pre tabindex="0">', 1)

    def table(self, text: str) -> str:
        """Given a table's rows, returns the table inside a box that scrolls when it is wide."""
        return (
            '<div class="table-scroll" tabindex="0" role="group" aria-label="Table">\n'
            f"<table>\n{text}</table>\n</div>\n"
        )

    def table_cell(
        self, text: str, align: str | None = None, head: bool = False, **attrs: Any
    ) -> str:
        """Given a cell, returns it, its alignment as a class (a style attribute breaks CSP)."""
        tag = "th" if head else "td"
        aligned = f' class="align-{align}"' if align in {"left", "center", "right"} else ""
        return f"  <{tag}{aligned}>{text}</{tag}>\n"

    def image(
        self,
        text: str,
        url: str,
        title: str | None = None,
        width: int | None = None,
        height: int | None = None,
        srcset: tuple[tuple[str, int], ...] = (),
        webp: tuple[tuple[str, int], ...] = (),
    ) -> str:
        """Given an image, returns an `<img>` the browser loads lazily: with its size and a
        `srcset` of its copies when the builder measured it, in a `<picture>` offering its
        WebP copies first when it has some."""
        attrs: dict[str, object] = {"src": self.sanitize_url(url), "alt": striptags(text)}
        if title:
            attrs["title"] = title
        if srcset:
            attrs["srcset"] = _candidates(srcset)
            attrs["sizes"] = IMAGE_SIZES
        if width and height:
            attrs.update(width=width, height=height)
        tag = "<img" + self.render_attrs(attrs) + ' loading="lazy" decoding="async" />'
        if not webp:
            return tag
        source = self.render_attrs(
            {"type": "image/webp", "srcset": _candidates(webp), "sizes": IMAGE_SIZES}
        )
        return f"<picture><source{source} />{tag}</picture>"

    def figure(self, text: str, caption: str) -> str:
        """Given a captioned image's HTML and its title, returns a figure with that caption."""
        return f"<figure>\n{text}\n<figcaption>{safe_entity(caption)}</figcaption>\n</figure>\n"

    def task_list_item(self, text: str, checked: bool = False, **attrs: Any) -> str:
        """Given a task's HTML, returns its list item with a read-only, labelled checkbox."""
        # A checkbox needs a name for screen readers (axe: label); the task's text follows it.
        state = 'checked aria-label="Done"' if checked else 'aria-label="Not done"'
        checkbox = f'<input class="task-list-item-checkbox" type="checkbox" disabled {state}>'
        if text.startswith("<p>"):
            text = text.replace("<p>", "<p>" + checkbox, 1)
        else:
            text = checkbox + text
        return f'<li class="task-list-item">{text}</li>\n'

    def footnote_ref(self, key: str, index: int, prefix: str = "", **attrs: Any) -> str:
        """Given a footnote mark, returns its superscript link, ids prefixed with `prefix`."""
        number = str(index)
        return (
            f'<sup class="footnote-ref" id="{prefix}fnref-{number}">'
            f'<a href="#{prefix}fn-{number}">{number}</a></sup>'
        )

    def footnote_item(self, text: str, key: str, index: int, prefix: str = "", **attrs: Any) -> str:
        """Given a footnote's HTML, returns its list item with a link back to the mark."""
        number = str(index)
        back = (
            f'<a href="#{prefix}fnref-{number}" class="footnote"'
            f' aria-label="Back to reference {number}">&#8617;</a>'
        )
        text = text.rstrip()
        if text.endswith("</p>"):
            text = text.removesuffix("</p>") + back + "</p>"
        else:
            text = text + "\n" + back
        return f'<li id="{prefix}fn-{number}">{text}</li>\n'


def _candidates(images: tuple[tuple[str, int], ...]) -> str:
    """Given image URLs and their widths, returns a `srcset` value."""
    return ", ".join(f"{url} {width}w" for url, width in images)
