"""A sub-path site in a real browser: the demo site with `base_url = "https://example.org/blog/"`
under `octavo serve` (writing and serving mode, run as a subprocess), styled, its links followed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving_helpers import CHROMIUM, browser_tab, octavo_serve

BLOG = "https://example.org/blog/"
# The theme's stylesheet gives the body a measure; a browser's own style leaves it `none`.
STYLED = "getComputedStyle(document.body).maxWidth !== 'none'"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="needs Debian's chromium"),
]


@pytest.fixture(params=["writing", "serving"])
def serve(request: pytest.FixtureRequest, demo_site: Path, tmp_path: Path) -> Iterator[str]:
    """`octavo serve` on the demo site moved under /blog/; yields the server's root URL."""
    config = demo_site / "octavo.toml"
    config.write_text(config.read_text("utf-8").replace("https://demo.example.org/", BLOG))
    if request.param == "writing":
        mode = ["-o", str(tmp_path / "preview")]
    else:
        build = [sys.executable, "-m", "octavo", "build", str(demo_site)]
        subprocess.run(build, check=True, capture_output=True)
        mode = ["--no-watch", "--workers", "1"]
    arguments = [str(demo_site), *mode]
    with octavo_serve(arguments, tmp_path / "serve.log", ready="/blog/") as (url, _):
        yield url


@pytest.fixture
def page(serve: str) -> Iterator[Any]:
    with browser_tab() as tab:
        yield tab


def test_a_sub_path_site_is_styled_and_its_links_lead_to_styled_pages(
    page: Any, serve: str
) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    # The root leads into the site.
    response = page.goto(serve + "/")
    assert response.status == 200
    assert page.url == serve + "/blog/"
    page.wait_for_load_state("load")
    assert page.evaluate(STYLED), "the home page is unstyled"
    sheets = page.evaluate("[...document.styleSheets].map((s) => s.href)")
    assert sheets and all(sheet.startswith(serve + "/blog/") for sheet in sheets), sheets

    # A post, then a tag, each by a click on the page's own link.
    for link in ('main a[href^="/blog/posts/"]', 'a[href^="/blog/tags/"]'):
        before = page.url
        with page.expect_navigation() as navigation:
            page.locator(link).first.click()
        assert navigation.value.status == 200
        assert page.url != before and page.url.startswith(serve + "/blog/")
        page.wait_for_load_state("load")
        assert page.evaluate(STYLED), f"{page.url} is unstyled"

    assert failed == []
    assert page.evaluate("window.cspViolations") == []
