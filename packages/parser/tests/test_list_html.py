"""List pages show a post under its h2 title: headings one deeper, every id and anchor prefixed."""

from __future__ import annotations

import re

from octavo_parser import render_markdown

TEXT = """# Start

See [the end](#the-end) and [elsewhere](https://example.org/#top).[^note]

## The End

Bye.

[^note]: A footnote.
"""


def ids_and_anchors(html: str) -> list[str]:
    return re.findall(r'(?:id="|href="#)([^"]*)"', html)


def test_list_html_prefixes_every_id_and_in_page_link() -> None:
    result = render_markdown(TEXT, path="a.md", slug="hello", raw_html=False)
    assert ids_and_anchors(result.body_html) == [
        "start",
        "start",  # the heading's self-link
        "the-end",
        "fnref-1",
        "fn-1",
        "the-end",
        "the-end",
        "fn-1",
        "fnref-1",
    ]
    assert ids_and_anchors(result.list_html) == [
        "hello-" + name for name in ids_and_anchors(result.body_html)
    ]
    assert 'href="https://example.org/#top"' in result.list_html


def test_list_html_headings_are_one_level_deeper() -> None:
    result = render_markdown(TEXT, path="a.md", slug="hello", raw_html=False)
    assert re.findall(r'<h(\d) id="([^"]*)"', result.list_html) == [
        ("3", "hello-start"),
        ("4", "hello-the-end"),
    ]
    assert re.findall(r'<h(\d) id="([^"]*)"', result.body_html) == [
        ("2", "start"),
        ("3", "the-end"),
    ]


def test_list_html_prefixes_ids_in_raw_html_when_it_is_passed_through() -> None:
    text = '<div id="box"><a href="#box">self</a></div>\n'
    result = render_markdown(text, path="a.md", slug="p", raw_html=True)
    assert result.list_html.startswith('<div id="p-box"><a href="#p-box">self</a></div>')
    assert result.body_html.startswith(text)


def test_two_posts_on_one_list_page_share_no_id() -> None:
    first = render_markdown(TEXT, path="a.md", slug="first", raw_html=False).list_html
    second = render_markdown(TEXT, path="b.md", slug="second", raw_html=False).list_html
    ids = re.findall(r'id="([^"]*)"', first + second)
    assert len(ids) == len(set(ids)) == 8
