"""A full build forgets the output folders that no longer exist (needs builder.py to call
`BuildCache.prune_outputs` and to give the writer the site's records folder)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from octavo import Builder
from octavo.layout import manifest_path

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def test_a_full_build_forgets_output_folders_that_are_gone(tmp_path: Path) -> None:
    site = (tmp_path / "s").resolve()
    (site / "content").mkdir(parents=True)
    (site / "octavo.toml").write_text(CONFIG)
    (site / "content" / "a.md").write_text("---\ntitle: A\ndate: 2024-01-01\n---\nText.\n")
    other = tmp_path / "other"  # outside the site: its manifest is still the site's record
    assert Builder(site, other).build().ok
    assert manifest_path(site / ".octavo", other.resolve()).is_file()
    assert not (tmp_path / ".octavo").exists()  # nothing of Octavo's beside the output
    shutil.rmtree(other)
    assert Builder(site).build().ok
    assert not manifest_path(site / ".octavo", other.resolve()).exists()
    with sqlite3.connect(site / ".octavo" / "cache.sqlite") as db:
        keys = [key for (key,) in db.execute("SELECT key FROM meta") if str(other) in key]
        rows = db.execute("SELECT count(*) FROM outputs WHERE output = ?", (str(other),))
        assert (keys, rows.fetchone()[0]) == ([], 0)
