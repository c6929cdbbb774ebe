"""Content that breaks naive engines still builds into valid, linked pages: raw HTML, footnotes,
tables, code, odd tags, repeated headings, titles full of markup characters."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import jsonschema
import pytest
import sitecheck
from sitecheck import REPO

from octavo import Builder, BuildReport

JSON_FEED_SCHEMA = json.loads(
    (REPO / "packages" / "render" / "tests" / "jsonfeed-1.1.schema.json").read_text("utf-8")
)
CONFIG = """\
title = "Tricky <Site> & Co"
base_url = "https://example.org/blog/"
timezone = "America/New_York"
per_page = 2

[feeds]
formats = ["atom", "rss", "json"]
"""

POSTS = {
    "markup.md": """---
title: "<script>alert('x')</script> & \\"quotes\\""
date: 2024-03-01T12:00:00
tags: [C++, C#, C, "🦄", Café, "react hooks", react-hooks]
summary: A summary with <b>markup</b> & ampersands.
---
# A top heading

Raw <div onclick="x()">HTML</div> and <script>alert(1)</script> stay text.

## Team Dynamics

Text with a footnote.[^1] And ~~strike~~ and a [link](https://example.com "t").

## Team Dynamics

| a | b |
|---|---|
| 1 | 2 |

- [x] done
- [ ] open

```python
def f(x: int) -> str:
    return "<b>" + str(x)
```

```
plain <code>
```

![](https://example.com/cat.png)

[^1]: The note, with [a link](#team-dynamics).
""",
    "long.md": "---\ntitle: Long\ndate: 2024-02-01\ntags: [c++]\n---\n"
    + "\n\n".join(f"## Section {n}\n\nParagraph {n} of many." for n in range(1, 12))
    + "\n\n<!-- more -->\n\nAfter the cut.\n",
    "main.md": "---\ntitle: Main\ndate: 2024-01-01\ntags: [C]\n---\n## Main\n\n## Top\n\nText.\n",
}


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    site = tmp_path_factory.mktemp("tricky")
    (site / "content").mkdir()
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "cat.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site / "octavo.toml").write_text(CONFIG)
    for name, text in POSTS.items():
        (site / "content" / name).write_text(text)
    report = Builder(site, now=datetime(2025, 1, 1, tzinfo=UTC)).build()
    assert report.ok, [str(p) for p in report.problems]
    return report, site / "public"


def test_pages_are_valid_html(tricky: tuple[BuildReport, Path], vnu_jar: Path) -> None:
    _, output = tricky
    assert sitecheck.nu_errors(vnu_jar, sitecheck.html_files(output)) == []


def test_links_and_anchors_resolve_under_a_sub_path(tricky: tuple[BuildReport, Path]) -> None:
    _, output = tricky
    assert sitecheck.broken_links(output, "https://example.org/blog/") == []


def test_symbol_tags_stay_apart_and_odd_tags_get_pages(tricky: tuple[BuildReport, Path]) -> None:
    _, output = tricky
    tags = {path.parent.name for path in (output / "tags").glob("*/index.html")}
    assert {"cpp", "csharp", "c", "u1f984", "cafe", "react-hooks"} <= tags
    cpp = (output / "tags" / "cpp" / "index.html").read_text()
    # "c++" (long.md) and "C++" (markup.md) tie one post each: the earliest post's spelling wins.
    assert "<h1>Tag: c++</h1>" in cpp


def test_markup_in_titles_and_raw_html_is_escaped(tricky: tuple[BuildReport, Path]) -> None:
    _, output = tricky
    for page in sitecheck.html_files(output):
        html = page.read_text()
        assert "<script>" not in html, page
        assert 'onclick="' not in html, page


def test_collision_and_missing_alt_text_are_warned_about(tricky: tuple[BuildReport, Path]) -> None:
    report, _ = tricky
    warnings = [str(w) for w in report.warnings]
    assert any("react hooks" in w and "react-hooks" in w for w in warnings), warnings
    assert any(w.startswith("content/markup.md:33: image") for w in warnings), warnings


def test_feeds_are_valid(tricky: tuple[BuildReport, Path]) -> None:
    _, output = tricky
    feeds = [*output.rglob("feed.xml"), *output.rglob("rss.xml")]
    assert len(feeds) == 2 * len(list(output.rglob("feed.json"))) > 2
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        assert all(e.link.startswith("https://example.org/blog/posts/") for e in parsed.entries)
    for feed in output.rglob("feed.json"):
        parsed = json.loads(feed.read_bytes())
        jsonschema.validate(parsed, JSON_FEED_SCHEMA)
        assert all(i["url"].startswith("https://example.org/blog/posts/") for i in parsed["items"])
