"""What a post's file says of its URL: the name its slug is made of, and a date written before it.

As in Hugo, Zola, Jekyll and Eleventy, `content/my-post.md` is named `my-post`, and so is a leaf
bundle, `content/my-post/index.md`, after its folder. A Jekyll date prefix
(`2024-02-19-my-post.md`) is the post's date when its front matter has none, and never part of
the name.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath
from typing import NamedTuple

# The file that makes its folder one post (a leaf bundle, in Hugo's and Zola's words).
BUNDLE_STEM = "index"
# The folder of the content folder whose files are standalone pages (`content/pages/about.md`).
PAGES_FOLDER = "pages"
_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


class SourceName(NamedTuple):
    """The name a post's slug is made of, and the date its file name starts with, if any."""

    name: str
    # The date prefix as written, such as "2024-02-19": a calendar day, like a date-only value.
    date: str | None


def source_name(path: str) -> SourceName:
    """Given a post's site-relative path (`content/2024-02-19-my-post.md`), returns its name
    without suffix or date prefix (`my-post`) and the prefix's date (`2024-02-19`).

    The first folder of the path is the content folder: `content/index.md` is named `index`, not
    `content`, and `content/my-post/index.md` is named `my-post`.
    """
    file = PurePosixPath(path)
    name = file.stem or file.name
    if name == BUNDLE_STEM and len(file.parts) >= 3:
        name = file.parent.name
    prefix = _DATE_PREFIX.match(name)
    if prefix is None or not _is_calendar_day(prefix.group(1)):
        return SourceName(name, None)
    return SourceName(prefix.group(2), prefix.group(1))


def _is_calendar_day(text: str) -> bool:
    """Given `YYYY-MM-DD`, returns whether it is a day of the calendar (`2024-02-30` is not)."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def in_pages_folder(path: str) -> bool:
    """Given a file's site-relative path, returns whether it is under the pages folder
    (`content/pages/about.md`, `content/pages/about/index.md`): a standalone page by default."""
    parts = PurePosixPath(path).parts
    return len(parts) >= 3 and parts[1] == PAGES_FOLDER
