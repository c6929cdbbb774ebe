"""A site data file (`data/*.yaml`, `.yml`, `.toml`, `.json`) to plain data for templates.

Loaded as safely as front matter: YAML without anchors, aliases, duplicate keys or nesting past
`MAX_DEPTH`, dates left as text; TOML dates become ISO text too, so a template gets the same
values whatever the format. A file that cannot be read is an error at its line.
"""

from __future__ import annotations

import json
from typing import Any

from octavo_content import ContentError, plain_data
from octavo_parser.frontmatter import (
    MAX_DEPTH,
    Format,
    FrontMatterBlock,
    _depth,
    _toml_data,
    _too_deep,
    _yaml_data,
)
from octavo_parser.source import decoded_source
from octavo_parser.xmlchars import cleaned

# The suffixes of data files, by format.
DATA_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}


def load_data(source: bytes, path: str) -> Any | ContentError:
    """Given a data file's bytes and site-relative path, returns its data or the error."""
    suffix = "." + path.rpartition(".")[2].lower()
    text = decoded_source(source, path)
    if isinstance(text, ContentError):
        return text
    kind = DATA_FORMATS.get(suffix)
    if kind == "json":
        loaded = _json_data(text, path)
    elif kind in ("yaml", "toml"):
        written: Format = "yaml" if kind == "yaml" else "toml"
        # Line 0 opens the "block": the file's first line is line 1 in messages.
        # Without its last line end, as a front matter block is: an error at the end of the
        # file is on its last line, not the empty one after it.
        body = text.removesuffix("\n") if written == "yaml" else text
        block = FrontMatterBlock(written, body, opening_line=0, body_line=0, body="")
        loaded = _yaml_data(block, path) if kind == "yaml" else _toml_data(block, path)
        if isinstance(loaded, ContentError):
            loaded = _for_data(loaded, kind, last_line=body.count("\n") + 1)
    else:
        return ContentError(
            path=path,
            message="is not a data file",
            expected="a file ending in " + ", ".join(DATA_FORMATS),
        )
    if isinstance(loaded, ContentError):
        return loaded
    return plain_data(cleaned(loaded))


def _json_data(text: str, path: str) -> Any | ContentError:
    """Given JSON text, returns its value, or the error at the line the problem is on."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in pairs:
            if key in found:
                raise ValueError(f"'{key}' is given twice in one object")
            found[key] = value
        return found

    try:
        loaded = json.loads(text, object_pairs_hook=unique)
    except json.JSONDecodeError as exc:
        return ContentError(
            path=path,
            line=exc.lineno,
            message=f"invalid JSON: {exc.msg}",
            expected='JSON such as  {"name": "Ada"}',
            hint="check commas, quotes and brackets on that line",
        )
    except ValueError as exc:
        return ContentError(path=path, message=str(exc), expected="each key once in an object")
    except RecursionError:
        return _too_deep(1, path).model_copy(update={"line": None})
    if _depth(loaded) > MAX_DEPTH:
        return _too_deep(1, path).model_copy(update={"line": None})
    return loaded


def _for_data(error: ContentError, kind: str, last_line: int) -> ContentError:
    """Given an error the front matter loader made, returns it as said of a data file (a
    problem found at the end of the file is on its last line)."""
    update: dict[str, Any] = {"line": min(error.line, last_line) if error.line else None}
    if error.hint and "front matter" in error.hint:
        update["hint"] = error.hint.replace("front matter", "data files")
    if kind == "yaml" and error.expected and "title" in error.expected:
        update["expected"] = "YAML such as  name: Ada  or  - item"
    if kind == "toml" and error.expected and "title" in error.expected:
        update["expected"] = 'TOML such as  name = "Ada"'
    return error.model_copy(update=update)
