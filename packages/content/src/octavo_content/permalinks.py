"""Where each kind of page lives: URL patterns and the functions that fill them in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from octavo_content.slugs import slugify

# Anything between braces, so that {0}, {} and {slug:>9} are named (and refused) too.
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Outside placeholders, the characters a URL path carries as they are (RFC 3986 unreserved).
_UNSAFE = re.compile(r"[^A-Za-z0-9._~/-]")
_HINT = "see [permalinks] in the octavo-content README"
# What `{categories}` leaves of a post without categories: `//` becomes `/`.
_EMPTY_SEGMENTS = re.compile(r"/{2,}")


def _check_pattern(value: str, allowed: set[str], example: str, *, relative: bool = False) -> str:
    """Given a URL pattern, returns it, or raises why it cannot be filled in or leaves the site."""
    names = ", ".join("{" + name + "}" for name in sorted(allowed)) or "no placeholder"
    expected = f"a path such as {example!r}, with {names}"

    def refuse(problem: str) -> ValueError:
        return ValueError(f"{value!r} {problem}; expected {expected}; hint {_HINT}")

    if value.startswith("/") == relative:
        raise refuse("starts with '/'" if relative else "does not start with '/'")
    unknown = sorted(set(_PLACEHOLDER.findall(value)) - allowed)
    if unknown:
        raise refuse("uses " + ", ".join("{" + name + "}" for name in unknown))
    literal = _PLACEHOLDER.sub("x", value)
    if "{" in literal or "}" in literal:
        raise refuse("has a brace that is not part of a placeholder")
    unsafe = _UNSAFE.search(literal)
    if unsafe:
        raise refuse(f"has the character {unsafe.group()!r}")
    # Between the leading '/' (when absolute) and a trailing one, each segment names a folder.
    inner = literal.removeprefix("/").removesuffix("/").split("/")
    if any(segment in {"", ".", ".."} for segment in inner):
        raise refuse("has an empty, '.' or '..' segment")
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
    # A standalone page (content/pages/about.md): `page` names the pagination pattern, so this
    # is keyed by the folder, as Hugo keys the pattern of content/pages/ (`[permalinks] pages`).
    pages: str = "/{slug}/"
    # Every other taxonomy's pages ({taxonomy} is its plural name, such as `categories`); tags
    # keep `tag`, `tag_feed` and `tags`, so a site's tag URLs never move.
    term: str = "/{taxonomy}/{slug}/"
    term_feed: str = "/{taxonomy}/{slug}/feed.xml"
    terms: str = "/{taxonomy}/"
    author: str = "/authors/{slug}/"
    author_feed: str = "/authors/{slug}/feed.xml"
    series: str = "/series/{slug}/"
    series_feed: str = "/series/{slug}/feed.xml"

    @field_validator("post")
    @classmethod
    def _post_pattern(cls, value: str, info: ValidationInfo) -> str:
        _check_pattern(value, {"slug", "year", "month", "day", "categories"}, _default(info))
        if "{slug}" not in value:
            raise ValueError(
                f"{value!r} has no {{slug}}; expected a pattern with {{slug}}; hint {_HINT}"
            )
        return value

    @field_validator("term", "term_feed")
    @classmethod
    def _term_pattern(cls, value: str, info: ValidationInfo) -> str:
        # {taxonomy} may be left out by a site with one taxonomy beside tags (Pelican's
        # /category/{slug}.html); with two, their pages claim one URL and the build says so.
        _check_pattern(value, {"taxonomy", "slug"}, _default(info))
        if "{slug}" not in value:
            raise ValueError(
                f"{value!r} has no {{slug}}; expected a pattern with {{slug}}; hint {_HINT}"
            )
        return value

    @field_validator("terms")
    @classmethod
    def _terms_pattern(cls, value: str, info: ValidationInfo) -> str:
        return _check_pattern(value, {"taxonomy"}, _default(info))

    @field_validator("tag", "tag_feed", "author", "author_feed", "series", "series_feed", "pages")
    @classmethod
    def _tag_pattern(cls, value: str, info: ValidationInfo) -> str:
        _check_pattern(value, {"slug"}, _default(info))
        if "{slug}" not in value:
            raise ValueError(
                f"{value!r} has no {{slug}}; expected a pattern with {{slug}}; hint {_HINT}"
            )
        return value

    @field_validator("tags", "archive", "feed")
    @classmethod
    def _fixed_pattern(cls, value: str, info: ValidationInfo) -> str:
        return _check_pattern(value, set(), _default(info))

    @field_validator("page")
    @classmethod
    def _page_pattern(cls, value: str, info: ValidationInfo) -> str:
        _check_pattern(value, {"n"}, _default(info), relative=True)
        if "{n}" not in value or not value.endswith("/"):
            raise ValueError(
                f"{value!r} has no {{n}} or does not end with '/'; expected a pattern such as"
                f" 'page/{{n}}/'; hint {_HINT}"
            )
        return value

    def post_url(self, slug: str, date: datetime, categories: Sequence[str] = ()) -> str:
        """The path of a post. `{categories}` is its categories' slugs joined by `/`, as Jekyll's
        `:categories` makes folders of them; a post without one loses the empty segment."""
        path = self.post.format(
            slug=slug,
            year=f"{date.year:04d}",
            month=f"{date.month:02d}",
            day=f"{date.day:02d}",
            categories="/".join(
                dict.fromkeys(
                    slugify(unicodedata.normalize("NFKC", name).casefold()) for name in categories
                )
            ),
        )
        return _EMPTY_SEGMENTS.sub("/", path)

    def page_url(self, slug: str) -> str:
        """The path of a standalone page."""
        return self.pages.format(slug=slug)

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

    def term_url(self, taxonomy: str, slug: str, number: int = 1) -> str:
        """The path of page `number` of a term's list (`taxonomy` is the plural name)."""
        if taxonomy == "tags":
            return self.tag_url(slug, number)
        return self.paged(self.term.format(taxonomy=taxonomy, slug=slug), number)

    def term_feed_url(self, taxonomy: str, slug: str) -> str:
        """The path of a term's Atom feed."""
        if taxonomy == "tags":
            return self.tag_feed_url(slug)
        return self.term_feed.format(taxonomy=taxonomy, slug=slug)

    def terms_url(self, taxonomy: str) -> str:
        """The path of the page listing a taxonomy's terms."""
        return self.tags if taxonomy == "tags" else self.terms.format(taxonomy=taxonomy)

    def author_url(self, slug: str, number: int = 1) -> str:
        """The path of page `number` of an author's list."""
        return self.paged(self.author.format(slug=slug), number)

    def author_feed_url(self, slug: str) -> str:
        """The path of an author's Atom feed."""
        return self.author_feed.format(slug=slug)

    def series_url(self, slug: str, number: int = 1) -> str:
        """The path of page `number` of a series' list."""
        return self.paged(self.series.format(slug=slug), number)

    def series_feed_url(self, slug: str) -> str:
        """The path of a series' Atom feed."""
        return self.series_feed.format(slug=slug)


def _default(info: ValidationInfo) -> str:
    """Given the field being validated, returns its default pattern, the example to follow."""
    return str(Permalinks.model_fields[info.field_name or "post"].default)


def output_file(url_path: str) -> str:
    """The file, relative to the output folder, that serves `url_path` (`/a/` -> `a/index.html`)."""
    relative = url_path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        return relative + "index.html"
    return relative
