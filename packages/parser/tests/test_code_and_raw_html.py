"""Fenced code is highlighted with CSS classes; raw HTML is escaped unless the site allows it."""

from __future__ import annotations

from html.parser import HTMLParser

from octavo_parser import render_markdown

VOID = {"img", "br", "hr", "input"}


class _Nesting(HTMLParser):
    """Records any block element opened inside a paragraph and any unbalanced tag."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.faults: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if tag in {"div", "pre", "p", "ul", "table"} and "p" in self.open:
            self.faults.append(f"<{tag}> inside <p>")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.faults.append(f"unbalanced </{tag}>")


def html_faults(html: str) -> list[str]:
    checker = _Nesting()
    checker.feed(html)
    checker.close()
    return checker.faults + [f"unclosed <{tag}>" for tag in checker.open]


def body(text: str, raw_html: bool = False) -> str:
    return render_markdown(text, path="a.md", slug="p", raw_html=raw_html).body_html


def test_known_language_is_highlighted_with_css_classes() -> None:
    html = body("```python\nprint('hi')\n```\n")
    assert html.startswith('<div class="highlight"><pre tabindex="0">')
    assert '<span class="nb">print</span>' in html
    assert "style=" not in html


def test_unknown_or_missing_language_is_plain_escaped_code() -> None:
    assert (
        body("```\n<b>bold</b>\n```\n")
        == '<pre tabindex="0"><code>&lt;b&gt;bold&lt;/b&gt;\n</code></pre>\n'
    )
    assert body("```klingon\nx < y\n```\n") == (
        '<pre tabindex="0"><code class="language-klingon">x &lt; y\n</code></pre>\n'
    )


def test_highlighted_code_in_a_list_is_valid_html() -> None:
    html = body("1. Run this:\n\n   ```python\n   x = 1\n   ```\n\n2. Done.\n")
    assert '<div class="highlight">' in html
    assert html_faults(html) == []


def test_raw_html_is_escaped_by_default() -> None:
    html = body('<script>alert("x")</script>\n\nA <b>bold</b> word.\n')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_raw_html_passes_through_when_allowed() -> None:
    html = body(
        '<figure class="wide">\n<img src="a.png" alt="A">\n</figure>\n\nA <b>bold</b> word.\n', True
    )
    assert '<figure class="wide">' in html
    assert "<p>A <b>bold</b> word.</p>" in html


def test_images_load_lazily() -> None:
    html = body('![A red bicycle](bike.jpg "Mine")\n')
    assert html == (
        '<p><img src="bike.jpg" alt="A red bicycle" title="Mine"'
        ' loading="lazy" decoding="async" /></p>\n'
    )


def test_image_without_alt_text_is_a_warning_at_its_file_line() -> None:
    text = "Intro.\n\n```\n![](not-an-image.png)\n```\n\nSee `![](code)` and ![](photo.jpg).\n"
    result = render_markdown(text, path="content/a.md", slug="a", raw_html=False, first_line=5)
    [warning] = result.problems
    assert (warning.severity, warning.path, warning.line, warning.field) == (
        "warning",
        "content/a.md",
        11,
        "image",
    )
    assert warning.hint == "describe the image in the brackets: ![a red bicycle](bike.jpg)"


def test_summary_and_list_html_are_valid_html() -> None:
    text = "Para *one*\n\n- item\n\n  > quote\n<!-- more -->\n```python\nx = 1\n```\n"
    result = render_markdown(text, path="a.md", slug="p", raw_html=False)
    for html in (result.body_html, result.list_html, result.summary_html):
        assert html_faults(html) == []


def test_character_references_are_read_once_not_escaped_twice() -> None:
    html = body("Tom &amp; Jerry&rsquo;s AT&T, &lt;b&gt; and ’ in `&amp;`.\n")
    assert html == "<p>Tom &amp; Jerry’s AT&amp;T, &lt;b&gt; and ’ in <code>&amp;amp;</code>.</p>\n"


def test_tables_scroll_in_a_focusable_box_and_align_by_class_not_style() -> None:
    html = body("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
    assert html.startswith(
        '<div class="table-scroll" tabindex="0" role="group" aria-label="Table">\n<table>'
    )
    assert '<th class="align-left">a</th>' in html
    assert '<td class="align-center">2</td>' in html
    assert '<td class="align-right">3</td>' in html
    assert "style=" not in html


def test_task_list_checkboxes_are_named_for_screen_readers() -> None:
    html = body("- [x] done\n- [ ] open\n")
    checkbox = '<input class="task-list-item-checkbox" type="checkbox" disabled'
    assert checkbox + ' checked aria-label="Done">done' in html
    assert 'disabled aria-label="Not done">open' in html
