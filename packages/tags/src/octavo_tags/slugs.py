"""Tag identity: the canonical slug every spelling of a tag shares."""

from __future__ import annotations

import unicodedata

from octavo_content import slugify


def folded(name: str) -> str:
    """Given a tag spelling, returns it NFKC-normalized, casefolded and with spaces collapsed."""
    # Case, Unicode form and stray spaces are not different spellings to a reader.
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def canonical_slug(name: str) -> str:
    """Given a tag spelling, returns its identity: NFKC + casefold + `octavo_content.slugify`."""
    # Folding before slugify lets the lowercase substitutions ("c++" -> "cpp") catch every case.
    return slugify(folded(name))
