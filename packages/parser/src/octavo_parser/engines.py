"""The front matter other engines write, where it needs more than validation: one thing written
under two of its keys, a key given both at the top level and in `[extra]`, and `layout`.
"""

from __future__ import annotations

import re
from typing import Any

from octavo_content import EXTRA_TABLES, PUBLISHED_KEY, SPELLINGS, ContentError
from octavo_parser.frontmatter import FrontMatterBlock

# What each field holds, for messages.
_WHAT = {
    "updated": "the date of the post's last update",
    "summary": "the post's summary",
    "publish_date": "the post's publish date",
    "expiry_date": "the post's expiry date",
    "draft": "whether the post is a draft",
}
# Jekyll's and Hugo's `layout`, Zola's `template`: the template a post is shown with.
LAYOUT_KEYS = ("layout", "template")
# Layouts that name what Octavo does anyway: each engine's usual template for a post.
_POST_LAYOUTS = frozenset({"post", "posts", "single", "page", "default"})


def spelling_conflicts(
    data: dict[str, Any], block: FrontMatterBlock, path: str
) -> list[ContentError]:
    """Given front matter, returns an error for each thing that two of its keys set.

    `published` is Jekyll's when it is true or false (the opposite of `draft`), else Hugo's
    publish date.
    """
    groups = {field: list(keys) for field, keys in SPELLINGS.items()}
    groups["draft"] = ["draft"]
    if isinstance(data.get(PUBLISHED_KEY), bool):
        groups["publish_date"].remove(PUBLISHED_KEY)
        groups["draft"].append(PUBLISHED_KEY)
    problems = []
    for field, keys in groups.items():
        given = [key for key in keys if data.get(key) is not None]
        if len(given) < 2:
            continue
        lines = {key: block.line_of(key) for key in given}
        first, second = sorted(given, key=lambda key: lines[key])[:2]
        problems.append(
            ContentError(
                path=path,
                line=lines[second],
                field=second,
                message=(
                    f"'{first}' (line {lines[first]}) and '{second}' (line {lines[second]}) both"
                    f" set {_WHAT[field]}"
                ),
                expected="one of " + ", ".join(f"'{key}'" for key in keys),
                hint="keep one of the two lines",
            )
        )
    return problems


def extra_conflicts(data: dict[str, Any], block: FrontMatterBlock, path: str) -> list[ContentError]:
    """Given front matter, returns an error for each key given both at the top level and in a
    table of the post's own keys (`[extra]`, `params`): both would be `post.extra.KEY`."""
    problems = []
    seen: dict[str, tuple[str, int]] = {}
    for key in data:
        if key not in EXTRA_TABLES:
            seen[key] = ("", block.line_of(key))
    for table in EXTRA_TABLES:
        inner = data.get(table)
        if not isinstance(inner, dict):
            continue
        for key in inner:
            line = _line_in_table(block, table, str(key))
            where = f"'{key}' in {table}"
            if str(key) in seen:
                other, first = seen[str(key)]
                problems.append(
                    ContentError(
                        path=path,
                        line=line,
                        field=f"{table}.{key}",
                        message=(
                            f"'{key}'{f' in {other}' if other else ''} (line {first}) and {where}"
                            f" (line {line}) both set post.extra.{key}"
                        ),
                        expected="each of the post's own keys once",
                        hint="keep one of the two",
                    )
                )
            else:
                seen[str(key)] = (table, line)
    return problems


def layout_problems(data: dict[str, Any], block: FrontMatterBlock, path: str) -> list[ContentError]:
    """Given front matter, returns a warning for a layout other than a post's usual one: Octavo
    shows every post with its `post.html` template."""
    problems = []
    for key in LAYOUT_KEYS:
        value = data.get(key)
        if value is None:
            continue
        name = str(value).strip()
        if name.removesuffix(".html") in _POST_LAYOUTS:
            continue
        problems.append(
            ContentError(
                path=path,
                line=block.line_of(key),
                field=key,
                message=f"'{name}' is not used: Octavo shows every post with post.html",
                expected="no layout, or the usual one (post, single, page)",
                hint="to change how posts look, put a post.html in the site's templates/ folder;"
                f" it can read the value as post.model.extra.{key}",
                severity="warning",
            )
        )
    return problems


def _line_in_table(block: FrontMatterBlock, table: str, key: str) -> int:
    """Given a table of the front matter and a key in it, returns the key's file line (the
    table's when the key is not found on a line of its own)."""
    start = block.line_of(table)
    lines = block.text.split("\n")
    first = start - block.opening_line  # the index of the line after the table's
    if block.format == "toml":
        pattern = re.compile(rf"""^\s*(["']?){re.escape(key)}\1\s*=""")
        ends = re.compile(r"^\s*\[")
        header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
        for number, line in enumerate(lines, start=block.opening_line + 1):
            if header.match(line):
                start, first = number, number - block.opening_line
                break
    else:
        pattern = re.compile(rf"""^\s+(["']?){re.escape(key)}\1\s*:""")
        ends = re.compile(r"^\S")
    for number, line in enumerate(lines[first:], start=start + 1):
        if ends.match(line):
            break
        if pattern.match(line):
            return number
    return start
