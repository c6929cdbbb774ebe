"""Octavo's records of output folders live in the site's `.octavo` folder, and go with them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from octavo import Builder
from octavo.cache import BuildCache
from octavo.layout import OUTPUT_KEYS, manifest_path

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def make_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    (root / "content" / "a.md").write_text("---\ntitle: A\ndate: 2024-01-01\n---\nText.\n")
    return root


def recorded(site: Path, output: Path) -> dict[str, bool]:
    """Which records the site holds of `output`: its rows, each meta key, its manifest."""
    with sqlite3.connect(site / ".octavo" / "cache.sqlite") as db:
        rows = db.execute("SELECT count(*) FROM outputs WHERE output = ?", (str(output),))
        found = {"rows": rows.fetchone()[0] > 0}
        for prefix in OUTPUT_KEYS:
            key = db.execute("SELECT 1 FROM meta WHERE key = ?", (prefix + str(output),))
            found[prefix] = key.fetchone() is not None
    found["manifest"] = manifest_path(site / ".octavo", output).is_file()
    return found


def test_the_records_of_an_output_folder_that_is_gone_are_pruned(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s").resolve()
    kept, gone = site / "public", site / "elsewhere"
    assert Builder(site).build().ok
    assert Builder(site, gone).build().ok
    assert all(recorded(site, gone).values())
    shutil.rmtree(gone)
    cache = BuildCache.open(site, "any parse key")
    assert cache.prune_outputs() == [str(gone)]
    cache.commit()
    cache.close()
    assert not any(recorded(site, gone).values())
    assert all(recorded(site, kept).values())


def test_a_manifest_without_cache_records_is_pruned_with_its_folder(tmp_path: Path) -> None:
    # A build with --no-cache records its folder's manifest, and nothing in the cache.
    site = make_site(tmp_path / "s").resolve()
    scratch = site / "scratch"
    assert Builder(site, scratch, use_cache=False).build().ok
    assert manifest_path(site / ".octavo", scratch).is_file()
    shutil.rmtree(scratch)
    cache = BuildCache.open(site, "any parse key")
    assert cache.prune_outputs() == [str(scratch)]
    assert not manifest_path(site / ".octavo", scratch).exists()
    assert list((site / ".octavo" / "outputs").iterdir()) == []
