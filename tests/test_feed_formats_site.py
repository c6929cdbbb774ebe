"""Every feed of a built site in every format, read by real clients: feedparser for Atom and
RSS, the JSON Feed 1.1 schema for JSON Feed; the demo with `[feeds]` set, and a site of tricky
content."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
import sitecheck
from sitecheck import DEMO, REPO

from octavo import Builder

SCHEMA = json.loads(
    (REPO / "packages" / "render" / "tests" / "jsonfeed-1.1.schema.json").read_text("utf-8")
)
FEEDS = '\n[feeds]\nformats = ["atom", "rss", "json"]\nentries = 5\n'


def valid_feeds(output: Path, base_url: str) -> dict[str, list[Any]]:
    """Given a built site, returns each format's feeds read back, each checked valid: feedparser
    reads Atom and RSS without complaint, JSON Feed passes its schema, every URL absolute."""
    found: dict[str, list[Any]] = {"atom": [], "rss": [], "json": []}
    for path in sorted(output.rglob("*")):
        if path.name in {"feed.xml", "rss.xml"}:
            parsed = feedparser.parse(path.read_bytes())
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
            version = "atom10" if path.name == "feed.xml" else "rss20"
            assert parsed.version == version, path
            assert all(entry.link.startswith(base_url) for entry in parsed.entries), path
            found["atom" if path.name == "feed.xml" else "rss"].append(parsed)
        elif path.name == "feed.json":
            feed = json.loads(path.read_bytes())
            jsonschema.validate(feed, SCHEMA)
            assert feed["feed_url"] == base_url + path.relative_to(output).as_posix()
            assert all(item["url"].startswith(base_url) for item in feed["items"]), path
            found["json"].append(feed)
    return found


@pytest.fixture(scope="module")
def demo_all_formats(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("demo-feeds") / "site"
    shutil.copytree(DEMO, site, ignore=shutil.ignore_patterns(".octavo", "public"))
    (site / "octavo.toml").write_text((site / "octavo.toml").read_text() + FEEDS)
    report = Builder(site, now=datetime(2026, 11, 26, tzinfo=UTC)).build()
    assert report.ok, [str(problem) for problem in report.problems]
    return site / "public"


def test_every_demo_feed_in_every_format_is_valid(demo_all_formats: Path) -> None:
    found = valid_feeds(demo_all_formats, "https://demo.example.org/")
    # The site's, 15 tags', 4 categories', the author's and the series': one of each format.
    assert {fmt: len(feeds) for fmt, feeds in found.items()} == {"atom": 22, "rss": 22, "json": 22}
    assert all(len(feed["items"]) <= 5 for feed in found["json"])
    assert max(len(feed["items"]) for feed in found["json"]) == 5


def test_every_demo_page_links_each_format(demo_all_formats: Path) -> None:
    for page in sitecheck.html_files(demo_all_formats):
        html = page.read_text()
        for kind in ("application/atom+xml", "application/rss+xml", "application/feed+json"):
            assert f'<link rel="alternate" type="{kind}" title="Octavo Demo' in html, (page, kind)


def test_the_demo_without_feed_settings_writes_atom_alone(
    demo_build: tuple[object, Path],
) -> None:
    _, output = demo_build
    assert not list(output.rglob("rss.xml")) and not list(output.rglob("feed.json"))
    found = valid_feeds(output, "https://demo.example.org/")
    assert len(found["atom"]) == 22
    assert "application/rss+xml" not in (output / "index.html").read_text()
