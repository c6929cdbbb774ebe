"""The image bench: its photos are shown and resized, and both sides are timed."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import images
from PIL import Image

from octavo import Builder


def test_the_photos_are_a_bundle_the_post_shows_resized(tmp_path: Path) -> None:
    site = tmp_path / "demo"
    shutil.copytree(images.DEMO, site, ignore=shutil.ignore_patterns("public", ".octavo"))
    images.with_images(site, 2, 1000)
    bundle = site / "content" / images.POST
    with Image.open(bundle / "photo-1.jpg") as photo:
        assert photo.size == (1000, 666)
    report = Builder(site, tmp_path / "out", now=datetime(2026, 11, 26, tzinfo=UTC)).build()
    assert report.ok, report.errors
    page = (tmp_path / "out" / "posts" / images.POST / "index.html").read_text()
    assert page.count("<picture>") == 2
    assert "<figcaption>A photo, captioned</figcaption>" in page
    assert (tmp_path / "out" / "posts" / images.POST / "photo-1-960w.webp").is_file()


def test_both_sides_are_timed() -> None:
    times = images.measure(count=1, width=600, repeat=1, jobs=1)
    assert [len(runs) for runs in times.values()] == [1, 1]
    assert all(wall > 0 and cpu > 0 for runs in times.values() for wall, cpu in runs)
