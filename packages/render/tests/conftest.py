"""Shared fixtures: a small site of real `Post`s, renderers over it, and an HTML reader."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from octavo_content import Heading, Post, SiteConfig
from octavo_render import Renderer
from octavo_tags import TagIndex

# So the tests can import their helper modules (wcag) in importlib mode.
sys.path.insert(0, str(Path(__file__).parent))


def make_post(
    slug: str, title: str, when: datetime, tags: tuple[str, ...] = (), **fields: Any
) -> Post:
    """Given a slug, title, date and tags, returns a post as the parser would hand it over."""
    defaults: dict[str, Any] = {
        "source": f"content/{slug}.md",
        "slug": slug,
        "url": f"/posts/{slug}/",
        "title": title,
        "date": when,
        "tags": tags,
        "body_html": f'<p>Full body of {slug}.</p>\n<p><a href="#{slug}-end">jump</a></p>',
        "list_html": f"<p>Listed body of {slug}.</p>",
        "summary_html": f"<p>Summary of {slug}.</p>",
        "description": f"About {slug}",
    }
    return Post(**(defaults | fields))


@pytest.fixture
def posts() -> list[Post]:
    """Four posts over two years, newest first, with a tricky title and a table of contents."""
    return [
        make_post(
            "tricky",
            "Fish & <script>alert(1)</script> Chips",
            datetime(2024, 5, 1, tzinfo=UTC),
            ("Python", "Web"),
            day_only=True,
            updated=datetime(2024, 6, 2, 9, 30, tzinfo=UTC),
            has_more=True,
            authors=("Ada",),
            toc=(
                Heading(level=2, text="Setup", id="setup"),
                Heading(level=3, text="Install & run", id="install-run"),
                Heading(level=2, text="Usage", id="usage"),
            ),
        ),
        make_post("second", "Second post", datetime(2024, 2, 10, 8, tzinfo=UTC), ("python",)),
        make_post("third", "Third post", datetime(2023, 12, 31, 23, tzinfo=UTC), ("Rust",)),
        make_post("fourth", "Fourth post", datetime(2023, 3, 1, tzinfo=UTC), ("Python",)),
    ]


@pytest.fixture
def config() -> SiteConfig:
    """A site served from a sub-path, with an ampersand in its title."""
    return SiteConfig(
        title="Bits & Bobs",
        base_url="https://example.org/blog/",
        timezone="UTC",
        author="Grace",
        description="Notes on code",
        per_page=2,
    )


@pytest.fixture
def index(posts: list[Post]) -> TagIndex:
    """The tag index of the fixture posts."""
    return TagIndex.build(posts)


@pytest.fixture
def renderer(config: SiteConfig, index: TagIndex) -> Renderer:
    """A renderer over the fixture site with the default theme."""
    return Renderer(config, index)


@pytest.fixture
def renderer_for(index: TagIndex) -> Callable[..., Renderer]:
    """A factory: given config overrides (and a templates folder), returns a renderer."""

    def build(templates: Path | None = None, **overrides: Any) -> Renderer:
        settings: dict[str, Any] = {
            "title": "Bits & Bobs",
            "base_url": "https://example.org/",
            "timezone": "UTC",
        }
        return Renderer(SiteConfig(**(settings | overrides)), index, site_templates=templates)

    return build


class Document(HTMLParser):
    """An HTML page read into what tests look at: elements with attributes, and their text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._open: list[tuple[str, list[str]]] = []
        self.texts: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in {"meta", "link", "br", "img", "hr", "input"}:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            self.texts.setdefault(name, []).append(text)
            if self._open:
                self._open[-1][1].append("".join(parts))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][1].append(data)

    def count(self, tag: str) -> int:
        """Given a tag name, returns how many such elements the page has."""
        return sum(1 for name, _ in self.elements if name == tag)

    def text_of(self, tag: str) -> list[str]:
        """Given a tag name, returns the text of each such element, whitespace collapsed."""
        return self.texts.get(tag, [])

    def attrs_of(self, tag: str) -> list[dict[str, str | None]]:
        """Given a tag name, returns the attributes of each such element."""
        return [attrs for name, attrs in self.elements if name == tag]

    def hrefs(self) -> list[str]:
        """Returns the href of every link and `<link>` on the page."""
        return [
            str(attrs["href"])
            for name, attrs in self.elements
            if name in {"a", "link"} and attrs.get("href") is not None
        ]


@pytest.fixture
def read() -> Callable[[bytes], Document]:
    """A function: given rendered bytes, returns the page as a `Document`."""
    return lambda data: Document(data.decode("utf-8"))
