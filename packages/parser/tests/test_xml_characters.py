"""Characters XML does not allow are removed, with a warning at the line of the first one."""

from __future__ import annotations

import re
from typing import Any

import pytest

from octavo_content import Post, SiteConfig
from octavo_parser import parse_post

PATH = "content/hello.md"
# What XML 1.0 allows: tab, line feed, carriage return, and U+0020 up, less surrogates and FFFE/F.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def texts(value: Any) -> list[str]:
    """Every string inside a value: model fields, lists, tuples and dicts, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Post) or hasattr(value, "model_dump"):
        return texts(value.model_dump())
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in texts(key) + texts(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in texts(item)]
    return []


def assert_xml_safe(post: Post) -> None:
    for text in texts(post):
        assert not ILLEGAL.search(text), text
        for hexadecimal, decimal in REFERENCE.findall(text):
            code = int(hexadecimal, 16) if hexadecimal else int(decimal)
            assert code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF
            assert code not in (0xFFFE, 0xFFFF)


def test_control_characters_in_the_body_are_removed_with_a_warning(config: SiteConfig) -> None:
    source = (
        b"---\ntitle: Hi\ndate: 2024-05-01\n---\nOne.\n\nTw\x0co \x1b[31mred\x00.\n\n## A\x1b\n"
    )
    result = parse_post(source, PATH, config)
    assert result.post is not None
    assert "<p>Two [31mred.</p>" in result.post.body_html
    assert_xml_safe(result.post)
    (warning,) = result.problems
    assert (warning.path, warning.line, warning.severity) == (PATH, 7, "warning")
    assert "removed" in warning.message


def test_control_characters_in_the_front_matter_are_removed(config: SiteConfig) -> None:
    source = b"---\ntitle: Hi\ndate: 2024-05-01\ntags: [a\x1bb, c]\n---\nText.\n"
    result = parse_post(source, PATH, config)
    assert result.post is not None
    assert result.post.tags == ("ab", "c")
    assert [(p.line, p.severity) for p in result.problems] == [(4, "warning")]


@pytest.mark.parametrize(
    "escaped",
    ['"Hi\\x1b"', '"Hi\\0"', '"Hi\\uFFFE"', '"Hi\\uffff"', "!!binary SGkA"],
)
def test_yaml_escapes_cannot_bring_them_back(config: SiteConfig, escaped: str) -> None:
    source = f"---\ndate: 2024-05-01\ntitle: {escaped}\nx: [{escaped}]\n---\nText.\n"
    result = parse_post(source.encode(), PATH, config)
    assert result.post is not None, result.problems
    assert result.post.title == "Hi"
    assert_xml_safe(result.post)
    assert [p.line for p in result.problems if not p.is_error] == [3]


def test_toml_escapes_cannot_bring_them_back(config: SiteConfig) -> None:
    source = b'+++\ndate = 2024-05-01\ntitle = "Hi\\u001b"\nsummary = "S\\u0000"\n+++\nText.\n'
    result = parse_post(source, PATH, config)
    assert result.post is not None
    assert result.post.title == "Hi"
    assert_xml_safe(result.post)


@pytest.mark.parametrize("raw_html", [False, True])
def test_character_references_to_them_are_removed(raw_html: bool) -> None:
    config = SiteConfig(title="T", base_url="https://e.org/", timezone="UTC", raw_html=raw_html)
    body = (
        "Intro &#12; &#x1b; &#0; &#xFFFE; &#65535; &#xD800; &#x110000; &#9; &#x41;.\n\n"
        "## Head &#12;\n\n<p>raw &#12; &#x0B; &amp; &#8617;</p>\n"
    )
    source = f"---\ntitle: Hi\ndate: 2024-05-01\nsummary: 'S &#12;'\n---\n{body}"
    result = parse_post(source.encode(), PATH, config)
    assert result.post is not None
    assert_xml_safe(result.post)
    assert "A." in result.post.body_html
    warnings = [p for p in result.problems if not p.is_error]
    assert warnings and all(p.path == PATH for p in warnings)
