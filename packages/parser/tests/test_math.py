"""Math: TeX in `$...$`, `$$...$$` and fenced `math` becomes MathML, with the TeX kept beside it."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from octavo_content import SiteConfig
from octavo_parser import parse_post, render_markdown
from octavo_parser.markdown import RenderedMarkdown

PostFile = Callable[..., bytes]


def rendered(body: str, first_line: int = 1) -> RenderedMarkdown:
    return render_markdown(
        body, path="content/m.md", slug="m", raw_html=False, first_line=first_line
    )


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each annotation."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.annotations: list[str] = []
        self._in_annotation = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_annotation = tag == "annotation"

    def handle_endtag(self, tag: str) -> None:
        self._in_annotation = False

    def handle_data(self, data: str) -> None:
        if self._in_annotation:
            self.annotations.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def maths(html: str) -> list[dict[str, str | None]]:
    """The attributes of each `<math>` element in the HTML."""
    return [attrs for tag, attrs in elements(html).tags if tag == "math"]


def test_display_math_keeps_its_backslashes_and_becomes_block_mathml() -> None:
    html = rendered("$$\\int_0^1 x\\,dx$$\n").body_html
    found = elements(html)
    assert maths(html) == [{"display": "block"}]
    # In a box that scrolls on a narrow screen, which keyboard users can focus.
    box = (
        "div",
        {"class": "math-scroll", "tabindex": "0", "role": "group", "aria-label": "Formula"},
    )
    assert found.tags[0] == box
    assert [tag for tag, _ in found.tags][1:4] == ["math", "semantics", "mrow"]
    assert ("msubsup", {}) in found.tags and ("mspace", {"width": "0.167em"}) in found.tags
    assert "∫" in html and "x,dx" not in html
    assert found.annotations == ["\\int_0^1 x\\,dx"]
    assert ("annotation", {"encoding": "application/x-tex"}) in found.tags
    assert "<script" not in html


def test_inline_math_is_inline_mathml_inside_its_paragraph() -> None:
    html = rendered("Euler: $e^{i\\pi} + 1 = 0$, always.\n").body_html
    assert html.startswith("<p>Euler: <math") and html.rstrip().endswith(", always.</p>")
    assert maths(html) == [{"display": "inline"}]
    found = elements(html)
    assert ("msup", {}) in found.tags
    assert found.annotations == ["e^{i\\pi} + 1 = 0"]


def test_display_math_on_lines_of_its_own_and_in_a_paragraph() -> None:
    body = "$$\n\\frac{a}{b}\n$$\n\nSo $$x_1$$ in text.\n"
    html = rendered(body).body_html
    assert maths(html) == [{"display": "block"}, {"display": "block"}]
    # The paragraph's display math stays inside it, in a phrasing box: <div> may not be in <p>.
    assert re.search(
        r'<p>So <span class="math-scroll"[^>]*><math display="block">.*</math></span> in text\.',
        html,
    )
    assert elements(html).annotations == ["\\frac{a}{b}", "x_1"]


def test_fenced_math_is_display_math() -> None:
    html = rendered("```math\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n```\n").body_html
    assert maths(html) == [{"display": "block"}]
    assert "<pre" not in html and ("munderover", {}) in elements(html).tags
    assert elements(html).annotations == ["\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}"]


def test_github_backtick_math_and_math_in_quotes_and_lists() -> None:
    body = "Inline $`\\sqrt{2}`$.\n\n> $$\n> a^2\n> $$\n\n- $$b^2$$\n- item\n"
    html = rendered(body).body_html
    assert maths(html) == [{"display": "inline"}, {"display": "block"}, {"display": "block"}]
    assert elements(html).annotations == ["\\sqrt{2}", "a^2", "b^2"]


def test_tex_is_escaped_in_the_mathml_and_the_annotation() -> None:
    html = rendered("$a<b$ and $\\text{<script>x & y}$\n").body_html
    assert "<script" not in html
    assert "<mo>&lt;</mo>" in html
    assert elements(html).annotations == ["a<b", "\\text{<script>x & y}"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It costs $5 and $10.",
        "Between $5 and $ 10, or $20.",
        "Prices: $3.50, $4 and $1,000.",
        "I paid $5 for it and you paid $6",
        "From $ 5 to $ 10 a month.",
        "A dollar sign \\$x$ is text.",
        "$5 $10 $20",
    ],
)
def test_currency_is_never_math(sentence: str) -> None:
    result = rendered(sentence + "\n")
    assert "<math" not in result.body_html
    assert result.body_html.count("$") == sentence.replace("\\$", "$").count("$")
    assert result.problems == ()


def test_pandoc_rule_closing_dollar_needs_a_non_space_before_and_no_digit_after() -> None:
    html = rendered("Take $x$ and $y $ and $z$5 and $w$.\n").body_html
    assert elements(html).annotations == ["x", "w"]


def test_math_in_code_spans_and_other_code_stays_code() -> None:
    body = "Write `$x^2$` or `$$y$$`.\n\n```python\nprice = '$5 and $x$'\n```\n\n```\n$$z$$\n```\n"
    html = rendered(body).body_html
    assert "<math" not in html
    assert "<code>$x^2$</code>" in html and "<code>$$y$$</code>" in html
    assert "$x$" in html and "$$z$$" in html


def test_invalid_tex_is_a_warning_at_its_line_and_shows_as_code() -> None:
    body = (
        "Fine $x^2$ here.\n"  # line 5
        "\n"
        "Broken $\\frac{1}{$ inline.\n"  # line 7
        "\n"
        "$$\n"
        "x^\n"  # line 10
        "$$\n"
        "\n"
        "```math\n"
        "\\left( x\n"  # line 14
        "```\n"
        "\n"
        "And $\\nosuchcommand$.\n"  # line 17
    )
    result = rendered(body, first_line=5)
    assert [(p.path, p.line, p.field, p.severity) for p in result.problems] == [
        ("content/m.md", 7, "math", "warning"),
        ("content/m.md", 10, "math", "warning"),
        ("content/m.md", 14, "math", "warning"),
        ("content/m.md", 17, "math", "warning"),
    ]
    assert "\\frac{1}{" in result.problems[0].message
    html = result.body_html
    assert maths(html) == [{"display": "inline"}]
    assert '<code class="math">\\frac{1}{</code>' in html
    assert '<pre tabindex="0"><code class="math">x^</code></pre>' in html
    assert '<pre tabindex="0"><code class="math">\\left( x</code></pre>' in html
    assert '<code class="math">\\nosuchcommand</code>' in html


def test_invalid_tex_line_is_its_own_even_when_its_text_came_earlier() -> None:
    body = "$x^2$ first.\n\nThen $x^$ broken.\n"
    assert [problem.line for problem in rendered(body).problems] == [3]


def test_math_reaches_list_pages_summary_and_description() -> None:
    result = rendered("Area $\\pi r^2$ of a circle.\n")
    assert maths(result.list_html) == [{"display": "inline"}]
    assert maths(result.summary_html) == [{"display": "inline"}]
    assert result.description == "Area \\pi r^2 of a circle."


def test_a_post_with_invalid_math_is_still_published(
    config: SiteConfig, post_file: PostFile
) -> None:
    source = post_file("title: M\ndate: 2024-05-01", "Text.\n\n$$\\frac{$$\n")
    result = parse_post(source, "content/m.md", config)
    assert result.post is not None
    assert [(p.line, p.severity) for p in result.problems] == [(7, "warning")]
    assert '<pre tabindex="0"><code class="math">\\frac{</code></pre>' in result.post.body_html


def test_tex_cannot_add_a_script_link_or_a_style_attribute() -> None:
    html = rendered(
        "$\\href{javascript:alert(1)}{x}$ $\\href{https://example.org/}{y}$ "
        '$\\style{color:red}{z}$ $\\color{red" onclick="alert(1)}{w}$\n'
    ).body_html
    attributes = [attrs for _, attrs in elements(html).tags if attrs]
    hrefs = [attrs["href"] for attrs in attributes if "href" in attrs]
    assert hrefs == ["https://example.org/"]  # the script's link is text, its TeX the annotation
    assert not [attrs for attrs in attributes if "style" in attrs or "onclick" in attrs]
    assert maths(html) == [{"display": "inline"}] * 4
