"""The ids a rendered body holds: what a link's `#fragment` to the post can name.

Read from the HTML itself, so they are whatever the body prints: heading ids however they are
computed, footnote ids, ids in raw HTML, and the `name` of an `<a name=...>`, which browsers
scroll to as well. A plain search finds the start tags that carry such an attribute (a body's
text has no `<` or `>` but in tags: the renderer escapes them), and the standard library's HTML
parser reads their attributes (quotes, entities). Parsing every whole body would cost a cold
build a tenth of its parse; this costs it well under a hundredth.
"""

from __future__ import annotations

import threading
from html.parser import HTMLParser

# Attributes as the renderer and nearly every author write them: lower case, after a space.
_NEEDLES = (" id=", " name=")


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def ids_in(self, tags: str) -> set[str]:
        """Given start tags, returns the ids they give (the parser is reset, so it is reused)."""
        self.reset()
        self.ids = set()
        self.feed(tags)
        self.close()
        return self.ids

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)

    handle_startendtag = handle_starttag


def _tags_with_ids(body_html: str) -> list[str]:
    """Given HTML, returns each start tag with an `id=` or `name=` attribute, as written."""
    tags = []
    for needle in _NEEDLES:
        found = body_html.find(needle)
        while found >= 0:
            start = body_html.rfind("<", 0, found)
            end = body_html.find(">", found)
            if start < 0 or end < 0:
                break
            tags.append(body_html[start : end + 1])
            found = body_html.find(needle, end)
    return tags


def element_ids(body_html: str) -> tuple[str, ...]:
    """Given a body's HTML, returns the ids (and anchor names) of its elements, sorted."""
    tags = _tags_with_ids(body_html)
    if not tags:
        return ()
    collector: _IdCollector | None = getattr(_LOCAL, "collector", None)
    if collector is None:
        collector = _LOCAL.collector = _IdCollector()
    return tuple(sorted(collector.ids_in("".join(tags))))


# One parser per thread: it costs more to make than to read a body's few tags.
_LOCAL = threading.local()
