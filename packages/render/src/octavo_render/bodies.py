"""Post bodies by reference: a view names the HTML it shows; rendering supplies it.

Views are built from light posts, which hold everything but the heavy HTML. Where a template
prints a body, the view holds a reference to it (`Html` for markup, `HtmlText` for HTML carried
as text, as in a feed). A reference stands in a view's digest by the post's content hash, so a
page's fingerprint changes exactly when the HTML it prints does. The HTML itself is looked up only
while the page renders, in the bodies `Renderer.render` was given: a page cannot be rendered from
bodies that were not loaded, and it cannot print a stale one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from octavo_content import Post

# "feed" is the body as feeds show it: local links and images absolute.
Part = Literal["body", "list", "summary", "feed"]

# A URL attribute of an element, as the parser writes them: double-quoted.
_URL_ATTRIBUTE = re.compile(r'(?<=\s)(href|src|srcset)="([^"]*)"')

_LOADED: ContextVar[Mapping[str, Post] | None] = ContextVar("octavo_bodies", default=None)


class BodyNotLoaded(LookupError):
    """A template printed the body of a post whose body was not given to the render."""


@dataclass(frozen=True)
class BodyRef:
    """A part of one post's HTML: the post's source path, which part, and its content hash."""

    source: str
    part: Part
    digest: str

    def html(self) -> str:
        """The HTML itself, from the bodies of the render under way."""
        loaded = _LOADED.get()
        post = None if loaded is None else loaded.get(self.source)
        if post is None:
            raise BodyNotLoaded(f"the body of {self.source} was not loaded for this page")
        if self.part == "body":
            return post.body_html
        if self.part == "feed":
            return post.body_html if post.feed_html is None else post.feed_html
        return post.list_html if self.part == "list" else post.summary_html


@dataclass(frozen=True)
class Html(BodyRef):
    """Trusted markup from the parser: printed as it is (`__html__`), never escaped."""

    def __html__(self) -> str:
        return self.html()


@dataclass(frozen=True)
class HtmlText(BodyRef):
    """HTML carried as text, as an Atom feed's `<content type="html">`: the template escapes it."""

    def __str__(self) -> str:
        return self.html()


@dataclass(frozen=True)
class ResolvedHtmlText(HtmlText):
    """`HtmlText` with every link and image URL made absolute against `base` (the post's URL),
    for feeds that have no `xml:base` to resolve them (RSS, JSON Feed)."""

    base: str = ""

    def __str__(self) -> str:
        return resolved_urls(self.html(), self.base)


def resolved_urls(html: str, base: str) -> str:
    """Given HTML and the absolute URL it was written at, returns it with every `href`, `src`
    and `srcset` URL absolute (`#notes` becomes `<base>#notes`; absolute URLs stay)."""

    def join(url: str) -> str:
        # Attribute values are escaped (`&amp;`): only their start can change, never an entity.
        return urljoin(base, url)

    def attribute(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        if name == "srcset":
            candidates = (part.strip().split(" ", 1) for part in value.split(","))
            value = ", ".join(" ".join([join(c[0]), *c[1:]]) for c in candidates if c[0])
        else:
            value = join(value)
        return f'{name}="{value}"'

    return _URL_ATTRIBUTE.sub(attribute, html)


@contextmanager
def bodies_loaded(bodies: Mapping[str, Post]) -> Iterator[None]:
    """Make `bodies` (whole posts by source path) the ones references print, for a render."""
    token = _LOADED.set(bodies)
    try:
        yield
    finally:
        _LOADED.reset(token)
