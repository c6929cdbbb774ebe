"""A site with a page bundle, as its clients see it: links and images that resolve on the post's
page, its list pages and its feed (feedparser), and pages with figures that the Nu Html Checker
passes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import sitecheck
from PIL import Image

from octavo import Builder

BASE_URL = "https://example.org/blog/"
POST = """---
title: Our cats
date: 2024-05-01
tags: [cats]
---
Our cats, and [their papers](files/papers.pdf).

![Two cats asleep on a sofa](sofa.jpg "Asleep, as ever")

Text with a small ![cat icon](icon.png) in it.
"""


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bundle") / "site"
    bundle = root / "content" / "cats"
    (bundle / "files").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        f'title = "Cats"\nbase_url = "{BASE_URL}"\ntimezone = "UTC"\n'
    )
    (bundle / "index.md").write_text(POST)
    (bundle / "files" / "papers.pdf").write_bytes(b"%PDF-1.4\n")
    Image.new("RGB", (1800, 1200), (90, 120, 160)).save(bundle / "sofa.jpg")
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(bundle / "icon.png")
    report = Builder(root, now=datetime(2025, 1, 1, tzinfo=UTC)).build()
    assert report.ok, report.errors
    return root / "public"


PAGES = ["posts/cats/index.html", "index.html", "tags/cats/index.html"]


def test_every_link_and_image_resolves_on_the_post_and_its_lists(output: Path) -> None:
    assert sitecheck.broken_links(output, BASE_URL) == []
    for page in PAGES:
        html = (output / page).read_text()
        assert 'href="/blog/posts/cats/files/papers.pdf"' in html, page
        candidates = re.findall(r'srcset="([^"]+)"', html)
        assert candidates, page
        for srcset in candidates:
            for candidate in srcset.split(", "):
                url = candidate.split(" ")[0]
                assert (output / url.removeprefix("/blog/")).is_file(), (page, url)


def test_feeds_carry_absolute_urls(output: Path) -> None:
    for feed in ("feed.xml", "tags/cats/feed.xml"):
        parsed = feedparser.parse((output / feed).read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        content = parsed.entries[0].content[0].value
        assert f'src="{BASE_URL}posts/cats/sofa.jpg"' in content
        assert f'href="{BASE_URL}posts/cats/files/papers.pdf"' in content
        urls = re.findall(r'(?:src|href)="([^"]+)"', content)
        urls += [
            c.split(" ")[0] for s in re.findall(r'srcset="([^"]+)"', content) for c in s.split(", ")
        ]
        assert all(url == urljoin(BASE_URL, url) and url.startswith("https://") for url in urls)


def test_the_post_has_its_figure_and_image(output: Path) -> None:
    html = (output / "posts" / "cats" / "index.html").read_text()
    assert "<figcaption>Asleep, as ever</figcaption>" in html
    assert 'width="1800" height="1200"' in html
    assert (
        '<meta property="og:image" content="https://example.org/blog/posts/cats/sofa.jpg">' in html
    )


@pytest.mark.browser
def test_pages_with_figures_and_pictures_pass_the_nu_html_checker(
    output: Path, vnu_jar: Path
) -> None:
    assert sitecheck.nu_errors(vnu_jar, [output / page for page in PAGES]) == []
