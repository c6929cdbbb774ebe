"""A URL keeps one `#`: a second one, inside the fragment, is percent-encoded (`%23`), as
matrix.to writes its own links, so the Nu Html Checker accepts the `href` (it reports "Illegal
character in fragment"). READMEs link chat rooms so: `https://matrix.to/#/#jsdom:matrix.org`."""

from __future__ import annotations

import re

import pytest

from octavo_parser import render_markdown

ROOM = "https://matrix.to/#/#jsdom:matrix.org"


@pytest.mark.parametrize(
    "markdown",
    [
        f"[the room]({ROOM})",
        f"[the room][chat]\n\n[chat]: {ROOM}",
        f"<{ROOM}>",
        f"Chat at {ROOM} today.",
        f"![badge]({ROOM})",
    ],
)
def test_a_hash_inside_a_fragment_is_percent_encoded(markdown: str) -> None:
    html = render_markdown(markdown, path="a.md", slug="p", raw_html=False).body_html
    (url,) = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert url == "https://matrix.to/#/%23jsdom:matrix.org"
