"""`octavo new SITE`: a small site that builds, to start from."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

CONFIG = """\
# Octavo site configuration. Every key is described in Octavo's README.
title = "{title}"
base_url = "https://example.org/"
language = "en"
timezone = "UTC"
author = "Your Name"
per_page = 10
# "full" shows whole posts on the home and tag pages; "summary" shows their summaries.
list_content = "full"
"""

FIRST_POST = """\
---
title: Hello, world
date: {date}
tags: [meta]
---
This is your first post. Edit `content/hello-world.md`, or add more Markdown files beside it.

<!-- more -->

## What next

Run `octavo build` in this folder and open `public/index.html`.
"""


def create_site(site: Path) -> list[Path]:
    """Write a new site folder; refuse to touch a folder that is not empty. Returns the files."""
    if site.exists() and any(site.iterdir()):
        raise FileExistsError(f"{site} is not empty; choose a new folder for the site")
    files = {
        site / "octavo.toml": CONFIG.format(title=site.resolve().name.replace('"', "")),
        site / "content" / "hello-world.md": FIRST_POST.format(
            date=datetime.now(UTC).date().isoformat()
        ),
        # The output and the build cache are made from the rest: keep them out of version control.
        site / ".gitignore": "public/\n.octavo/\n",
        site / "static" / "favicon.svg": (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
            '<circle cx="8" cy="8" r="7" fill="#245"/></svg>\n'
        ),
    }
    (site / "templates").mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
