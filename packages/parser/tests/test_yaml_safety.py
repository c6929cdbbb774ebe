"""YAML front matter is loaded safely: no anchors or aliases, no duplicate keys, no deep nesting."""

from __future__ import annotations

import time

from octavo_content import ContentError, SiteConfig
from octavo_parser import parse_post

PATH = "content/hello.md"

# 387 bytes that a YAML loader would expand to 9^9 strings: the "billion laughs".
LAUGHS = (
    "---\ntitle: Hi\ndate: 2024-05-01\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "---\nHello.\n"
)


def only_problem(source: bytes, config: SiteConfig) -> ContentError:
    result = parse_post(source, PATH, config)
    assert result.post is None
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert problem.path == PATH and problem.is_error
    return problem


def test_billion_laughs_is_refused_at_the_first_anchor_quickly(config: SiteConfig) -> None:
    start = time.perf_counter()
    problem = only_problem(LAUGHS.encode(), config)
    assert time.perf_counter() - start < 1.0
    assert problem.line == 4
    assert "anchor" in problem.message
    assert problem.hint is not None and "repeat" in problem.hint


def test_an_alias_without_its_anchor_is_refused_at_its_line(config: SiteConfig) -> None:
    problem = only_problem(b"---\ntitle: Hi\ndate: 2024-05-01\nx: *a\n---\n", config)
    assert problem.line == 4


def test_a_lone_anchor_is_refused(config: SiteConfig) -> None:
    problem = only_problem(b"---\ntitle: &t Hi\ndate: 2024-05-01\n---\n", config)
    assert problem.line == 2
    assert "anchor" in problem.message


def test_an_ampersand_inside_text_is_just_text(config: SiteConfig) -> None:
    result = parse_post(b"---\ntitle: Tom &a Jerry *b\ndate: 2024-05-01\n---\n", PATH, config)
    assert result.post is not None and result.post.title == "Tom &a Jerry *b"


def test_a_duplicate_key_names_both_lines(config: SiteConfig) -> None:
    problem = only_problem(b"---\ntitle: Hi\ndate: 2024-05-01\ntitle: Ho\n---\n", config)
    assert (problem.field, problem.line) == ("title", 4)
    assert "line 2" in problem.message


def test_a_duplicate_key_inside_a_nested_mapping_is_an_error(config: SiteConfig) -> None:
    source = b"---\ntitle: Hi\ndate: 2024-05-01\nimage:\n  src: a.png\n  src: b.png\n---\n"
    problem = only_problem(source, config)
    assert problem.line == 6
    assert "line 5" in problem.message


def test_a_duplicate_toml_key_names_both_lines(config: SiteConfig) -> None:
    source = b'+++\ntitle = "Hi"\ndate = 2024-05-01\ntitle = "Ho"\n+++\n'
    problem = only_problem(source, config)
    assert (problem.field, problem.line) == ("title", 4)
    assert "line 2" in problem.message


def test_deeply_nested_yaml_is_an_error_not_a_crash(config: SiteConfig) -> None:
    source = "---\ntitle: Hi\ndate: 2024-05-01\nx: " + "[" * 500 + "]" * 500 + "\n---\n"
    problem = only_problem(source.encode(), config)
    assert problem.line == 4
    assert "nested" in problem.message


def test_deeply_nested_toml_is_an_error_not_a_crash(config: SiteConfig) -> None:
    source = '+++\ntitle = "Hi"\ndate = 2024-05-01\nx = ' + "[ " * 5000 + "]" * 5000 + "\n+++\n"
    problem = only_problem(source.encode(), config)
    assert "nested" in problem.message


def test_a_duplicate_key_on_one_line_is_an_error(config: SiteConfig) -> None:
    source = b"---\ntitle: Hi\ndate: 2024-05-01\nimage: {src: a.png, src: b.png}\n---\n"
    problem = only_problem(source, config)
    assert problem.line == 4
    assert "'src' is given twice" in problem.message


def test_repeated_toml_array_tables_are_not_duplicates(config: SiteConfig) -> None:
    source = (
        b'+++\ntitle = "Hi"\ndate = 2024-05-01\n[[links]]\nurl = "a"\n[[links]]\nurl = "b"\n+++\n'
    )
    result = parse_post(source, PATH, config)
    assert result.post is not None
    assert result.post.extra == {"links": [{"url": "a"}, {"url": "b"}]}
    broken = source.replace(b'url = "b"', b'url = "b"\nurl = "c"')
    problem = only_problem(broken, config)
    assert (problem.line, problem.message) == (8, "'url' is given twice, on line 7 and on line 8")
