"""The heading ids plugin: page headings start at h2 and carry ids unique on the page."""

from __future__ import annotations

import re

import mistune
from mistune.core import BlockState

from octavo_content import Heading, slugify
from octavo_parser.tokens import Token, plain_text, walk

TOC = "octavo_toc"

# The footnotes plugin writes ids fn-1, fnref-1...; a heading must never take one of them.
_FOOTNOTE_ID = re.compile(r"^fn(ref)?-\d+$")
# Ids already in the source's own HTML (used when raw HTML is passed through).
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Ids the page around a post uses (the skip link's target, a table of contents): a heading
# titled "Main" must not take them, or the page would hold the id twice.
PAGE_IDS = frozenset({"main", "top", "toc", "content", "footnotes"})
# The post title is the page's h1, so the shallowest body heading becomes h2.
_TOP_LEVEL = 2


def heading_ids(md: mistune.Markdown) -> None:
    """A mistune plugin: shift heading levels, give each heading a unique id, list them in env."""
    md.before_render_hooks.append(_number_headings)


def _number_headings(md: mistune.Markdown, state: BlockState) -> None:
    """Given the parsed blocks, sets each heading's level and id; stores the contents in env."""
    headings = [token for token in walk(state.tokens) if token["type"] == "heading"]
    shift = _TOP_LEVEL - min((token["attrs"]["level"] for token in headings), default=_TOP_LEVEL)
    ids = UniqueIds(set(_HTML_ID.findall(state.src)) | PAGE_IDS)
    toc: list[Heading] = []
    for token in headings:
        text = _heading_text(md, token, state)
        level = min(6, token["attrs"]["level"] + shift)
        anchor = ids.claim(slugify(text))
        token["attrs"]["level"] = level
        token["attrs"]["id"] = anchor
        toc.append(Heading(level=level, text=text, id=anchor))
    state.env[TOC] = tuple(toc)


def _heading_text(md: mistune.Markdown, token: Token, state: BlockState) -> str:
    """Given a heading token before inline parsing, returns its text without markup."""
    # A scratch env: parsing the heading here must not number its footnotes ahead of the body's.
    env = {
        "ref_links": state.env.get("ref_links", {}),
        "ref_footnotes": state.env.get("ref_footnotes", {}),
    }
    return plain_text(md.inline(token.get("text", ""), env))


class UniqueIds:
    """The ids of one page: each claim returns the wanted id, or it with a free -1, -2... suffix."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        # Per wanted id, the suffix below which every one is taken: a page of 20,000 headings
        # "Same" then takes linear time, where searching from -1 each time took 45 s.
        self.next_suffix: dict[str, int] = {}

    def claim(self, wanted: str) -> str:
        """Given a wanted id, returns it or its first free suffixed form, now taken."""
        anchor = wanted
        if wanted in self.taken or _FOOTNOTE_ID.match(wanted):
            number = self.next_suffix.get(wanted, 1)
            # An id such as "a-2" the author wrote, or that an earlier claim took, is skipped.
            while f"{wanted}-{number}" in self.taken:
                number += 1
            self.next_suffix[wanted] = number + 1
            anchor = f"{wanted}-{number}"
        self.taken.add(anchor)
        return anchor
