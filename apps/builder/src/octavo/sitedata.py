"""Site data: the files under `SITE/data/`, loaded once per build for every template.

`data/authors.yaml` is `site.data.authors`, `data/authors/ada.toml` is `site.data.authors.ada`
(Jekyll's `site.data`, Hugo's `.Site.Data`). The renderer hands it to templates read-only,
and the digest of the files' bytes is part of what every page is rendered
with, so an edit to any data file makes every page again: right by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from octavo.fingerprint import bytes_digest, digest
from octavo.freshness import SourceFile
from octavo.layout import DATA_DIR
from octavo.reading import read_source
from octavo_content import ContentError
from octavo_parser import DATA_FORMATS, load_data


@dataclass(frozen=True)
class SiteData:
    """The site's data for templates, the digest of the files it came from, and the problems."""

    data: dict[str, Any] = field(default_factory=dict)
    digest: str = "none"
    problems: tuple[ContentError, ...] = ()


def load_site_data(files: Iterable[SourceFile]) -> SiteData:
    """Given the files the walk found under `data/`, returns their data, nested by folder."""
    tree: dict[str, Any] = {}
    # Where each name of the tree comes from: a file, or a folder of files.
    origin: dict[tuple[str, ...], str] = {}
    problems: list[ContentError] = []
    read: list[tuple[str, str]] = []
    for file in sorted(files, key=lambda file: file.source):
        parts = PurePosixPath(file.source).relative_to(DATA_DIR).parts
        if any(part.startswith(".") for part in parts):
            continue  # hidden files (.DS_Store, editors' swap files) are no data
        suffix = PurePosixPath(file.source).suffix.lower()
        if suffix not in DATA_FORMATS:
            problems.append(_not_read(file.source))
            continue
        data = read_source(file)
        if isinstance(data, ContentError):
            problems.append(data)
            continue
        read.append((file.source, bytes_digest(data)))
        loaded = load_data(data, file.source)
        if isinstance(loaded, ContentError):
            problems.append(loaded)
            continue
        key = (*parts[:-1], PurePosixPath(parts[-1]).stem)
        clash = _place(tree, origin, key, loaded, file.source)
        if clash is not None:
            problems.append(clash)
    return SiteData(tree, digest(tuple(read)), tuple(problems))


def _place(
    tree: dict[str, Any],
    origin: dict[tuple[str, ...], str],
    key: tuple[str, ...],
    value: Any,
    source: str,
) -> ContentError | None:
    """Put `value` at `key` in the tree, or return the error naming the file already there."""
    node = tree
    for depth, name in enumerate(key[:-1], start=1):
        here = key[:depth]
        if here not in origin:
            node[name] = {}
            origin[here] = "folder"
        elif origin[here] != "folder":  # a file gives the name this folder gives
            return _clash(source, origin[here], ".".join(here))
        node = node[name]
    if key in origin:
        return _clash(source, origin[key], ".".join(key))
    node[key[-1]] = value
    origin[key] = source
    return None


def _clash(source: str, other: str, name: str) -> ContentError:
    """The error for a data file whose name another file or a folder gives already."""
    where = "the folder of that name" if other == "folder" else other
    return ContentError(
        path=source,
        field=f"data.{name}",
        message=f"gives site.data.{name}, which {where} gives too",
        expected="one file or one folder for each name under data/",
        hint="rename one of them, or merge them into one file",
    )


def _not_read(source: str) -> ContentError:
    """The warning for a file under data/ in a format Octavo does not read."""
    return ContentError(
        path=source,
        message="is not read: site data is YAML, TOML or JSON",
        expected="a file ending in " + ", ".join(DATA_FORMATS),
        hint="convert it, or move it out of data/ (to static/ to publish it as it is)",
        severity="warning",
    )
