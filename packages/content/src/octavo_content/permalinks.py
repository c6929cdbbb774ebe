"""Where each kind of page lives: URL patterns and the functions that fill them in."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict, field_validator

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _check_pattern(value: str, allowed: set[str]) -> str:
    if not value.startswith("/"):
        raise ValueError(
            f"{value!r} does not start with '/'; expected a path such as '/posts/{{slug}}/'"
        )
    if ".." in value.split("/") or "\\" in value:
        raise ValueError(f"{value!r} leaves the site; expected a path without '..' or '\\'")
    unknown = set(_PLACEHOLDER.findall(value)) - allowed
    if unknown:
        names = ", ".join("{" + name + "}" for name in sorted(allowed))
        raise ValueError(f"{value!r} uses {sorted(unknown)}; expected only {names}")
    return value


class Permalinks(BaseModel):
    """URL patterns. A pattern ending in `/` is written as `<path>/index.html`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    post: str = "/posts/{slug}/"
    tag: str = "/tags/{slug}/"
    tags: str = "/tags/"
    archive: str = "/archive/"
    feed: str = "/feed.xml"
    tag_feed: str = "/tags/{slug}/feed.xml"
    # Page n >= 2 of a list lives at the list's own path followed by this.
    page: str = "page/{n}/"

    @field_validator("post")
    @classmethod
    def _post_pattern(cls, value: str) -> str:
        _check_pattern(value, {"slug", "year", "month", "day"})
        if "{slug}" not in value:
            raise ValueError(f"{value!r} has no {{slug}}; expected a pattern with {{slug}}")
        return value

    @field_validator("tag", "tag_feed")
    @classmethod
    def _tag_pattern(cls, value: str) -> str:
        _check_pattern(value, {"slug"})
        if "{slug}" not in value:
            raise ValueError(f"{value!r} has no {{slug}}; expected a pattern with {{slug}}")
        return value

    @field_validator("tags", "archive", "feed")
    @classmethod
    def _fixed_pattern(cls, value: str) -> str:
        return _check_pattern(value, set())

    @field_validator("page")
    @classmethod
    def _page_pattern(cls, value: str) -> str:
        if value.startswith("/") or "{n}" not in value or not value.endswith("/"):
            raise ValueError(f"{value!r} is not relative; expected a pattern such as 'page/{{n}}/'")
        return value

    def post_url(self, slug: str, date: datetime) -> str:
        """The path of a post."""
        return self.post.format(
            slug=slug, year=f"{date.year:04d}", month=f"{date.month:02d}", day=f"{date.day:02d}"
        )

    def paged(self, first_page: str, number: int) -> str:
        """The path of page `number` (1-based) of a list whose first page is `first_page`."""
        if number <= 1:
            return first_page
        return first_page.rstrip("/") + "/" + self.page.format(n=number)

    def home_url(self, number: int = 1) -> str:
        """The path of page `number` of the home list."""
        return self.paged("/", number)

    def tag_url(self, slug: str, number: int = 1) -> str:
        """The path of page `number` of a tag's list."""
        return self.paged(self.tag.format(slug=slug), number)

    def tag_feed_url(self, slug: str) -> str:
        """The path of a tag's Atom feed."""
        return self.tag_feed.format(slug=slug)


def output_file(url_path: str) -> str:
    """The file, relative to the output folder, that serves `url_path` (`/a/` -> `a/index.html`)."""
    relative = url_path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        return relative + "index.html"
    return relative
