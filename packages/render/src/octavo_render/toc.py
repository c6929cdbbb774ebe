"""A post's flat list of headings, nested into the tree a table of contents shows."""

from __future__ import annotations

from collections.abc import Sequence

from octavo_content import Heading
from octavo_render.views import TocEntry

# A table of contents is noise on a short post: show one from this many headings.
TOC_MINIMUM = 3


def toc_tree(headings: Sequence[Heading]) -> tuple[TocEntry, ...]:
    """Given headings in page order, returns them nested: deeper headings under the one before."""
    if not headings:
        return ()
    top = min(heading.level for heading in headings)
    entries: list[TocEntry] = []
    index = 0
    while index < len(headings):
        heading = headings[index]
        end = index + 1
        # Everything deeper than this heading, up to the next one at its level or above, is its.
        while end < len(headings) and headings[end].level > max(heading.level, top):
            end += 1
        children = toc_tree(headings[index + 1 : end])
        entries.append(TocEntry(text=heading.text, id=heading.id, children=children))
        index = end
    return tuple(entries)
