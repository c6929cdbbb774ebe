"""Redirect pages as clients see them: valid HTML5 to the Nu Html Checker, in any site language."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sitecheck
from browser import SCHEMES, WIDTHS, axe_violations, serve
from playwright.sync_api import Browser, Route

from octavo import Builder


@pytest.mark.browser
def test_redirect_pages_pass_the_nu_html_checker(tmp_path: Path, vnu_jar: Path) -> None:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        'title = "Tom & Jerry <3"\nbase_url = "https://example.org/blog/"\n'
        'timezone = "UTC"\nlanguage = "fr-CA"\n'
    )
    (root / "content" / "new.md").write_text(
        "---\ntitle: New\ndate: 2024-05-01\naliases: [/2019/05/old/]\n"
        "redirect_from: /old.html\n---\nText.\n"
    )
    assert Builder(root, now=datetime(2025, 1, 1, tzinfo=UTC)).build().ok
    output = root / "public"
    pages = [output / "2019" / "05" / "old" / "index.html", output / "old.html"]
    assert '<html lang="fr-CA">' in pages[0].read_text()
    assert sitecheck.nu_errors(vnu_jar, pages) == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_redirect_pages_pass_axe_and_lead_to_the_post(
    tmp_path: Path, chromium: Browser, scheme: str, width: int
) -> None:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        'title = "Notes"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
    )
    (root / "content" / "new.md").write_text(
        "---\ntitle: New\ndate: 2024-05-01\naliases: [/2019/05/old/]\n---\nText.\n"
    )
    assert Builder(root, now=datetime(2025, 1, 1, tzinfo=UTC)).build().ok
    with serve(root / "public") as origin:
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme
        )
        try:
            page = context.new_page()
            # The refresh would leave the page before axe reads it: answer it with 204 No Content,
            # which keeps the browser on the page, and record that it asked for the post.
            followed: list[str] = []

            def hold_back(route: Route) -> None:
                followed.append(route.request.url)
                route.fulfill(status=204)

            context.route(origin + "/posts/new/", hold_back)
            response = page.goto(origin + "/2019/05/old/", wait_until="load")
            assert response is not None and response.ok
            assert axe_violations(page) == []
            page.wait_for_timeout(200)
            assert followed == [origin + "/posts/new/"]
            assert page.get_by_role("link").get_attribute("href") == "/posts/new/"
        finally:
            context.close()
