"""The loaded site: posts with their rendered body, headings and tags. All frozen."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Heading(BaseModel):
    """A section heading of a post body, as it appears in the table of contents."""

    model_config = ConfigDict(frozen=True)

    level: int = Field(ge=1, le=6)
    text: str
    id: str


class Tag(BaseModel):
    """A tag: the name readers see and the slug its URL uses."""

    model_config = ConfigDict(frozen=True)

    name: str
    slug: str


class Post(BaseModel):
    """One post, parsed and rendered once. `source` is its path relative to the site folder."""

    model_config = ConfigDict(frozen=True)

    source: str
    slug: str
    # The post's path on the site, such as /posts/hello/ (from the site's permalink pattern).
    url: str
    title: str
    date: datetime
    # True when the front matter gave a calendar date without a time: it is shown as that
    # day and never shifted between zones.
    day_only: bool = False
    updated: datetime | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    draft: bool = False
    # The body as the post's own page shows it: headings from h2 down, ids as in `toc`.
    body_html: str
    # The body as list pages show it, under the post's h2 title: headings one level deeper and
    # every id and in-page link prefixed with the slug, so ten posts on one page never share an id.
    list_html: str
    # The summary as list pages show it (same conventions as `list_html`).
    summary_html: str
    # Plain text for meta descriptions: the summary with markup removed.
    description: str = ""
    # True when the summary is shorter than the body, so list pages link to "read more".
    has_more: bool = False
    toc: tuple[Heading, ...] = ()
    word_count: int = 0
    reading_minutes: int = 1
    extra: dict[str, Any] = Field(default_factory=dict)

    @property
    def last_modified(self) -> datetime:
        """When the post last changed: `updated`, or its date."""
        return self.updated or self.date


def newest_first(posts: Iterable[Post]) -> list[Post]:
    """Posts ordered newest first; posts of the same moment by title, then by source path."""
    by_title = sorted(posts, key=lambda post: (post.title.casefold(), post.source))
    return sorted(by_title, key=lambda post: post.date.timestamp(), reverse=True)
