"""A build with nothing to do answers at once, and only when there is truly nothing to do."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from octavo import Builder, main
from octavo.layout import manifest_path

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
LONG_AGO = 1_600_000_000  # a file time well outside the "racy" window


def make_site(root: Path, posts: dict[str, str]) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    for name, text in posts.items():
        (root / "content" / name).write_text(text)
    age(root)
    return root


def age(root: Path) -> None:
    """Date every file of the site long ago, as files are between a user's edits."""
    for path in [root / "octavo.toml", *(root / "content").rglob("*")]:
        os.utime(path, (LONG_AGO, LONG_AGO))


def post(title: str, date: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\nText.\n"


def test_a_second_build_is_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path / "s", {"a.md": post("A", "2024-01-01")})
    assert main(["build", str(site)]) == 0
    capsys.readouterr()
    assert main(["build", str(site)]) == 0
    out = capsys.readouterr().out
    assert "Built 1 post" in out
    assert "(up to date)" in out


def test_any_edit_makes_it_stale(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"a.md": post("A", "2024-01-01")})
    assert Builder(site).build().ok
    assert Builder(site).build().rendered == 0  # up to date
    (site / "content" / "b.md").write_text(post("B", "2024-01-02"))
    age(site)
    report = Builder(site).build()
    assert report.posts == 2
    assert (site / "public" / "posts" / "b" / "index.html").is_file()


def test_a_same_size_edit_right_after_a_build_is_not_missed(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"a.md": post("A", "2024-01-01")})
    path = site / "content" / "a.md"
    path.write_text(post("A", "2024-01-01"))  # just written: its stat proves nothing yet
    assert Builder(site).build().ok
    stat = path.stat()
    path.write_text(post("Z", "2024-01-01"))  # same size, and the same time stamp below
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert Builder(site).build().ok
    # The post keeps its URL (its file's name); the page shows the new title.
    assert "<h1>Z</h1>" in (site / "public" / "posts" / "a" / "index.html").read_text()


def test_a_scheduled_post_coming_due_makes_it_stale(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s", {"a.md": post("A", "2024-01-01"), "f.md": post("F", "2024-06-01")}
    )
    before = Builder(site, now=datetime(2024, 5, 1, tzinfo=UTC)).build()
    assert before.scheduled == ("content/f.md",)
    assert Builder(site, now=datetime(2024, 5, 2, tzinfo=UTC)).build().rendered == 0
    after = Builder(site, now=datetime(2024, 6, 1, tzinfo=UTC) + timedelta(hours=1)).build()
    assert after.scheduled == ()
    assert (site / "public" / "posts" / "f" / "index.html").is_file()


def test_an_output_whose_record_was_deleted_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"a.md": post("A", "2024-01-01")})
    assert Builder(site).build().ok
    manifest_path(site / ".octavo", (site / "public").resolve()).unlink()
    # Without its record the folder is not one Octavo knows it built: refused, not trusted.
    report = Builder(site).build()
    assert not report.ok
    assert "did not write" in str(report.errors[0])
    assert "delete the folder" in str(report.errors[0])


@pytest.mark.parametrize("replaced", [False, True])
def test_a_deleted_or_replaced_output_is_not_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], replaced: bool
) -> None:
    site = make_site(tmp_path / "s", {"a.md": post("A", "2024-01-01")})
    assert main(["build", str(site)]) == 0
    assert main(["build", str(site)]) == 0
    assert "(up to date)" in capsys.readouterr().out
    shutil.rmtree(site / "public")
    if replaced:
        (site / "public").mkdir()  # an empty folder, perhaps with the old one's inode number
    assert main(["build", str(site)]) == 0
    assert "(up to date)" not in capsys.readouterr().out
    assert (site / "public" / "posts" / "a" / "index.html").is_file()
    assert (site / "public" / "feed.xml").is_file()


def test_an_up_to_date_build_still_names_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = "---\ntitle: D\ndate: 2024-01-02\ndraft: true\n---\nText.\n"
    site = make_site(tmp_path / "s", {"a.md": post("A", "2024-01-01"), "d.md": draft})
    assert main(["build", str(site), "--verbose"]) == 0
    first = capsys.readouterr().out
    assert main(["build", str(site), "--verbose"]) == 0
    again = capsys.readouterr().out
    assert "(up to date)" in again
    assert "draft, left out: content/d.md" in first
    assert "draft, left out: content/d.md" in again
