"""A post is published from its date (or its later publish date) until its expiry date: Hugo's
publishDate and expiryDate. Time passing with no file changed is seen by a build, the no-op
answer included."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo import Builder, main

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
LONG_AGO = 1_600_000_000  # a file time well outside the "racy" window


def make_site(root: Path, posts: dict[str, str]) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    for name, text in posts.items():
        (root / "content" / name).write_text(text)
    for path in [root / "octavo.toml", *(root / "content").rglob("*")]:
        os.utime(path, (LONG_AGO, LONG_AGO))
    return root


def post(title: str, lines: str) -> str:
    return f"---\ntitle: {title}\n{lines}\n---\nText.\n"


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def page(site: Path, slug: str) -> Path:
    return site / "public" / "posts" / slug / "index.html"


def test_an_expired_post_is_left_out_from_its_expiry_date_on(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s",
        {
            "a.md": post("A", "date: 2024-01-01"),
            "e.md": post("E", "date: 2024-01-02\nexpiryDate: 2024-06-01"),
        },
    )
    before = Builder(site, now=at("2024-05-31T23:00:00")).build()
    assert (before.posts, before.expired) == (2, ())
    assert page(site, "e").is_file()
    # Nothing changed on disk, only time: the no-op answer must not hide the expiry.
    after = Builder(site, now=at("2024-06-01T00:00:00")).build()
    assert (after.posts, after.expired) == (1, ("content/e.md",))
    assert not page(site, "e").exists()
    assert "/posts/e/" not in (site / "public" / "feed.xml").read_text()
    assert Builder(site, now=at("2024-06-02T00:00:00")).build().rendered == 0  # no-op again


def test_a_post_is_scheduled_until_its_publish_date(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s",
        {
            "a.md": post("A", "date: 2024-01-01"),
            "p.md": post("P", "date: 2024-01-02\npublishDate: 2024-03-01"),
        },
    )
    before = Builder(site, now=at("2024-02-01T00:00:00")).build()
    assert before.scheduled == ("content/p.md",)
    assert Builder(site, now=at("2024-02-02T00:00:00")).build().rendered == 0
    after = Builder(site, now=at("2024-03-01T00:00:00")).build()
    assert after.scheduled == ()
    # Published: shown with its own date, not its publish date.
    assert 'datetime="2024-01-02"' in page(site, "p").read_text()


def test_the_summary_line_counts_expired_posts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(
        tmp_path / "s",
        {
            "a.md": post("A", "date: 2024-01-01"),
            "d.md": post("D", "date: 2024-01-01\npublished: false"),
            "f.md": post("F", "date: 2999-01-01"),
            "e.md": post("E", "date: 2024-01-01\nexpiryDate: 2024-02-01"),
        },
    )
    assert main(["build", str(site), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "left out 1 draft, 1 scheduled and 1 expired" in out
    assert "expired (its expiry date has come), left out: content/e.md" in out
    assert main(["build", str(site), "--verbose"]) == 0  # the no-op answer says the same
    out = capsys.readouterr().out
    assert "(up to date)" in out and "left out 1 draft, 1 scheduled and 1 expired" in out
    assert "expired (its expiry date has come), left out: content/e.md" in out


def test_a_build_for_an_earlier_moment_is_not_taken_for_up_to_date(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s", {"e.md": post("E", "date: 2024-01-02\nexpiryDate: 2024-06-01")}
    )
    assert Builder(site, now=at("2024-07-01T00:00:00")).build().expired == ("content/e.md",)
    # A clock set back: the post is published again, though no file changed.
    again = Builder(site, now=at("2024-05-01T00:00:00")).build()
    assert (again.posts, again.expired) == (1, ())
    assert page(site, "e").is_file()
