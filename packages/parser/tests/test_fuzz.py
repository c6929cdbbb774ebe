"""Fuzzing: any bytes give a post or problems, never an exception, in bounded time and memory.

`OCTAVO_FUZZ_EXAMPLES` sets the examples per test (default 50, so the whole file takes seconds):
`OCTAVO_FUZZ_EXAMPLES=5000 hatch test tests/test_fuzz.py` for a longer hunt.
"""

from __future__ import annotations

import json
import os
import re
import tracemalloc
from datetime import UTC, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from octavo_content import Post, SiteConfig, output_file
from octavo_parser import ParseResult, parse_post

PATH = "content/fuzz.md"
EXAMPLES = int(os.environ.get("OCTAVO_FUZZ_EXAMPLES", "50"))
# Generous for a 2-core machine shared with other builds: an ordinary post parses in a millisecond.
DEADLINE = timedelta(seconds=2)
PEAK_BYTES = 64 * 1024 * 1024
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CONFIGS = [
    SiteConfig(title="T", base_url="https://e.org/", timezone=zone, raw_html=raw)
    for zone, raw in [("Pacific/Kiritimati", False), ("Etc/GMT+12", True), ("UTC", False)]
]
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=DEADLINE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that have broken parsers: dates at the calendar's ends, anchors, braces, escapes, nesting.
TRICKY_VALUES = [
    "2024-02-30",
    "2024-05-01T25:00:00",
    "2024-05-01",
    "!!timestamp 0001-01-01T00:00:00+05:00",
    "!!binary SGkA",
    "!!python/object:os.system",
    "!!set {a, b}",
    "&a [1, 2]",
    "*a",
    "[*a, *a]",
    '"\\x1b\\0\\uffff"',
    "'{slug}'",
    "[" * 30 + "]" * 30,
    "{a: {b: {c: 1}}}",
    ".nan",
    "1e400",
    "-",
    "~",
    "'" + "é" * 200 + "'",
    "[" + ", ".join(str(n) for n in range(150)) + "]",
    "&#12; &#0;",
]
KEYS = ["title", "date", "updated", "tags", "summary", "draft", "slug", "authors", "day_only"]
MARKDOWN_PIECES = [
    "# ",
    "## Same\n\n",
    "\n",
    "\n\n",
    "*",
    "_",
    "`",
    "```python\n",
    "~~~\n",
    "[",
    "]",
    "(",
    ")",
    "![](",
    "[^1]",
    "[^1]: note\n",
    "<!-- more -->\n",
    "<div id='main'>",
    "</div>",
    "<script>",
    "&#12;",
    "&#x1b;",
    "&amp;",
    "|a|b|\n|-|-|\n",
    "- [ ] ",
    "> ",
    "    ",
    "\t",
    "\x00",
    "\x0c",
    "\ufffe",
    "https://e.org/",
    "---\n",
    "+++\n",
    "$",
    "$$",
    "$$\n",
    "```math\n",
    "\\frac{",
    "x^",
    "\\text{<",
    "\\href{javascript:x}{",
]

DATES = [
    "2024-05-01",
    "2024-05-01T09:30:00+02:00",
    "0001-01-01T00:00:00-05:00",
    "0001-01-01T00:00:00",
    "0001-01-01",
    "0002-01-01",
    "9999-12-31T23:59:59+14:00",
    "9999-12-31T23:59:59",
    "9999-12-31",
    "9998-12-31T23:59:59-23:59",
    "0000-01-01",
]
OTHER_KEYS = [key for key in KEYS if key not in {"title", "date"}]
# Mostly text a YAML or TOML value can hold, so that most files get as far as the content model;
# any text at all is tried by test_any_bytes and in the Markdown.
WORDS = st.text(alphabet="abcxyz 019-_.,:'\"é🦄\x1b\x0c&#;{}[]*!", max_size=40)
NAMES = st.from_regex(r"[a-z_][a-z0-9_-]{0,7}", fullmatch=True)
TITLES = st.sampled_from(["Hi", "C++ & C#", "é" * 128, "🦄" * 60]) | WORDS


def front_matter(
    separator: str, title: st.SearchStrategy[str], values: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    """Front matter lines: often a title and a date (so posts get built), then other keys."""
    date = st.sampled_from(DATES)
    first = st.lists(st.tuples(st.sampled_from(["title", "date"]), title | values), max_size=2)
    rest = st.dictionaries(st.sampled_from(OTHER_KEYS) | NAMES, values, max_size=10)
    return st.tuples(st.booleans(), st.tuples(title, date), first, rest).map(
        lambda parts: "".join(
            f"{key}{separator}{value}\n"
            for key, value in [
                *(zip(("title", "date"), parts[1], strict=True) if parts[0] else parts[2]),
                *parts[3].items(),
            ]
        )
    )


yaml_lines = front_matter(
    ": ",
    TITLES | TITLES.map(json.dumps),
    st.sampled_from(TRICKY_VALUES + DATES) | WORDS | WORDS.map(json.dumps),
)
toml_lines = front_matter(
    " = ",
    TITLES.map(json.dumps),
    st.sampled_from(['"Hi"', "[1, [2]]", "true", '"\\u001b"', *DATES]) | WORDS.map(json.dumps),
)
markdown = st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=20), max_size=120).map(
    "".join
)
configs = st.sampled_from(CONFIGS)


def texts(value: Any) -> list[str]:
    """Every string inside a value: model fields, lists, tuples and dicts, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Post):
        return texts(value.model_dump())
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in texts(key) + texts(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in texts(item)]
    return []


def checked(source: bytes, config: SiteConfig) -> ParseResult:
    """Given a file, parses it and checks what every result must hold; returns the result."""
    tracemalloc.start()
    try:
        result = parse_post(source, PATH, config)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_BYTES
    # The file's lines, a CR alone ending one too, and the line after the last.
    lines = source.count(b"\n") + source.count(b"\r") + 2
    for problem in result.problems:
        assert problem.path == PATH
        assert problem.line is None or 1 <= problem.line <= lines, problem
        assert str(problem)
    assert (result.post is None) == any(problem.is_error for problem in result.problems)
    post = result.post
    if post is not None:
        assert all(not ILLEGAL.search(text) for text in texts(post))
        for moment in (post.date, post.last_modified):
            moment.astimezone(UTC)
            moment.astimezone(config.zone)
        assert all(len(part.encode()) <= 255 for part in output_file(post.url).split("/"))
        assert len(post.tags) <= 100
    return result


@fuzz
@given(source=st.binary(max_size=4096), config=configs)
def test_any_bytes(source: bytes, config: SiteConfig) -> None:
    checked(source, config)


@fuzz
@given(front=yaml_lines, body=markdown, config=configs)
def test_yaml_front_matter_and_markdown(front: str, body: str, config: SiteConfig) -> None:
    checked(f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass"), config)


@fuzz
@given(front=toml_lines, body=markdown, config=configs)
def test_toml_front_matter_and_markdown(front: str, body: str, config: SiteConfig) -> None:
    checked(f"+++\n{front}+++\n{body}".encode("utf-8", "surrogatepass"), config)


@fuzz
@given(body=markdown, config=configs)
def test_markdown_of_a_valid_post_always_parses(body: str, config: SiteConfig) -> None:
    source = f"---\ntitle: Fuzz\ndate: 2024-05-01\n---\n{body}".encode("utf-8", "surrogatepass")
    result = checked(source, config)
    assert result.post is not None, result.problems
