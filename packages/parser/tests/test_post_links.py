"""The links a post makes (to pages, anchors, sources, other sites) and the ids its body holds:
what `octavo check` and the build judge links by."""

from __future__ import annotations

from octavo_content import Post, PostLink, SiteConfig
from octavo_parser import parse_post
from octavo_parser.anchors import element_ids

FRONT = "---\ntitle: Cats\ndate: 2024-05-01\n---\n"


def parsed(body: str, *, front: str = FRONT, raw_html: bool = False) -> Post:
    config = SiteConfig(
        title="T", base_url="https://example.org/", timezone="UTC", raw_html=raw_html
    )
    result = parse_post((front + body).encode(), "content/cats/index.md", config)
    assert result.post is not None, result.problems
    return result.post


def test_every_kind_of_link_is_noted_with_its_line() -> None:
    post = parsed(
        "Intro.\n\n"
        "See [top](#intro) and [dogs](../dogs/#food).\n\n"
        "[home](/) [pdf](notes.pdf) [src](../dogs.md#x) [web](https://example.com/a?b=1#c)\n"
        "[mail](mailto:a@example.org)\n"
    )
    assert post.links == (
        PostLink(kind="page", written="#intro", path="", fragment="intro", line=7),
        PostLink(
            kind="page", written="../dogs/#food", path="/posts/dogs/", fragment="food", line=7
        ),
        PostLink(kind="page", written="/", path="/", line=9),
        PostLink(
            kind="source", written="../dogs.md#x", path="content/dogs.md", fragment="x", line=9
        ),
    )
    # Links to other sites are the whole post's: no build keeps them.
    assert post.external_links == (
        PostLink(
            kind="external",
            written="https://example.com/a?b=1#c",
            path="https://example.com/a?b=1",
            line=9,
        ),
    )
    assert not hasattr(post.light(), "external_links")
    # A file (not a page) is a reference, checked as images are.
    assert [reference.written for reference in post.references] == ["notes.pdf"]


def test_a_link_without_its_closing_slash_keeps_it_off_and_a_summary_link_is_at_its_key() -> None:
    front = "---\ntitle: Cats\ndate: 2024-05-01\nsummary: See [dogs](/posts/dogs)\n---\n"
    post = parsed("Body.\n", front=front)
    assert post.links == (PostLink(kind="page", written="/posts/dogs", path="/posts/dogs", line=4),)


def test_the_anchors_are_the_ids_the_body_holds_headings_footnotes_and_raw_html() -> None:
    post = parsed(
        "## First part\n\nA note[^n].\n\n"
        '<div id="raw-box">x</div>\n\n<a name="old-style"></a>\n\n'
        'Text with `id="not-an-element"` in code.\n\n[^n]: The note.\n',
        raw_html=True,
    )
    for heading in post.toc:
        assert heading.id in post.anchors
    assert {"raw-box", "old-style"} <= set(post.anchors)
    assert any(anchor.startswith("fn") for anchor in post.anchors)
    assert "not-an-element" not in post.anchors
    assert list(post.anchors) == sorted(post.anchors)


def test_element_ids_reads_quotes_and_entities_as_a_browser_does() -> None:
    html = (
        '<h2 id="a&amp;b">x</h2><p title="1 > 0" id=\'q\'>y</p><img alt="" id=bare>'
        '<span name="not-an-anchor"></span><p>a &lt;b id="text"&gt;</p>'
    )
    assert element_ids(html) == ("a&b", "bare", "q")
    assert element_ids("<p>no ids</p>") == ()
