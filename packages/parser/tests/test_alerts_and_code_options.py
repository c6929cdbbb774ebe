"""GitHub alerts become titled callouts; Hugo-style code block options highlight lines, number
them and caption the block; an option not understood is a warning at its fence's line."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from octavo_content import SiteConfig
from octavo_parser import parse_post, render_markdown

PostFile = Callable[..., bytes]


def body(text: str) -> str:
    return render_markdown(text, path="a.md", slug="p", raw_html=False).body_html


@pytest.mark.parametrize(
    ("marker", "kind", "title"),
    [
        ("[!NOTE]", "note", "Note"),
        ("[!TIP]", "tip", "Tip"),
        ("[!IMPORTANT]", "important", "Important"),
        ("[!WARNING]", "warning", "Warning"),
        ("[!CAUTION]", "caution", "Caution"),
        ("[!note]", "note", "Note"),
    ],
)
def test_an_alert_is_a_callout_with_its_role_class_and_title(
    marker: str, kind: str, title: str
) -> None:
    assert body(f"> {marker}\n> Read *this* first.\n") == (
        f'<div class="callout callout-{kind}" role="note">\n'
        f'<p class="callout-title">{title}</p>\n'
        "<p>Read <em>this</em> first.</p>\n"
        "</div>\n"
    )


def test_an_alert_keeps_every_paragraph_after_its_marker() -> None:
    html = body("> [!TIP]\n>\n> One.\n>\n> - two\n")
    assert html.startswith('<div class="callout callout-tip" role="note">\n')
    assert "<p>One.</p>" in html and "<li>two</li>" in html
    assert "[!TIP]" not in html and "<blockquote>" not in html


@pytest.mark.parametrize(
    "quote",
    [
        "> [!FOO]\n> Not a kind GitHub knows.\n",
        "> [!NOTE] on the same line as text\n",
        "> [!NOTE]\n",
        "> Text first.\n> [!NOTE]\n",
    ],
)
def test_anything_else_stays_a_plain_quote(quote: str) -> None:
    html = body(quote)
    assert html.startswith("<blockquote>\n") and "callout" not in html


def test_an_alert_in_a_list_and_on_list_pages() -> None:
    text = "Intro.\n\n- item\n\n  > [!WARNING]\n  > Careful.\n"
    rendered = render_markdown(text, path="a.md", slug="p", raw_html=False)
    for html in (rendered.body_html, rendered.list_html):
        assert '<div class="callout callout-warning" role="note">' in html
    assert rendered.word_count == 3  # the title is the theme's, not the author's words


CODE = "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n"


def _lines(html: str) -> list[str]:
    """The highlighted lines' text, markup removed."""
    marked = re.findall(r'<span class="hll">(.*?)\n</span>', html)
    return [re.sub(r"<[^>]+>", "", line) for line in marked]


@pytest.mark.parametrize(
    "options",
    ['{hl_lines=[2,"4-5"]}', "{hl_lines=[2,4-5]}", '{hl_lines="2 4-5"}', "hl_lines=[2,4-5]"],
)
def test_hl_lines_marks_each_line_listed(options: str) -> None:
    html = body(f"```python {options}\n{CODE}```\n")
    assert _lines(html) == ["b = 2", "d = 4", "e = 5"]
    assert '<span class="n">b</span>' in html  # still highlighted as Python
    assert "linenos" not in html and "<figure" not in html


def test_linenos_numbers_lines_out_of_the_reading_and_the_copy() -> None:
    html = body(f"```python {{linenos=true, hl_lines=[3]}}\n{CODE}```\n")
    numbers = html.count('<span class="linenos" aria-hidden="true">')
    assert numbers == 5
    assert _lines(html) == ["3c = 3"]
    assert body(f"```python {{linenos=false}}\n{CODE}```\n").count("linenos") == 0


def test_title_is_a_figure_caption_before_the_code() -> None:
    html = body('```python {title="app <v2>.py"}\nx = 1\n```\n')
    assert html.startswith(
        '<figure class="code-figure">\n<figcaption>app &lt;v2&gt;.py</figcaption>\n'
        '<div class="highlight"><pre tabindex="0">'
    )
    assert html.endswith("</pre></div>\n</figure>\n")


def test_options_on_code_in_an_unknown_language_or_none() -> None:
    html = body('```klingon {hl_lines=[1], title="q.tlh"}\nx < y\nz\n```\n')
    assert "<figcaption>q.tlh</figcaption>" in html
    assert _lines(html) == ["x &lt; y"]
    assert _lines(body("``` {hl_lines=[2]}\nx\ny\n```\n")) == ["y"]


@pytest.mark.parametrize(
    "info", ["python {hl_lines=[1-" + "9" * 5000 + "]}", "python {", "{}", 'x {a="\\', "{{,}}"]
)
def test_odd_option_text_is_a_warning_never_a_failure(info: str) -> None:
    rendered = render_markdown(f"```{info}\nx\n```\n", path="a.md", slug="p", raw_html=False)
    assert "<pre" in rendered.body_html
    assert all(problem.severity == "warning" for problem in rendered.problems)


def test_code_without_options_is_as_before() -> None:
    assert body("```python\nx\n```\n") == body("```python\nx\n```\n")
    assert "hll" not in body("```python\nx\n```\n")
    assert body("```\nx\n```\n") == '<pre tabindex="0"><code>x\n</code></pre>\n'


def test_options_not_understood_are_warnings_at_their_fence_line(
    post_file: PostFile, config: SiteConfig
) -> None:
    text = (
        "Intro.\n\n"
        '```python {hl_lines=[2], style="monokai"}\nx\ny\n```\n\n'
        "```python\nplain\n```\n\n"
        "> ```js {linenos=maybe, hl_lines=[x]} bare\n> z\n> ```\n\n"
        "Prose naming ```python {hl_lines=[9]} first.\n\n"
        "```python {hl_lines=[9]}\nx\n```\n"
    )
    result = parse_post(post_file("title: T\ndate: 2024-01-01", text), "content/a.md", config)
    assert result.post is not None  # warnings only
    problems = [(p.severity, p.line, p.field, p.message) for p in result.problems]
    assert problems == [
        ("warning", 7, "code block", "unknown code block option `style`"),
        ("warning", 16, "code block", "unreadable code block option `bare`"),
        ("warning", 16, "code block", "`hl_lines` item `x` is not a line or range"),
        ("warning", 16, "code block", "`linenos` is `maybe`"),
        ("warning", 22, "code block", "`hl_lines` line 9 is past the block's 1 lines"),
    ]
    assert _lines(result.post.body_html) == ["y"]  # the known option still applies
    assert all(p.expected and p.hint for p in result.problems)
