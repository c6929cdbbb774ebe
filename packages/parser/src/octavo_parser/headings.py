"""The heading ids plugin: headings re-levelled from h2 without a skip, with GitHub's ids.

A README written for GitHub links its sections as GitHub names them (`#using---all`), so a heading
id is computed as GitHub computes it (`github_slug`, github-slugger's algorithm, which Hugo's
default `github` heading ids follow too), and made unique on the page with GitHub's `-1`, `-2`.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterator, MutableMapping
from typing import Any

import mistune
from mistune.core import BlockState

from octavo_content import Heading
from octavo_parser.tokens import Token, plain_text, walk

TOC = "octavo_toc"
# Set by the caller that knows: whether the author's raw HTML is passed through (its ids are
# then on the page) or escaped (they are text). Unknown, the ids are kept free.
RAW_HTML = "octavo_raw_html"
# The page's UniqueIds, for the headings of footnotes, which are parsed after the body's.
_IDS = "octavo_heading_ids"

# The renderer writes footnote ids fn-1 and fnref-1, fnref-1-2...: a heading never takes one.
_FOOTNOTE_ID = re.compile(r"^(?:fn-(\d+)|fnref-(\d+)(?:-(\d+))?)$")
# Ids already in the source's own HTML (used when raw HTML is passed through).
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Ids the page around a post uses (the skip link's target, a table of contents): a heading
# titled "Main" must not take them, or the page would hold the id twice.
PAGE_IDS = frozenset({"main", "top", "toc", "content", "footnotes"})
# The post title is the page's h1, so body headings start at h2.
_TOP_LEVEL = 2
_DEEPEST = 6
# The id of a heading whose slug is empty (only emoji or punctuation): GitHub gives it "", which
# is no valid id; goldmark (Hugo) names such a heading "heading". The next ones get GitHub's "-1"...
EMPTY_SLUG_ID = "heading"
# Symbols Unicode counts as Alphabetic (github-slugger keeps them): circled and squared letters.
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def heading_ids(md: mistune.Markdown) -> None:
    """A mistune plugin: re-level headings, give each a unique id, list them in env."""
    md.before_render_hooks.append(_number_headings)


def github_slug(text: str) -> str:
    """Given a heading's text, returns its slug as GitHub computes it (github-slugger).

    Lowercased; every character that is not a letter, mark, decimal digit, letter number,
    connector punctuation (`_`), space or hyphen removed (emoji and punctuation go); then each
    space becomes a hyphen, none collapsed: `Using "--all"` -> `using---all`. May be empty.
    """
    return "".join(map(_kept, text.lower())).replace(" ", "-")


@functools.cache
def _kept(char: str) -> str:
    """Given one character, returns it if a GitHub slug keeps it, else nothing."""
    category = unicodedata.category(char)
    if char in " -" or category[0] in "LM" or category in {"Nd", "Nl", "Pc"}:
        return char
    point = ord(char)
    return char if any(low <= point <= high for low, high in _ALPHABETIC_SYMBOLS) else ""


def relevelled(levels: list[int]) -> list[int]:
    """Given the levels an author wrote, returns them so that none skips a level.

    Each heading goes one level under the nearest heading before it that the author wrote
    shallower, and a heading with none such is h2; never deeper than h6. So `##`, `####`,
    `####`, `###`, `######` become h2, h3, h3, h3, h4: each heading is at most one deeper
    than the one before it, and a heading stays under the one it was under.
    """
    # The open sections: (written level, level given), written levels strictly increasing.
    open_sections: list[tuple[int, int]] = []
    given: list[int] = []
    for written in levels:
        while open_sections and open_sections[-1][0] >= written:
            open_sections.pop()
        level = min(_DEEPEST, open_sections[-1][1] + 1) if open_sections else _TOP_LEVEL
        open_sections.append((written, level))
        given.append(level)
    return given


def _number_headings(md: mistune.Markdown, state: BlockState) -> None:
    """Given the parsed blocks, sets each heading's level and id; stores the contents in env."""
    headings = [token for token in walk(state.tokens) if token["type"] == "heading"]
    levels = relevelled([token["attrs"]["level"] for token in headings])
    # At most this many notes, each with at most this many marks: the footnote ids to keep free.
    footnotes = (len(state.env.get("ref_footnotes", {})), state.src.count("[^"))
    raw_ids = set(_HTML_ID.findall(state.src)) if state.env.get(RAW_HTML, True) else set()
    ids = state.env[_IDS] = UniqueIds(raw_ids | PAGE_IDS, footnotes)
    toc: list[Heading] = []
    for token, level in zip(headings, levels, strict=True):
        inline = _inline_tokens(md, token, state)
        text = plain_text(inline)
        anchor = ids.claim(github_slug("".join(_shown_text(inline))))
        # The renderer names the heading's self-link after `text`.
        token["attrs"].update(level=level, id=anchor, label=text)
        toc.append(Heading(level=level, text=text, id=anchor))
    state.env[TOC] = tuple(toc)


def case_folded_fragments(blocks: list[Token], state: BlockState) -> None:
    """Given rendered blocks, points each in-page link whose fragment names no id on the page
    at the id its lowercase form names, as GitHub's page script does (`#CloseEvent` finds the
    heading "CloseEvent", id `closeevent`); the theme runs no script, so the link is rewritten."""
    ids = state.env.get(_IDS)
    # Only a source that writes an in-page link (inline, in angle brackets, or by reference)
    # is walked: most posts have none.
    if not isinstance(ids, UniqueIds) or not any(mark in state.src for mark in _IN_PAGE):
        return
    for token in walk(blocks):
        if token["type"] != "link":
            continue
        attrs = token["attrs"]
        fragment = attrs.get("url", "")[1:] if attrs.get("url", "").startswith("#") else ""
        if fragment and fragment not in ids.taken and fragment.lower() in ids.taken:
            attrs["url"] = "#" + fragment.lower()


_IN_PAGE = ("(#", "<#", ": #")


def number_note_headings(blocks: list[Token], env: MutableMapping[str, Any]) -> None:
    """Given rendered blocks, gives each heading left without an id (one in a footnote, parsed
    after the body's) a level, from h2 as the body's, and an id unique on the page."""
    late = [token for token in walk(blocks) if token["type"] == "heading"]
    late = [token for token in late if "id" not in token["attrs"]]
    ids = env.get(_IDS)
    if not late or not isinstance(ids, UniqueIds):
        return
    levels = relevelled([token["attrs"]["level"] for token in late])
    for token, level in zip(late, levels, strict=True):
        children = token.get("children", [])
        anchor = ids.claim(github_slug("".join(_shown_text(children))))
        token["attrs"].update(level=level, id=anchor, label=plain_text(children))


def _inline_tokens(md: mistune.Markdown, token: Token, state: BlockState) -> list[Token]:
    """Given a heading token before inline parsing, returns its inline tokens."""
    # A scratch env: parsing the heading here must not number its footnotes ahead of the body's.
    env = {
        "ref_links": state.env.get("ref_links", {}),
        "ref_footnotes": state.env.get("ref_footnotes", {}),
    }
    tokens: list[Token] = md.inline(token.get("text", ""), env)
    return tokens


def _shown_text(tokens: list[Token]) -> Iterator[str]:
    """Given a heading's inline tokens, returns its text as GitHub slugs it, spaces kept.

    That is the rendered heading's text content: code as written, no image alt text, no
    footnote mark and no HTML tag; a line break is a newline, which the slug drops.
    """
    for token in tokens:
        kind = token["type"]
        if kind == "text":
            yield html.unescape(token["raw"])
        elif kind in {"codespan", "inline_math"}:
            yield token["raw"]
        elif kind in {"softbreak", "linebreak"}:
            yield "\n"
        elif kind not in {"image", "footnote_ref"}:
            yield from _shown_text(token.get("children", []))


class UniqueIds:
    """The ids of one page: each claim returns the wanted id, or it with a free -1, -2... suffix.

    As github-slugger numbers them: `a`, `a-1`, `a-2`, skipping a suffixed id already taken.
    """

    def __init__(self, taken: set[str], footnotes: tuple[int, int] = (0, 0)) -> None:
        self.taken = taken
        # How many notes and marks the page may have: fn-N and fnref-N-M up to them are theirs.
        # Bounded, so that a heading "fnref 1" still finds a free suffix.
        self.notes, self.marks = footnotes
        # Per wanted id, the suffix below which every one is taken: a page of 20,000 headings
        # "Same" then takes linear time, where searching from -1 each time took 45 s.
        self.next_suffix: dict[str, int] = {}

    def claim(self, wanted: str) -> str:
        """Given a wanted id, returns it or its first free suffixed form, now taken."""
        if not wanted and wanted not in self.taken:
            # The first empty slug: GitHub's "" is no id. Later ones are GitHub's "-1", "-2"...
            self.taken.add(wanted)
            return self.claim(EMPTY_SLUG_ID)
        anchor = wanted
        if not self._free(wanted):
            number = self.next_suffix.get(wanted, 1)
            # An id such as "a-2" the author wrote, or that an earlier claim took, is skipped.
            while not self._free(f"{wanted}-{number}"):
                number += 1
            self.next_suffix[wanted] = number + 1
            anchor = f"{wanted}-{number}"
        self.taken.add(anchor)
        return anchor

    def _free(self, anchor: str) -> bool:
        """Given an id, returns whether a heading may take it."""
        if anchor in self.taken:
            return False
        footnote = _FOOTNOTE_ID.match(anchor)
        if footnote is None:
            return True
        note, mark = int(footnote[1] or footnote[2]), int(footnote[3] or 1)
        if footnote[3] is not None and mark < 2:
            return True  # a note's first mark is fnref-N, never fnref-N-1
        return not (1 <= note <= self.notes and mark <= self.marks)
