"""Taxonomy keys as Hugo, Zola and Jekyll write them, gathered into Octavo's.

- Each taxonomy is read from its plural key (`tags`, `categories`: a list or text) and its
  singular key (`tag`, `category`: one term, as Jekyll reads it); `author` (Hugo, Jekyll) is one
  more of `authors`.
- Zola's `[taxonomies]` table (`tags`, `authors`, any taxonomy the site names) adds to them; a
  name the site does not know is a warning at its line, and its terms are left out.
- A string of terms splits on commas; with `term_strings = "spaces"` (Jekyll's way) a string
  without a comma splits on spaces instead. Authors are names: they never split on spaces.

The result holds `tags`, `authors` and `taxonomies` (every other taxonomy, by plural name) in
the shape `FrontMatter` validates; terms of other taxonomies are validated here, at their line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from octavo_content import (
    BUNDLE_STEM,
    PAGES_FOLDER,
    ContentError,
    FrontMatter,
    SiteConfig,
    terms_text,
)

ZOLA_TABLE = "taxonomies"
# The taxonomy a post's folder may name (`folder_category`).
CATEGORIES = "categories"


def spaced(value: Any, spaces: bool) -> Any:
    """Given terms as written, returns them split on spaces when the site reads strings so and
    the string has no comma; anything else as it is."""
    if spaces and isinstance(value, str) and "," not in value:
        return value.split()
    return value


def _as_list(value: Any) -> list[Any] | None:
    """Given terms as written, returns them as a list (text as its comma-separated parts), or
    None when they are neither a list nor text (validation then says why, at their key)."""
    if isinstance(value, str):
        return value.split(",")
    if isinstance(value, list | tuple):
        return list(value)
    return None


def gathered_terms(
    data: dict[str, Any], line_of: Callable[[str], int], path: str, config: SiteConfig
) -> tuple[dict[str, Any], list[ContentError]]:
    """Given loaded front matter, returns it with every taxonomy key gathered (see the module),
    and the problems: warnings for names Zola's table gives that the site does not know, errors
    for terms that are not terms."""
    spaces = config.term_strings == "spaces"
    out = dict(data)
    problems: list[ContentError] = []
    zola = out.get(ZOLA_TABLE)
    table: dict[str, Any] = {}
    if isinstance(zola, dict):
        del out[ZOLA_TABLE]
        table = dict(zola)
    known = {"tags", "authors", *config.taxonomy_plurals}
    for name in table:
        if name not in known:
            problems.append(_unknown_taxonomy(str(name), line_of, path, config))

    # Tags and authors: FrontMatter validates them, at their own key's line.
    tags = _merged(out, "tags", ("tag",), table.get("tags"), spaces)
    if tags is not None:
        out["tags"] = tags
    authors = _merged(out, "authors", ("author",), table.get("authors"), spaces=False)
    if authors is not None:
        out["authors"] = authors

    found: dict[str, tuple[str, ...]] = {}
    for plural in config.taxonomy_plurals[1:]:
        singular = config.singular_of(plural)
        for key, value in (
            (plural, spaced(out.pop(plural, None), spaces)),
            (singular, _one(out.pop(singular, None))),
            (plural, spaced(table.get(plural), spaces)),
        ):
            if value is None:
                continue
            try:
                terms = terms_text(value, plural, singular)
            except ValueError as failure:
                problems.append(_bad_terms(key, str(failure), line_of, path))
                continue
            found[plural] = tuple(dict.fromkeys([*found.get(plural, ()), *terms]))
    folder = _folder_category(path, config)
    if folder and not found.get(CATEGORIES):
        found[CATEGORIES] = (folder,)
    if found or ZOLA_TABLE in data:
        if not isinstance(zola, dict) and zola is not None:
            return out, problems  # not a table: FrontMatter says so at its line
        out[ZOLA_TABLE] = found
    return out, problems


def _folder_category(path: str, config: SiteConfig) -> str | None:
    """Given a post's path, returns the name of the folder it is in when the site takes that as
    the category of a post that names none (`folder_category`, Pelican's USE_FOLDER_AS_CATEGORY):
    `content/python/post.md` and the bundle `content/python/post/index.md` are in `python`."""
    if not config.folder_category or CATEGORIES not in config.taxonomy_plurals:
        return None
    parts = path.split("/")[1:-1]  # the folders under content/
    if parts and path.rsplit("/", 1)[-1].split(".")[0] == BUNDLE_STEM:
        parts = parts[:-1]  # the bundle's own folder names the post, not its category
    return parts[-1] if parts and parts[0] != PAGES_FOLDER else None


def _one(value: Any) -> Any:
    """Given a singular key's value, returns it as a list of one term (text is never split)."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [value]
    return value


def _merged(
    out: dict[str, Any], plural: str, singulars: tuple[str, ...], zola: Any, spaces: bool
) -> Any:
    """Given front matter, a plural key, its singular keys and Zola's value, returns the
    plural's value with the others added, or None when there is nothing to change. A value of
    the wrong type is returned as it is, for validation to report at its key."""
    value = spaced(out.get(plural), spaces)
    extra = [_one(out.pop(key)) for key in singulars if out.get(key) is not None]
    if zola is not None:
        extra.append(spaced(zola, spaces))
    if not extra:
        return value
    parts = [] if value is None else [value]
    merged: list[Any] = []
    for part in [*parts, *extra]:
        items = _as_list(part)
        if items is None:
            return part
        merged.extend(items)
    return merged


def _unknown_taxonomy(
    name: str, line_of: Callable[[str], int], path: str, config: SiteConfig
) -> ContentError:
    names = ", ".join(["authors", *config.taxonomy_plurals])
    return ContentError(
        path=path,
        line=line_of(name),
        field=f"{ZOLA_TABLE}.{name}",
        message=f"the taxonomy '{name}' is not one of the site's; its terms are left out",
        expected=f"one of {names}",
        hint=f'name it in octavo.toml:  [taxonomies]  {_singular(name)} = "{name}"',
        severity="warning",
    )


def _singular(plural: str) -> str:
    """Given a taxonomy's plural name, returns a guess at its singular, for a hint."""
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    return plural[:-1] if plural.endswith("s") and len(plural) > 1 else plural + "_term"


def _bad_terms(key: str, message: str, line_of: Callable[[str], int], path: str) -> ContentError:
    """Given a taxonomy key and why its value is no terms, returns the error at its line."""
    text, _, hint = message.partition("; hint ")
    text, _, expected = text.partition("; expected ")
    return ContentError(
        path=path,
        line=line_of(key),
        field=key,
        message=text,
        expected=expected or None,
        hint=hint or f"write the {key} as a list,  {key}: [Web, Notes]",
    )


def lone_part(front: FrontMatter, line_of: Callable[[str], int], path: str) -> list[ContentError]:
    """Given valid front matter, returns an error when it gives a `part` but no `series`."""
    if front.part is None or front.series is not None:
        return []
    return [
        ContentError(
            path=path,
            line=line_of("part"),
            field="part",
            message=f"part {front.part} of no series",
            expected="a  series: NAME  beside  part",
            hint="name the series the post is a part of, or remove part",
        )
    ]
