"""Standalone pages as clients see them: valid HTML5 to the Nu Html Checker, and no axe-core
violation in light and dark, at 375 and 1280 px, with a configured menu marking the current page.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sitecheck
from browser import SCHEMES, WIDTHS, axe_violations, open_page, serve
from playwright.sync_api import Browser

from octavo import Builder

pytestmark = pytest.mark.browser

PAGES = {
    # Undated, long enough for a table of contents, with code and a table.
    "/about/": "pages/about.md",
    # Dated and updated.
    "/colophon/": "pages/colophon.md",
}
ABOUT = """---
title: About <this> site & me
summary: Who writes here, and why.
---
I write about software.

## Where I work

Mostly in `Python`:

```python
print("hello")
```

## What I use

| tool | why |
|---|---|
| Octavo | it is mine |

### Elsewhere

[The archive](/archive/) lists every post.
"""
COLOPHON = """---
title: Colophon
date: 2024-02-03
updated: 2024-05-06
---
Set in the default theme.
"""
CONFIG = """title = "Pages & Menus"
base_url = "https://example.org/"
timezone = "Europe/Paris"
language = "en-GB"

[[menu]]
name = "Home"
target = "home"

[[menu]]
name = "About"
page = "pages/about.md"

[[menu]]
name = "Colophon"
page = "pages/colophon.md"

[[menu]]
name = "Source"
url = "https://example.com/source"
"""


@pytest.fixture(scope="module")
def page_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with two pages, one post and a menu, built: returns its output."""
    root = tmp_path_factory.mktemp("pages") / "site"
    (root / "content" / "pages").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    (root / "content" / "pages" / "about.md").write_text(ABOUT)
    (root / "content" / "pages" / "colophon.md").write_text(COLOPHON)
    (root / "content" / "hello.md").write_text("---\ntitle: Hello\ndate: 2024-05-01\n---\nHi.\n")
    report = Builder(root, now=datetime(2025, 1, 1, tzinfo=UTC)).build()
    assert report.ok, [str(problem) for problem in report.problems]
    return root / "public"


@pytest.fixture(scope="module")
def origin(page_site: Path) -> Iterator[str]:
    with serve(page_site) as served:
        yield served


def test_pages_pass_the_nu_html_checker(page_site: Path, vnu_jar: Path) -> None:
    files = [page_site / path.strip("/") / "index.html" for path in PAGES]
    assert sitecheck.nu_errors(vnu_jar, [*files, page_site / "index.html"]) == []
    assert all(sitecheck.outline_problems(file) == [] for file in files)
    assert all(sitecheck.csp_problems(file) == [] for file in files)
    (data,) = sitecheck.json_ld(files[0])
    assert data["@type"] == "WebPage" and data["name"] == "About <this> site & me"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations_on_a_page(
    chromium: Browser, origin: str, path: str, scheme: str, width: int
) -> None:
    visit = open_page(chromium, origin, path, width=width, scheme=scheme)
    try:
        assert axe_violations(visit.page) == []
        assert visit.problems() == []
        current = visit.page.locator('.site-nav a[aria-current="page"]')
        assert current.count() == 1
        assert current.get_attribute("href") == path
        overflow = visit.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow} px too wide"
    finally:
        visit.page.context.close()
