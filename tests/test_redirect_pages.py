"""Redirect pages as clients see them: valid HTML5 to the Nu Html Checker, in any site language."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sitecheck

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
