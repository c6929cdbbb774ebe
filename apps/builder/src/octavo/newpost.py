"""`octavo new post "Title"`: a post file to start writing in, dated now in the site's zone.

Its slug comes from the title (the file's name, or its bundle folder's), so its URL is set once
and retitling it later never moves it. It is a draft, as `hugo new` makes one: `octavo serve`
shows it, `octavo build` leaves it out until `draft: true` is removed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from octavo.layout import CONTENT_DIR
from octavo_content import SiteConfig, slugify


class PostExists(Exception):
    """The post's file, or another source with its slug, is already there."""


def new_post(
    site: Path,
    title: str,
    *,
    tags: Sequence[str] = (),
    bundle: bool = False,
    now: datetime | None = None,
) -> Path:
    """Given a site, a title and its tags, writes a draft post and returns its path.

    Raises `ContentErrors` when the site's configuration is missing or wrong, `ValueError` when
    the title is blank, `PostExists` rather than overwrite anything.
    """
    config = SiteConfig.load(site)
    if not title.strip():
        raise ValueError('the post has no title; write one: octavo new post "My title"')
    slug = slugify(title)
    content = site / CONTENT_DIR
    single, folder = content / f"{slug}.md", content / slug
    # Either form claims the slug's URL: never write one beside the other.
    for taken in (single, folder):
        if taken.exists():
            raise PostExists(f"{taken} is already there; choose another title, or edit that post")
    path = folder / "index.md" if bundle else single
    date = (now or datetime.now(config.zone)).astimezone(config.zone)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never over a file made meanwhile
        file.write(_front_matter(title, date, tags))
    return path


def _front_matter(title: str, date: datetime, tags: Sequence[str]) -> str:
    """Given the post's title, date and tags, returns its file's text."""
    # JSON strings are YAML strings: a title with a colon, a quote or a # stays one string.
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"date: {date.isoformat(timespec='seconds')}",
    ]
    if tags:
        lines.append(f"tags: [{', '.join(json.dumps(tag, ensure_ascii=False) for tag in tags)}]")
    lines += ["draft: true", "---", "", ""]
    return "\n".join(lines)
