"""Front matter: split it from the body, load it as YAML or TOML, and find where each key stands."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from octavo_content import ContentError

Format = Literal["yaml", "toml"]

_FENCES: dict[str, Format] = {"---": "yaml", "+++": "toml"}
_EXAMPLE = "front matter between --- lines, such as  title: Hello  and  date: 2024-05-01"
_TOML_LINE = re.compile(r"line (\d+)")

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)


class _TextDatesLoader(_Loader):  # type: ignore[valid-type,misc]
    """A safe loader that leaves dates as text, so the content model reads (and reports) them."""


# PyYAML turns `2024-13-45` into a crash (a bare ValueError without a line) and reads dates
# without a zone as UTC; keeping them as text lets FrontMatter apply the site's zone instead.
_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FrontMatterBlock:
    """The front matter text of a file, its format, and the Markdown body that follows."""

    format: Format
    text: str
    # File lines of the opening fence (always 1) and of the first Markdown line after the closing.
    opening_line: int
    body_line: int
    body: str

    def line_of(self, key: str) -> int:
        """Given a top-level key, returns the file line it stands on, or the opening fence line."""
        separator = ":" if self.format == "yaml" else "="
        pattern = re.compile(rf"""^(["']?){re.escape(key)}\1\s*{separator}""")
        for number, line in enumerate(self.text.split("\n"), start=self.opening_line + 1):
            if pattern.match(line):
                return number
        return self.opening_line


def split_front_matter(text: str, path: str) -> FrontMatterBlock | ContentError:
    """Given a file's text, returns its front matter block, or why it has none."""
    lines = text.split("\n")
    fence = lines[0].rstrip()
    if fence not in _FENCES:
        return ContentError(
            path=path,
            line=1,
            message="has no front matter (title and date are required)",
            expected=_EXAMPLE,
            hint="start the file with a line ---, then  title: ...  and  date: ..., then ---",
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == fence:
            return FrontMatterBlock(
                format=_FENCES[fence],
                text="\n".join(lines[1:index]),
                opening_line=1,
                body_line=index + 2,
                body="\n".join(lines[index + 1 :]),
            )
    return ContentError(
        path=path,
        line=1,
        message=f"front matter opened with {fence} is never closed",
        expected=f"a line {fence} after the last front matter key",
        hint=f"add a line {fence} between the front matter and the text of the post",
    )


def loaded_front_matter(block: FrontMatterBlock, path: str) -> dict[str, Any] | ContentError:
    """Given a front matter block, returns its keys and values, or the syntax or shape error."""
    loaded = _yaml_data(block, path) if block.format == "yaml" else _toml_data(block, path)
    if isinstance(loaded, ContentError):
        return loaded
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        return ContentError(
            path=path,
            line=block.opening_line + 1,
            message=f"front matter is {_kind(loaded)}, not keys with values",
            expected="one key per line, such as  title: Hello",
            hint="write front matter as  key: value  lines, without a leading '-'",
        )
    return {str(key): value for key, value in loaded.items()}


def _yaml_data(block: FrontMatterBlock, path: str) -> Any:
    """Given a YAML block, returns the loaded value, or the error at the line YAML points to."""
    try:
        return yaml.load(block.text, Loader=_TextDatesLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # At the end of the block ("expected ']'") the problem is where the construct opened.
        if exc.context_mark and mark and mark.line >= block.text.count("\n"):
            mark = exc.context_mark
        line = block.opening_line + 1 + mark.line if mark else block.opening_line
        return ContentError(
            path=path,
            line=line,
            message=f"invalid YAML: {exc.problem or exc.context}",
            expected="YAML such as  title: Hello  or  tags: [python, web]",
            hint="check indentation, colons and quotes on that line",
        )
    except (yaml.YAMLError, ValueError) as exc:
        # ValueError: an explicit tag PyYAML cannot build, such as  !!timestamp 2024-13-45.
        return ContentError(
            path=path,
            line=block.opening_line,
            message=f"invalid YAML: {exc}",
            expected="YAML such as  title: Hello",
            hint="remove the !! tag or fix the value it tags",
        )


def _toml_data(block: FrontMatterBlock, path: str) -> Any:
    """Given a TOML block, returns the loaded table, or the error at the line tomllib names."""
    try:
        return tomllib.loads(block.text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        # tomllib names no line for a problem "at end of document": that is the last line.
        at = int(found.group(1)) if found else block.text.count("\n") + 1
        line = block.opening_line + at
        return ContentError(
            path=path,
            line=line,
            message=f"invalid TOML: {exc}",
            expected='TOML such as  title = "Hello"',
            hint="check quotes, brackets and '=' on that line",
        )


def _kind(value: Any) -> str:
    """Given a loaded value, returns how a writer would call it: "a list", "text"..."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"
