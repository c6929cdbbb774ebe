"""The demo site, built end to end and judged by real clients: the Nu Html Checker, feedparser."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import sitecheck
from sitecheck import DEMO, REPO

from octavo import Builder, BuildReport

SEED = REPO / "tests" / "fixtures" / "seed-tag-python.txt"
BASE_URL = "https://demo.example.org/"


def test_python_tag_page_lists_the_seed_text_in_order(demo_build: tuple[BuildReport, Path]) -> None:
    _, output = demo_build
    page = sitecheck.text_blocks(output / "tags" / "python" / "index.html")
    # The page adds metadata lines the seed's text leaves out: the post count and each post's date.
    metadata = re.compile(
        r"^(\d+ posts · Atom feed for this tag|\w+ \d{1,2}, \d{4} · \d+ min read)$"
    )
    assert len([block for block in page if metadata.match(block)]) == 11
    assert [block for block in page if not metadata.match(block)] == sitecheck.seed_blocks(SEED)


def test_summary_counts_posts_tags_and_pages(demo_build: tuple[BuildReport, Path]) -> None:
    report, output = demo_build
    assert report.posts == 10
    assert report.tags == 15  # Python and the 14 topic tags of the demo
    assert (output / "index.html").is_file()
    assert (output / "archive" / "index.html").is_file()
    assert (output / "404.html").is_file()
    about = (output / "about" / "index.html").read_text()
    assert '<a href="/about/" aria-current="page">About</a>' in about
    assert "https://demo.example.org/about/" in (output / "sitemap.xml").read_text()
    assert "Sitemap: https://demo.example.org/sitemap.xml" in (output / "robots.txt").read_text()


def test_every_page_passes_the_nu_html_checker(
    demo_build: tuple[BuildReport, Path], vnu_jar: Path
) -> None:
    _, output = demo_build
    pages = sitecheck.html_files(output)
    # posts, the About page, home, tag pages, tags list + archive + 404, four categories and
    # their index, the author, the series, the search page
    assert len(pages) == 10 + 1 + 1 + 15 + 3 + 4 + 1 + 1 + 1 + 1
    assert sitecheck.nu_errors(vnu_jar, pages) == []


def test_categories_the_author_and_the_series_have_their_pages(
    demo_build: tuple[BuildReport, Path],
) -> None:
    _, output = demo_build
    engineering = sitecheck.text_blocks(output / "categories" / "engineering" / "index.html")
    assert "Category: Engineering" in engineering
    # Zola's [taxonomies] table in the one TOML post.
    assert (output / "categories" / "infrastructure" / "index.html").is_file()
    author = sitecheck.text_blocks(output / "authors" / "octavo-team" / "index.html")
    assert "Posts by Octavo Team" in author
    assert "The people who build Octavo, writing about building software." in author
    post = output / "posts" / "event-driven-architecture-for-solo-developer-skip-the-hype"
    text = sitecheck.text_blocks(post / "index.html")
    assert "Part 2 of 3 in the series Architecture in Practice" in text


def test_every_internal_link_and_anchor_resolves(demo_build: tuple[BuildReport, Path]) -> None:
    _, output = demo_build
    assert sitecheck.broken_links(output, BASE_URL) == []


def test_feeds_parse_without_bozo_and_hold_the_right_entries(
    demo_build: tuple[BuildReport, Path],
) -> None:
    _, output = demo_build
    site = feedparser.parse((output / "feed.xml").read_bytes())
    assert site.bozo == 0, site.get("bozo_exception")
    assert len(site.entries) == 10
    assert site.entries[0].title == "Building a Blog Engine with Monorepo Architecture"
    assert all(entry.link.startswith(BASE_URL + "posts/") for entry in site.entries)
    assert len({entry.id for entry in site.entries}) == 10

    databases = feedparser.parse((output / "tags" / "databases" / "feed.xml").read_bytes())
    assert databases.bozo == 0
    assert [entry.title for entry in databases.entries] == [
        "3 Comprehensive Ways to Configure PostgreSQL Databases",
        "Vector Databases at Scale: Architecture Decisions We Regret",
    ]
    # Full content, not a summary: the post's last paragraph is in the feed.
    assert "anchors and the tactical choices" not in databases.entries[0].content[0].value
    assert "Subscribe to our newsletter" in databases.entries[0].content[0].value
    for feed in output.rglob("feed.xml"):
        assert feedparser.parse(feed.read_bytes()).bozo == 0, feed


def test_building_leaves_the_site_sources_byte_for_byte_unchanged(tmp_path: Path) -> None:
    def snapshot() -> dict[str, bytes]:
        return {
            path.relative_to(DEMO).as_posix(): path.read_bytes()
            for path in DEMO.rglob("*")
            if path.is_file() and not {"public", ".octavo"} & set(path.relative_to(DEMO).parts)
        }

    before = snapshot()
    assert Builder(DEMO, tmp_path / "out").build().ok
    assert snapshot() == before
