"""Site data files load as safely as front matter; a bad one is an error at its line."""

from __future__ import annotations

import pytest

from octavo_content import ContentError
from octavo_parser import load_data


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.yaml", "name: Ada\nsince: 2019-05-01\nlinks: [x, y]\n"),
        ("a.yml", "name: Ada\nsince: 2019-05-01\nlinks:\n  - x\n  - y\n"),
        ("a.toml", 'name = "Ada"\nsince = 2019-05-01\nlinks = ["x", "y"]\n'),
        ("a.json", '{"name": "Ada", "since": "2019-05-01", "links": ["x", "y"]}'),
    ],
)
def test_each_format_gives_the_same_data(name: str, text: str) -> None:
    # Dates are text in every format, as front matter's are in post.extra.
    assert load_data(text.encode(), f"data/{name}") == {
        "name": "Ada",
        "since": "2019-05-01",
        "links": ["x", "y"],
    }


def test_a_yaml_list_is_data_too() -> None:
    assert load_data(b"- Ada\n- Grace\n", "data/members.yml") == ["Ada", "Grace"]


@pytest.mark.parametrize(
    ("name", "text", "line", "said"),
    [
        ("a.yaml", "name: Ada\nlinks: [x, y\n", 2, "invalid YAML"),
        ("a.yaml", "base: &b 1\nother: *b\n", 1, "anchor"),
        ("a.yaml", "name: Ada\nname: Grace\n", 2, "given twice"),
        ("a.toml", 'name = "Ada"\nname = "Grace"\n', 2, "given twice"),
        ("a.toml", 'name = "Ada"\nlinks = [\n', 3, "invalid TOML"),
        ("a.json", '{\n  "name": "Ada",\n  "x": \n}', 4, "invalid JSON"),
        ("a.json", "\n\n" + "[" * 30 + "]" * 30, None, "nested"),
        ("a.yaml", "\n" + "- " * 30 + "x\n", 2, "nested"),
        ("a.toml", "x = 1\n\xff\n", 2, "UTF-8"),
    ],
)
def test_a_bad_data_file_is_an_error_with_file_and_line(
    name: str, text: str, line: int | None, said: str
) -> None:
    error = load_data(text.encode("latin-1"), f"data/{name}")
    assert isinstance(error, ContentError)
    assert (error.path, error.line) == (f"data/{name}", line)
    assert said in error.message
    assert "front matter" not in str(error)


def test_duplicate_json_keys_are_an_error() -> None:
    error = load_data(b'{"a": 1, "a": 2}', "data/a.json")
    assert isinstance(error, ContentError) and "'a' is given twice" in error.message
