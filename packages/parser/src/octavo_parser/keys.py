"""Unknown front matter keys: kept for templates, reported when they look like typos."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from octavo_content import EXTRA_TABLES, FRONT_MATTER_KEYS, ContentError

# Keys known without being fields: the tables of the post's own keys (Zola's `[extra]`, Hugo's
# `params`), and the layout keys, which the parser reads (octavo_parser.engines).
_KNOWN_ELSEWHERE = frozenset({*EXTRA_TABLES, "layout", "template"})
# High enough that a site's own keys ("image", "status") are not mistaken for ours.
_CUTOFF = 0.75


def unknown_keys(keys: Iterable[str]) -> list[str]:
    """Given front matter keys, returns those Octavo does not know, in their order."""
    # day_only is known to the model, which reports it as set by Octavo.
    return [
        key
        for key in keys
        if key not in FRONT_MATTER_KEYS and key != "day_only" and key not in _KNOWN_ELSEWHERE
    ]


def unknown_key_problems(
    keys: Iterable[str], path: str, line_of: Callable[[str], int], *, strict: bool
) -> list[ContentError]:
    """Given front matter keys, returns a warning per likely typo (strict: an error per key)."""
    problems: list[ContentError] = []
    for key in unknown_keys(keys):
        guess = _close_key(key)
        if guess is None and not strict:
            continue
        problems.append(
            ContentError(
                path=path,
                line=line_of(key),
                field=key,
                message=f"unknown key '{key}'",
                expected="one of " + ", ".join(FRONT_MATTER_KEYS),
                hint=(
                    f"did you mean '{guess}'?"
                    if guess
                    else "remove it or set strict_front_matter = false"
                ),
                severity="error" if strict else "warning",
            )
        )
    return problems


def _close_key(key: str) -> str | None:
    """Given an unknown key, returns the known key it most likely misspells, if any."""
    matches = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1, cutoff=_CUTOFF)
    return matches[0] if matches else None
