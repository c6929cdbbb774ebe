"""The sitemap, robots.txt and the theme's static files."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from xml.etree import ElementTree

from octavo_render import Renderer, SitemapEntry

_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_absolute_urls_with_lastmod_when_known(renderer: Renderer) -> None:
    data = renderer.sitemap(
        [
            SitemapEntry("/", None),
            SitemapEntry("/posts/a&b/", datetime(2024, 5, 1, 9, 30, 15, 999, tzinfo=UTC)),
            # A moment without a zone is read in the site's zone.
            SitemapEntry("/archive/", datetime(2024, 1, 2, 3, 4, 5)),
        ]
    )
    root = ElementTree.fromstring(data)
    urls = [
        (url.findtext("sm:loc", namespaces=_NS), url.findtext("sm:lastmod", namespaces=_NS))
        for url in root.findall("sm:url", _NS)
    ]
    assert urls == [
        ("https://example.org/blog/", None),
        ("https://example.org/blog/posts/a&b/", "2024-05-01T09:30:15+00:00"),
        ("https://example.org/blog/archive/", "2024-01-02T03:04:05+00:00"),
    ]


def test_robots_allows_everything_and_names_the_absolute_sitemap(renderer: Renderer) -> None:
    lines = renderer.robots().decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert "Sitemap: https://example.org/blog/sitemap.xml" in lines


def test_theme_assets_ship_the_stylesheet_the_pages_link(renderer: Renderer) -> None:
    assets = renderer.theme_assets()
    (css_path,) = [path for path in assets if path.endswith(".css")]
    # Named by its content's hash, so a server may let browsers cache it forever.
    digest = hashlib.sha256(assets[css_path]).hexdigest()[:8]
    assert css_path == f"/theme/style.{digest}.css"
    css = assets[css_path].decode()
    assert f'href="/blog{css_path}"'.encode() in renderer.not_found_page()
    assert "prefers-color-scheme: dark" in css
    assert ".highlight .k" in css
    assert "overflow-x: auto" in css
    # No external requests from the theme.
    assert "://" not in css
    assert "url(" not in css
    assert "@import" not in css
