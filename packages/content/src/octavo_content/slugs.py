"""URL slugs: lowercase ASCII words joined by hyphens, never empty, never a path."""

from __future__ import annotations

import unicodedata

from slugify import slugify as _python_slugify

# Symbols that carry meaning in tag names: without these "C++", "C#" and "C" would share a slug.
SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("c++", "cpp"),
    ("C++", "cpp"),
    ("c#", "csharp"),
    ("C#", "csharp"),
    ("f#", "fsharp"),
    ("F#", "fsharp"),
    (".net", "dotnet"),
    (".NET", "dotnet"),
    ("&", " and "),
    ("+", " plus "),
    ("@", " at "),
)


def slugify(text: str) -> str:
    """Return a URL-safe slug for `text`: `"Here’s C++"` -> `"heres-cpp"`.

    The slug is never empty and never `/`, `.` or `..`: text with no letters or digits that
    transliterate (an emoji, say) gets a stable slug made of its code points (`"🦄"` -> `"u1f984"`).
    """
    normalized = unicodedata.normalize("NFKC", text).strip()
    # Apostrophes inside words vanish rather than split them ("Here’s" -> "heres", not "here-s").
    normalized = normalized.replace("’", "").replace("'", "")
    slug: str = _python_slugify(normalized, replacements=[list(pair) for pair in SUBSTITUTIONS])
    if slug:
        return slug
    points = [f"u{ord(char):x}" for char in normalized if not char.isspace()]
    return "-".join(points) or "untitled"
