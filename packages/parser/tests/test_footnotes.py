"""A footnote's marks each have their own id, and its note a link back to each of them."""

from __future__ import annotations

import re

from octavo_parser import render_markdown

TEXT = "One[^a], two[^a], other[^b].\n\n[^a]: Note A.\n[^b]: Note B, which cites A[^a].\n"


def ids(html: str) -> list[str]:
    return re.findall(r'\bid="([^"]*)"', html)


def back_links(html: str) -> list[tuple[str, str, str]]:
    """The target, name and shown text of each link back from a note."""
    return re.findall(r'<a href="#([^"]*)" class="footnote" aria-label="([^"]*)">(.*?)</a>', html)


def test_a_footnote_cited_twice_gives_each_mark_its_own_id() -> None:
    html = render_markdown(TEXT, path="a.md", slug="p", raw_html=False).body_html
    assert ids(html) == ["fnref-1", "fnref-1-2", "fnref-2", "fn-1", "fn-2", "fnref-1-3"]
    assert re.findall(r'<sup class="footnote-ref" id="[^"]*"><a href="#([^"]*)">', html) == [
        "fn-1",
        "fn-1",
        "fn-2",
        "fn-1",
    ]


def test_a_note_links_back_to_each_of_its_marks() -> None:
    html = render_markdown(TEXT, path="a.md", slug="p", raw_html=False).body_html
    assert back_links(html) == [
        ("fnref-1", "Back to reference 1, mark 1 of 3", "&#8617;"),
        ("fnref-1-2", "Back to reference 1, mark 2 of 3", "&#8617;<sup>2</sup>"),
        ("fnref-1-3", "Back to reference 1, mark 3 of 3", "&#8617;<sup>3</sup>"),
        ("fnref-2", "Back to reference 2", "&#8617;"),
    ]
    # Every back-link goes to a mark on the page.
    assert {target for target, _, _ in back_links(html)} <= set(ids(html))


def test_list_pages_prefix_every_mark_note_and_back_link() -> None:
    result = render_markdown(TEXT, path="a.md", slug="p", raw_html=False)
    assert ids(result.list_html) == ["p-" + anchor for anchor in ids(result.body_html)]
    assert [target for target, _, _ in back_links(result.list_html)] == [
        "p-fnref-1",
        "p-fnref-1-2",
        "p-fnref-1-3",
        "p-fnref-2",
    ]


def test_a_footnote_cited_once_keeps_its_single_back_link() -> None:
    html = render_markdown("A[^1].\n\n[^1]: Note.\n", path="a.md", slug="p", raw_html=False)
    assert back_links(html.body_html) == [("fnref-1", "Back to reference 1", "&#8617;")]


def test_a_heading_inside_a_note_gets_an_id_a_level_and_a_prefix_on_list_pages() -> None:
    text = "## Setup\n\nText[^1].\n\n[^1]: First line.\n\n    # Setup\n\n    More.\n"
    result = render_markdown(text, path="a.md", slug="p", raw_html=False)
    assert re.findall(r'<h(\d) id="([^"]*)"', result.body_html) == [
        ("2", "setup"),
        ("2", "setup-1"),
    ]
    assert re.findall(r'<h(\d) id="([^"]*)"', result.list_html) == [
        ("3", "p-setup"),
        ("3", "p-setup-1"),
    ]
    assert 'href="#p-setup-1" aria-label="Link to this section: Setup"' in result.list_html
