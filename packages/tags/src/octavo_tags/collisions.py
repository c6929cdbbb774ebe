"""Warnings for one tag written in spellings that differ beyond case but share a slug."""

from __future__ import annotations

from collections.abc import Mapping

from octavo_content import ContentError, Tag
from octavo_tags.gather import SpellingUse
from octavo_tags.slugs import folded

# A tag on thousands of posts would otherwise make a warning thousands of paths long.
_FILES_SHOWN = 5


def spelling_groups(spellings: tuple[str, ...]) -> dict[str, list[str]]:
    """Given spellings most used first, returns them grouped by folded form, majority first."""
    groups: dict[str, list[str]] = {}
    for spelling in spellings:
        groups.setdefault(folded(spelling), []).append(spelling)
    return groups


def files_of(group: list[str], uses: Mapping[str, SpellingUse]) -> list[str]:
    """Given spellings and their uses, returns every file using any of them, sorted by path."""
    return sorted({file for spelling in group for file in uses[spelling].files})


def listed(files: list[str]) -> str:
    """Given paths, returns them comma-separated, the tail of a long list counted, not named."""
    shown = ", ".join(files[:_FILES_SHOWN])
    hidden = len(files) - _FILES_SHOWN
    return f"{shown} and {hidden} more" if hidden > 0 else shown


def collision_warning(
    tag: Tag,
    spellings: tuple[str, ...],
    uses: Mapping[str, SpellingUse],
    noun: str = "tag",
    field: str = "tags",
) -> ContentError | None:
    """Given a tag (or a term of another taxonomy, called `noun` and written under the front
    matter key `field`), its spellings most used first and their uses, returns the warning."""
    groups = list(spelling_groups(spellings).values())
    if len(groups) == 1:
        return None  # case-only variants ("Python", "python") are one spelling to a reader
    files = [files_of(group, uses) for group in groups]
    # Point at the first file to change: one that does not use the majority spelling.
    first_minority = min(file for group_files in files[1:] for file in group_files)
    ways = "; ".join(
        f"{' / '.join(repr(s) for s in group)} in {listed(group_files)}"
        for group, group_files in zip(groups, files, strict=True)
    )
    return ContentError(
        path=first_minority,
        field=field,
        message=f"{noun} {tag.name!r} is written {len(groups)} ways that share the slug "
        f"{tag.slug!r}: {ways}",
        expected=f"one spelling per {noun}",
        hint=f"write it one way, such as {tag.name!r}, in every post",
        severity="warning",
    )
