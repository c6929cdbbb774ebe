"""A sub-path site in a real browser: the demo site with `base_url = "https://example.org/blog/"`
under `octavo serve` (writing and serving mode, run as a subprocess), styled, its links followed."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving_helpers import free_port
from test_browser import CHROMIUM, CHROMIUM_ARGS

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
    octavo = [sys.executable, "-m", "octavo"]
    port = free_port()
    if request.param == "writing":
        mode = ["-o", str(tmp_path / "preview")]
    else:
        subprocess.run([*octavo, "build", str(demo_site)], check=True, capture_output=True)
        mode = ["--no-watch", "--workers", "1"]
    command = [*octavo, "serve", str(demo_site), "--port", str(port), *mode]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "octavo serve did not answer within 20 s"
            try:
                if httpx.get(url + "/blog/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture
def page(serve: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.set_default_timeout(10_000)
            tab.add_init_script(
                "window.cspViolations = [];"
                "document.addEventListener('securitypolicyviolation',"
                " (e) => window.cspViolations.push(e.violatedDirective));"
            )
            yield tab
        finally:
            browser.close()


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
