"""The writing loop in a real browser: Playwright from PyPI driving Debian's Chromium against
`octavo serve` run as a subprocess on a loopback port."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving_helpers import CHROMIUM, browser_tab, octavo_serve

POST = "content/building-a-blog-engine-with-monorepo-architecture.md"
POST_URL = "/posts/building-a-blog-engine-with-monorepo-architecture/"
OVERLAY = "#octavo-build-errors"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="needs Debian's chromium"),
]


@pytest.fixture
def serve(demo_site: Path, tmp_path: Path) -> Iterator[str]:
    """`octavo serve` on the demo site; yields its base URL."""
    arguments = [str(demo_site), "-o", str(tmp_path / "preview")]
    with octavo_serve(arguments, tmp_path / "serve.log") as (url, _):
        yield url


@pytest.fixture
def page(serve: str) -> Iterator[Any]:
    with browser_tab() as tab:
        yield tab


def edit(site: Path, old: str, new: str) -> None:
    post = site / POST
    post.write_text(post.read_text("utf-8").replace(old, new, 1), "utf-8")


def test_edit_break_fix_and_rename_a_post_without_reloading_by_hand(
    page: Any, serve: str, demo_site: Path
) -> None:
    response = page.goto(serve + POST_URL)
    assert response.status == 200
    page.wait_for_function("() => document.querySelector('script[src=\"/_octavo/reload.js\"]')")
    time.sleep(0.3)  # let the page's event stream connect

    # Edit: the page shows the new text within a second.
    saved = time.monotonic()
    edit(demo_site, "Cost optimization is", "Live reload works, and cost optimization is")
    page.get_by_text("Live reload works").wait_for(timeout=5_000)
    elapsed = time.monotonic() - saved
    print(f"edit shown after {elapsed:.3f} s")
    assert elapsed < 1.0

    # Break the front matter: the overlay names the file and the line; the page stays.
    edit(demo_site, "title:", "title: [unclosed")
    overlay = page.locator(OVERLAY)
    overlay.wait_for(state="visible", timeout=5_000)
    assert f"{POST}:" in overlay.inner_text()
    assert "showing the last good build" in overlay.inner_text()
    assert "Live reload works" in page.locator("main").inner_text()

    # Fix it: the overlay goes by itself.
    edit(demo_site, "title: [unclosed", "title:")
    overlay.wait_for(state="detached", timeout=5_000)
    page.get_by_text("Live reload works").wait_for()

    # Rename it: the open page reloads to the old URL, which now redirects to the new one.
    edit(demo_site, "---\n", "---\nslug: renamed-post\n")
    page.wait_for_url(serve + "/posts/renamed-post/", timeout=10_000)
    page.get_by_text("Live reload works").wait_for(timeout=5_000)
    assert page.goto(serve + "/posts/renamed-post/").status == 200

    assert page.evaluate("window.cspViolations") == []
