"""Standalone pages (`page_view`, `page.html`) and the navigation a menu gives every page."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from octavo_content import Post, SiteConfig
from octavo_render import Link, Renderer
from octavo_tags import TagIndex


def about(**fields: object) -> Post:
    """The page content/pages/about.md, as the parser hands it over, with `fields` changed."""
    defaults: dict[str, object] = {
        "source": "content/pages/about.md",
        "kind": "page",
        "slug": "about",
        "url": "/about/",
        "title": "About",
        "date": datetime(2024, 1, 1, tzinfo=UTC),
        "body_html": "<p>Full body of about.</p>",
        "list_html": "",
        "summary_html": "",
    }
    return Post.model_validate(defaults | fields)


def rendered(renderer: Renderer, page: Post) -> str:
    return renderer.render(renderer.page_view(page), {page.source: page}).decode()


def nav_links(page: str) -> list[str]:
    block = page.split('aria-label="Site">', 1)[1].split("</nav>", 1)[0]
    return re.findall(r"<a [^>]*>[^<]*</a>", block)


def test_an_undated_page_has_no_date_anywhere(renderer: Renderer) -> None:
    page = rendered(renderer, about(date=None))
    assert "<h1>About</h1>" in page and "Full body of about." in page
    assert "<time" not in page and "datePublished" not in page and "2024" not in page
    assert '"@type":"WebPage"' in page and "BlogPosting" not in page


def test_a_dated_page_shows_its_day(renderer: Renderer) -> None:
    page = rendered(renderer, about(day_only=True))
    assert '<time datetime="2024-01-01">January 1, 2024</time>' in page
    assert '"datePublished":"2024-01-01"' in page


def test_the_default_navigation_is_home_tags_archive(renderer: Renderer) -> None:
    links = nav_links(rendered(renderer, about(date=None)))
    assert links == [
        '<a href="/blog/">Home</a>',
        '<a href="/blog/tags/">Tags</a>',
        '<a href="/blog/archive/">Archive</a>',
    ]


def test_a_menu_replaces_it_and_marks_the_current_page(config: SiteConfig, index: TagIndex) -> None:
    menu = [Link("About & me", "/about/"), Link("Code", "https://example.com/x?a=1&b=2")]
    renderer = Renderer(config, index, menu=menu)
    links = nav_links(rendered(renderer, about(date=None)))
    assert links == [
        '<a href="/blog/about/" aria-current="page">About &amp; me</a>',
        '<a href="https://example.com/x?a=1&amp;b=2">Code</a>',
    ]
