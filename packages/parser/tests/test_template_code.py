"""Liquid, Hugo shortcodes and Zola shortcodes in a body: one warning each, at its line, outside
code; in code they are code."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from octavo_content import SiteConfig
from octavo_parser import parse_post
from octavo_parser.templating import constructs

PostFile = Callable[..., bytes]


def _found(body: str) -> list[tuple[str, str, int]]:
    return [(found.engine, found.name, found.line) for found in constructs(body)]


@pytest.mark.parametrize(
    ("body", "engine", "name"),
    [
        ("See {% include note.html %} here.", "Liquid", "include"),
        ('<a href="{{ site.baseurl }}/about">About</a>', "Liquid", "site.baseurl"),
        ("{% highlight python %}\nx = 1\n{% endhighlight %}", "Liquid", "highlight"),
        ('{{< figure src="a.png" title="A" >}}', "Hugo", "figure"),
        ("{{% notice info %}}Careful{{% /notice %}}", "Hugo", "notice"),
        ('{{< youtube\n  id="w7Ft2ymGmfc"\n>}}', "Hugo", "youtube"),
        ("{{ youtube(id='dQw4w9WgXcQ') }}", "Zola", "youtube"),
        ("{% note(kind='tip') %}\nBody.\n{% end %}", "Zola", "note"),
    ],
)
def test_each_construct_is_found_once_with_its_engine(body: str, engine: str, name: str) -> None:
    assert _found("Intro.\n\n" + body) == [(engine, name, 3)]


def test_what_liquid_raw_encloses_is_text() -> None:
    body = "{% raw %}\n{{ page.title }} and {% if x %}\n{% endraw %}\n\nThen {{ site.title }}."
    assert _found(body) == [("Liquid", "raw", 1), ("Liquid", "site.title", 5)]


@pytest.mark.parametrize(
    "body",
    [
        "Write `{{< figure >}}` to add a figure.",
        "Use ``{% include x %}`` here.",
        "```go\n{{ .Title }}\n{{< figure >}}\n```",
        "~~~~\n{% raw %}\n~~~\n{{ x }}\n~~~~",
        "Text.\n\n    {{ site.baseurl }}\n    {% include x %}\n",
    ],
)
def test_in_code_a_construct_is_code(body: str) -> None:
    assert _found(body) == []


def test_a_construct_after_code_is_found_at_its_own_line() -> None:
    body = "```\n{{ a }}\n```\n\nText `{{ b }}` then {{ c }}.\n\n    {{ d }}\n\n{% e %}"
    assert _found(body) == [("Liquid", "c", 5), ("Liquid", "e", 9)]


def test_each_construct_is_a_warning_naming_file_and_line(
    config: SiteConfig, post_file: PostFile
) -> None:
    source = post_file(
        "title: A\ndate: 2024-05-01",
        'Intro {{< ref "other.md" >}}.\n\n```\n{{ fine }}\n```\n\n{{ site.url }}\n',
    )
    result = parse_post(source, "content/a.md", config)
    assert result.post is not None  # warnings: the post is built
    assert [(p.severity, p.line, p.path) for p in result.problems] == [
        ("warning", 5, "content/a.md"),
        ("warning", 11, "content/a.md"),
    ]
    assert "Hugo shortcode '{{< ref \"other.md\" >}}' is not run" in result.problems[0].message
    assert "Liquid output '{{ site.url }}'" in result.problems[1].message
    # It shows as written, escaped like any text.
    assert "<p>Intro {{&lt; ref &quot;other.md&quot; &gt;}}.</p>" in result.post.body_html


@pytest.mark.parametrize(
    "body",
    [
        "{{" * 50_000,
        "{{< " + "a" * 100_000,
        "{% " + "a" * 100_000,
        "{{ " * 30_000,
        ("{{< x " + "a" * 1000 + "\n") * 100,
        "`a" * 50_000,
    ],
)
def test_a_body_of_openings_costs_linear_time(body: str) -> None:
    started = time.perf_counter()
    assert _found(body) == []
    assert time.perf_counter() - started < 1.0
