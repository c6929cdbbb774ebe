"""The HTML renderer: mistune's, with highlighted code, lazy images, headings that link to
themselves, and footnote ids that are unique and prefixable.

Wide code and tables scroll inside a box a keyboard can reach (`tabindex="0"`), and nothing carries
a `style` attribute, so pages keep working under a strict Content-Security-Policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mistune import HTMLRenderer
from mistune.core import BlockState
from mistune.util import escape, safe_entity, striptags

from octavo_parser.codeblocks import optioned_code
from octavo_parser.headings import case_folded_fragments, number_note_headings
from octavo_parser.highlight import highlighted_code
from octavo_parser.local import PLACE, local_tokens
from octavo_parser.mathml import display_math_html, is_math_fence
from octavo_parser.tokens import Token, walk
from octavo_parser.words import ENGLISH, Words

BLOCKS = "octavo_blocks"
# Per footnote number, how many marks point at it so far (the body's, then the notes' own).
_FOOTNOTE_MARKS = "octavo_footnote_marks"
# A heading's link to itself: no text of its own (the theme draws its "#"), so a heading's text,
# wherever it is read from the page, is the author's alone; its name says where it goes.
SELF_LINK = '<a class="heading-link" href="#{id}" aria-label="{label}"></a>'
SELF_LINK_PATTERN = re.compile(r'<a class="heading-link" href="#[^"]*" aria-label="[^"]*"></a>')
# How wide an image is shown, for the browser to choose among its copies: the theme's column
# (42rem, less its padding on a narrow screen).
IMAGE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"


class OctavoRenderer(HTMLRenderer):
    """Renders a post's tokens, and keeps them (in `state.env[BLOCKS]`) to render them again.

    Everything that differs between a post's page and a list page (heading levels, id prefixes)
    is in the tokens' attrs, so one renderer serves both and holds no per-post state. Its
    `words` are the site's language's (`words.Words`): one renderer per language and process.
    """

    def __init__(self, escape: bool = True, words: Words = ENGLISH) -> None:
        super().__init__(escape=escape)
        self.words = words

    def __call__(self, tokens: Iterable[Token], state: BlockState) -> str:
        """Given block tokens (the body, then the footnotes section), returns their HTML."""
        blocks = list(tokens)
        place = state.env.get(PLACE)
        if place is not None:  # local URLs resolved where the post lives, images measured
            blocks = local_tokens(blocks, place)
        # The footnotes plugin renders its section through here too; its state shares this env.
        state.env.setdefault(BLOCKS, []).extend(blocks)
        if state.env.get("ref_footnotes"):  # the footnotes plugin's notes: marks to number
            _number_footnote_marks(blocks, state.env.setdefault(_FOOTNOTE_MARKS, {}))
        if any(token["type"] == "footnotes" for token in blocks):
            number_note_headings(blocks, state.env)
        case_folded_fragments(blocks, state)
        return self.render_tokens(blocks, state)

    def heading(
        self, text: str, level: int, id: str | None = None, label: str = "", **attrs: Any
    ) -> str:
        """Given a heading, returns it with its id and, at its end, a link to itself."""
        tag = f"h{level}"
        if not id:
            return f"<{tag}>{text}</{tag}>\n"
        words = self.words
        if label:
            name = words.gettext("Link to this section: %(title)s") % {"title": label}
        else:
            name = words.gettext("Link to this section")
        link = SELF_LINK.format(id=escape(id), label=escape(name))
        return f'<{tag} id="{escape(id)}">{text}{link}</{tag}>\n'

    def sanitize_url(self, url: str) -> str:
        """Given a link's or image's URL, returns it safe, with one `#` at most: a second one,
        inside the fragment, is percent-encoded, as browsers read it (matrix.to's links)."""
        head, mark, fragment = url.partition("#")
        return super().sanitize_url(head + mark + fragment.replace("#", "%23"))

    def text(self, text: str) -> str:
        """Given text, returns it escaped, references such as &rsquo; read as characters."""
        # mistune's escape mode would escape them again (&amp;rsquo;); they are text, not raw HTML.
        return safe_entity(text)

    def block_code(self, code: str, info: str | None = None) -> str:
        """Given code and its info string, returns it highlighted, or escaped in `<pre><code>`;
        fenced `math` is display math."""
        if is_math_fence(info):
            return display_math_html(code, in_paragraph=False, words=self.words)
        html = (
            optioned_code(code, info)
            or highlighted_code(code, info)
            or super().block_code(code, info)
        )
        # A long line scrolls inside the <pre>; keyboard users must be able to focus it to scroll.
        return html.replace("<pre>", '<pre tabindex="0">', 1)

    def table(self, text: str) -> str:
        """Given a table's rows, returns the table inside a box that scrolls when it is wide."""
        label = escape(self.words.gettext("Table"))
        return (
            f'<div class="table-scroll" tabindex="0" role="group" aria-label="{label}">\n'
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
        words = self.words
        label = escape(words.gettext("Done") if checked else words.gettext("Not done"))
        state = f'checked aria-label="{label}"' if checked else f'aria-label="{label}"'
        checkbox = f'<input class="task-list-item-checkbox" type="checkbox" disabled {state}>'
        if text.startswith("<p>"):
            text = text.replace("<p>", "<p>" + checkbox, 1)
        else:
            text = checkbox + text
        return f'<li class="task-list-item">{text}</li>\n'

    def footnote_ref(
        self, key: str, index: int, prefix: str = "", mark: int = 1, **attrs: Any
    ) -> str:
        """Given a footnote mark, returns its superscript link, its id unique on the page
        (`fnref-1`, then `fnref-1-2` for the note's second mark, as GitHub numbers them)."""
        number = str(index)
        return (
            f'<sup class="footnote-ref" id="{prefix}{_mark_id(index, mark)}">'
            f'<a href="#{prefix}fn-{number}">{number}</a></sup>'
        )

    def footnote_item(
        self, text: str, key: str, index: int, prefix: str = "", marks: int = 1, **attrs: Any
    ) -> str:
        """Given a footnote's HTML, returns its list item with a link back to each of its marks
        (↩, ↩2, ↩3... as GitHub shows them)."""
        backs = " ".join(
            _back_link(index, mark, marks, prefix, self.words) for mark in range(1, marks + 1)
        )
        text = text.rstrip()
        if text.endswith("</p>"):
            text = text.removesuffix("</p>") + backs + "</p>"
        else:
            text = text + "\n" + backs
        return f'<li id="{prefix}fn-{index}">{text}</li>\n'


def _number_footnote_marks(blocks: list[Token], marks: dict[int, int]) -> None:
    """Given rendered blocks, numbers each footnote mark among its note's marks, and gives each
    note the count of its marks; `marks` holds the counts so far."""
    tokens = list(walk(blocks))
    for token in tokens:
        if token["type"] == "footnote_ref":
            attrs = token["attrs"]
            marks[attrs["index"]] = attrs["mark"] = marks.get(attrs["index"], 0) + 1
    for token in tokens:  # after every mark, those in the notes themselves included
        if token["type"] == "footnote_item":
            token["attrs"]["marks"] = max(1, marks.get(token["attrs"]["index"], 0))


def _mark_id(index: int, mark: int) -> str:
    """Given a footnote's number and the number of one of its marks, returns that mark's id."""
    return f"fnref-{index}" if mark == 1 else f"fnref-{index}-{mark}"


def _back_link(index: int, mark: int, marks: int, prefix: str, words: Words) -> str:
    """Given a footnote's number, one of its marks, their count and the site's words, returns
    the link back."""
    if marks == 1:
        label = words.gettext("Back to reference %(number)d") % {"number": index}
        return (
            f'<a href="#{prefix}fnref-{index}" class="footnote"'
            f' aria-label="{escape(label)}">&#8617;</a>'
        )
    label = words.ngettext(
        "Back to reference %(number)d, mark %(mark)d of %(marks)d",
        "Back to reference %(number)d, mark %(mark)d of %(marks)d",
        marks,
    ) % {"number": index, "mark": mark, "marks": marks}
    shown = "" if mark == 1 else f"<sup>{mark}</sup>"
    return (
        f'<a href="#{prefix}{_mark_id(index, mark)}" class="footnote"'
        f' aria-label="{escape(label)}">&#8617;{shown}</a>'
    )


def _candidates(images: tuple[tuple[str, int], ...]) -> str:
    """Given image URLs and their widths, returns a `srcset` value."""
    return ", ".join(f"{url} {width}w" for url, width in images)
