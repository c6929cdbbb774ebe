"""Phase 1, load: read every post file, parse it, and sort out drafts and scheduled posts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from octavo.site import SitePaths
from octavo_content import ContentError, Post, SiteConfig
from octavo_parser import parse_post

POST_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class LoadedSite:
    """The posts to publish, the ones left out, and every problem found on the way."""

    posts: tuple[Post, ...]
    drafts: tuple[Post, ...]
    scheduled: tuple[Post, ...]
    problems: tuple[ContentError, ...]
    # The line each post's URL comes from (its slug or title), for duplicate-URL messages.
    url_lines: dict[str, int] = field(default_factory=dict)


def post_files(paths: SitePaths) -> Iterator[Path]:
    """Every post source under the content folder, in a stable order."""
    if not paths.content.is_dir():
        return
    for path in sorted(paths.content.rglob("*")):
        if path.suffix.lower() in POST_SUFFIXES and path.is_file():
            yield path


def load_site(
    paths: SitePaths, config: SiteConfig, *, include_drafts: bool, now: datetime
) -> LoadedSite:
    """Parse every post; nothing stops at the first error."""
    posts: list[Post] = []
    drafts: list[Post] = []
    scheduled: list[Post] = []
    problems: list[ContentError] = []
    url_lines: dict[str, int] = {}
    for path in post_files(paths):
        relative = paths.relative(path)
        if not path.resolve().is_relative_to(paths.root):
            problems.append(_outside_site(relative))
            continue
        source = path.read_bytes()
        result = parse_post(source, relative, config)
        problems.extend(result.problems)
        post = result.post
        if post is None:
            continue
        url_lines[post.source] = _url_line(source)
        if post.draft and not include_drafts:
            drafts.append(post)
        elif post.date > now:
            scheduled.append(post)
        else:
            posts.append(post)
    return LoadedSite(tuple(posts), tuple(drafts), tuple(scheduled), tuple(problems), url_lines)


def _outside_site(relative: str) -> ContentError:
    return ContentError(
        path=relative,
        message="is a link to a file outside the site",
        expected="post files inside the site folder",
        hint="copy the file into content/ instead of linking to it",
    )


_URL_KEY = re.compile(rb"^\s*(slug|title)\s*[:=]", re.MULTILINE)


def _url_line(source: bytes) -> int:
    """The line of the front matter key a post's URL comes from: `slug` if given, else `title`."""
    found = {m.group(1): source.count(b"\n", 0, m.start()) + 1 for m in _URL_KEY.finditer(source)}
    return found.get(b"slug") or found.get(b"title") or 1
