"""Front matter: split it from the body, load it as YAML or TOML (or Pelican's metadata lines), and
find where each key stands."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from octavo_content import ContentError

Format = Literal["yaml", "toml", "pelican"]

_FENCES: dict[str, Format] = {"---": "yaml", "+++": "toml"}
_EXAMPLE = "front matter between --- lines, such as  title: Hello  and  date: 2024-05-01"
_TOML_LINE = re.compile(r"line (\d+)")
_TOML_KEY = re.compile(r"""^\s*(["']?)([A-Za-z0-9_.-]+)\1\s*=""")
# What tomllib says of a key or table given twice.
_TOML_TWICE = re.compile(r"Cannot (overwrite|declare)")
_TOML_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]*?)\s*\]")
# Pelican's Markdown metadata: `Key: value` lines from the first line to the first blank one,
# as Python-Markdown's meta extension reads them (keys case-insensitive; an indented line goes on
# the key above). Read only when one key is `Title`, which Pelican requires, so a post that
# merely starts with "Note: ..." is never taken for metadata.
_PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")
# Pelican's names for what Octavo calls otherwise.
_PELICAN_KEYS = {"modified": "updated", "status": "draft"}
_PELICAN_LISTS = ("tags", "authors")
# Deeper than any front matter needs, shallow enough that no loader or pickle recurses too far.
MAX_DEPTH = 20
_ANCHOR_HINT = (
    "repeat the value where it is needed: front matter takes no YAML anchors (&name)"
    " or aliases (*name)"
)

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
        if self.format == "pelican":
            return self._pelican_line_of(key)
        separator = ":" if self.format == "yaml" else "="
        pattern = re.compile(rf"""^(["']?){re.escape(key)}\1\s*{separator}""")
        for number, line in enumerate(self.text.split("\n"), start=self.opening_line + 1):
            if pattern.match(line):
                return number
        return self.opening_line

    def _pelican_line_of(self, key: str) -> int:
        """Given a key as Octavo names it, returns the line of Pelican's metadata giving it."""
        for number, line in enumerate(self.text.split("\n"), start=self.opening_line):
            found = _PELICAN_LINE.match(line)
            if found and _PELICAN_KEYS.get(found.group(1).lower(), found.group(1).lower()) == key:
                return number
        return self.opening_line


def split_front_matter(text: str, path: str) -> FrontMatterBlock | ContentError:
    """Given a file's text, returns its front matter block, or why it has none."""
    lines = text.split("\n")
    fence = lines[0].rstrip()
    pelican = _pelican_block(lines)
    if pelican is not None:
        return pelican
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


def _pelican_block(lines: list[str]) -> FrontMatterBlock | None:
    """Given a file's lines, returns its Pelican metadata block, None when it starts otherwise."""
    keys: list[str] = []
    end = len(lines)
    for index, line in enumerate(lines):
        if not line.strip():
            end = index
            break
        found = _PELICAN_LINE.match(line)
        if found:
            keys.append(found.group(1).lower())
        elif not (keys and line[:1] in {" ", "\t"}):
            return None
    if "title" not in keys:
        return None
    return FrontMatterBlock(
        format="pelican",
        text="\n".join(lines[:end]),
        opening_line=1,
        body_line=end + 2,
        body="\n".join(lines[end + 1 :]),
    )


def _pelican_data(block: FrontMatterBlock, path: str) -> dict[str, Any] | ContentError:
    """Given Pelican's metadata lines, returns them as front matter keys Octavo reads.

    Keys are lowercased; `Modified` is `updated`; `Status: draft` is `draft: true` and
    `Status: published` says nothing more. Every value is text, as Pelican reads it (the content
    model reads dates, and tags and authors separated by commas, from text), but for tags and
    authors separated by semicolons, which Pelican allows so that a name may hold a comma.
    """
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    key = ""
    for number, line in enumerate(block.text.split("\n"), start=block.opening_line):
        found = _PELICAN_LINE.match(line)
        if not found:
            data[key] = f"{data[key]} {line.strip()}".strip()
            continue
        key = _PELICAN_KEYS.get(found.group(1).lower(), found.group(1).lower())
        if key in data:
            return _duplicate_key(found.group(1), lines[key], number, path, top=True)
        lines[key] = number
        data[key] = found.group(2).strip()
    for key in _PELICAN_LISTS:
        # Lists "may be semicolon-separated instead, which allows ... tags containing commas".
        if ";" in data.get(key, ""):
            data[key] = [item.strip() for item in data[key].split(";") if item.strip()]
    status = data.pop("draft", None)
    if status is not None:
        if status.lower() not in {"draft", "published"}:
            return ContentError(
                path=path,
                line=lines["draft"],
                field="status",
                message=f"Status: {status} is not one Octavo reads",
                expected="Status: draft  or  Status: published",
                hint="a hidden post is a page: move it under content/pages/",
            )
        if status.lower() == "draft":
            data["draft"] = True
    return data


def loaded_front_matter(block: FrontMatterBlock, path: str) -> dict[str, Any] | ContentError:
    """Given a front matter block, returns its keys and values, or the syntax or shape error."""
    if block.format == "pelican":
        return _pelican_data(block, path)
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
        # Anchors, duplicate keys and deep nesting are refused from the events, before anything
        # is built: an alias expanded in a loop ("billion laughs") never gets to cost memory.
        refused = _refused_yaml_event(block, path)
        if refused is not None:
            return refused
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


class _Mapping:
    """A YAML mapping being read: the line of each key seen, and whether a key comes next."""

    def __init__(self) -> None:
        self.key_lines: dict[str, int] = {}
        self.expects_key = True


def _refused_yaml_event(block: FrontMatterBlock, path: str) -> ContentError | None:
    """Given a YAML block, returns the error for its first anchor, alias, duplicate or deep nest."""
    # One entry per open collection: a _Mapping, or None for a sequence.
    open_nodes: list[_Mapping | None] = []
    for event in yaml.parse(block.text, Loader=_TextDatesLoader):
        mark = event.start_mark
        line = block.opening_line + 1 + (mark.line if mark else 0)
        if isinstance(event, yaml.CollectionEndEvent):
            open_nodes.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            sign = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
            return ContentError(
                path=path,
                line=line,
                message=f"the YAML {sign}{event.anchor} is not accepted",
                expected="plain values",
                hint=_ANCHOR_HINT,
            )
        parent = open_nodes[-1] if open_nodes else None
        if parent is not None:
            if parent.expects_key and isinstance(event, yaml.ScalarEvent):
                first = parent.key_lines.get(event.value)
                if first is not None:
                    return _duplicate_key(event.value, first, line, path, len(open_nodes) == 1)
                parent.key_lines[event.value] = line
            parent.expects_key = not parent.expects_key
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_nodes) >= MAX_DEPTH:
                return _too_deep(line, path)
            open_nodes.append(_Mapping() if isinstance(event, yaml.MappingStartEvent) else None)
    return None


def _duplicate_key(key: str, first: int, again: int, path: str, top: bool) -> ContentError:
    """Given a key written twice and its two lines, returns the error at the second."""
    return ContentError(
        path=path,
        line=again,
        field=key if top else None,
        message=f"'{key}' is given twice, on line {first} and on line {again}",
        expected="each key once",
        hint="keep one of the two lines",
    )


def _too_deep(line: int, path: str) -> ContentError:
    """Given the line where nesting passes the limit, returns the error there."""
    return ContentError(
        path=path,
        line=line,
        message=f"values are nested more than {MAX_DEPTH} levels deep",
        expected=f"lists and tables nested at most {MAX_DEPTH} levels deep",
        hint="flatten the value",
    )


def _toml_data(block: FrontMatterBlock, path: str) -> Any:
    """Given a TOML block, returns the loaded table, or the error at the line tomllib names."""
    try:
        loaded = tomllib.loads(block.text)
    except RecursionError:
        return _too_deep(block.opening_line, path)
    except tomllib.TOMLDecodeError as exc:
        duplicate = _toml_duplicate(block, path) if _TOML_TWICE.match(str(exc)) else None
        if duplicate is not None:
            return duplicate
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
    for key, value in loaded.items():
        if _depth(value) > MAX_DEPTH:
            return _too_deep(block.line_of(key), path)
    return loaded


def _toml_duplicate(block: FrontMatterBlock, path: str) -> ContentError | None:
    """Given a TOML block tomllib refused, returns the error for a key set twice in one table."""
    seen: dict[tuple[str, str], int] = {}
    table = ""
    for number, text in enumerate(block.text.split("\n"), start=block.opening_line + 1):
        header = _TOML_TABLE.match(text)
        if header:
            table = header.group(1)
            # Each [[table]] header opens a new table of the array, with keys of its own.
            seen = {where: line for where, line in seen.items() if where[0] != table}
            continue
        key = _TOML_KEY.match(text)
        if key:
            first = seen.setdefault((table, key.group(2)), number)
            if first != number:
                return _duplicate_key(key.group(2), first, number, path, top=table == "")
    return None


def _depth(value: Any) -> int:
    """Given a loaded value, returns how many lists and tables deep it goes (0 for a scalar)."""
    depth = 0
    level: list[Any] = [value]
    while True:
        containers = [node for node in level if isinstance(node, dict | list)]
        if not containers:
            return depth
        depth += 1
        level = [
            child
            for node in containers
            for child in (node.values() if isinstance(node, dict) else node)
        ]


def _kind(value: Any) -> str:
    """Given a loaded value, returns how a writer would call it: "a list", "text"..."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"
