"""What a cold build removes: every engine's caches, so a cold build starts from the sources."""

from __future__ import annotations

import shutil
from pathlib import Path

from engines import EngineCommand

from octavo import Builder


def test_a_cold_octavo_build_starts_without_its_records(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "octavo.toml").write_text(
        'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
    )
    (site / "content" / "a.md").write_text("---\ntitle: A\ndate: 2024-01-01\n---\nText.\n")
    assert Builder(site, tmp_path / "out").build().ok
    caches = EngineCommand("octavo", ("octavo",)).caches(site)
    assert any(path.exists() for path in caches)  # the parse cache lives there
    for path in [tmp_path / "out", *caches]:  # as the cold scenario does
        shutil.rmtree(path)
    report = Builder(site, tmp_path / "out").build()
    assert report.ok
    assert report.parsed == 1  # nothing was left to reuse
