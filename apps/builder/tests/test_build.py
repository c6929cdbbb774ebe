"""`octavo build` and `octavo new` as a user runs them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo import Builder, main

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "Pacific/Auckland"\n'


def write_site(root: Path, posts: dict[str, str], config: str = CONFIG) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(config)
    for name, text in posts.items():
        (root / "content" / name).write_text(text)
    return root


def post(title: str, date: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\nText of {title}.\n"


def test_drafts_are_left_out_unless_asked_for(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "s",
        {
            "alpha.md": post("Alpha", "2024-01-01"),
            "beta.md": post("Beta", "2024-01-02", "draft: true\n"),
        },
    )
    report = Builder(site).build()
    assert report.posts == 1
    assert report.drafts == ("content/beta.md",)
    assert not (site / "public" / "posts" / "beta").exists()

    with_drafts = Builder(site, include_drafts=True).build()
    assert with_drafts.posts == 2
    assert (site / "public" / "posts" / "beta" / "index.html").is_file()


def test_names_starting_with_a_dot_or_underscore_under_content_are_ignored(
    tmp_path: Path,
) -> None:
    # As Hugo, Zola and Jekyll do: section files (_index.md), editors' and tools' files
    # (.#alpha.md, .git/), notes kept aside (_drafts/) are not posts, and no error.
    site = write_site(
        tmp_path / "s",
        {
            "alpha.md": post("Alpha", "2024-01-01"),
            "_index.md": '+++\nsort_by = "date"\n+++\n',
            ".#alpha.md": "not front matter",
        },
    )
    for folder in ("_drafts", ".git", "trip"):
        (site / "content" / folder).mkdir()
    (site / "content" / "_drafts" / "later.md").write_text(post("Later", "2024-02-01"))
    (site / "content" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (site / "content" / "trip" / "index.md").write_text(post("Trip", "2024-03-01"))
    (site / "content" / "trip" / "_notes.md").write_text("bundle notes, not published")
    (site / "content" / "trip" / "photo.txt").write_text("kept")
    report = Builder(site).build()
    assert report.ok and report.problems == (), [str(problem) for problem in report.problems]
    assert report.posts == 2
    public = site / "public"
    assert sorted(path.name for path in (public / "posts").iterdir()) == ["alpha", "trip"]
    assert (public / "posts" / "trip" / "photo.txt").is_file()
    assert not list(public.rglob("_notes.md")) and not list(public.rglob("HEAD"))


def test_posts_dated_after_now_in_the_site_zone_are_scheduled(tmp_path: Path) -> None:
    # 2024-06-01 10:00 UTC is 22:00 on June 1 in Auckland: a post dated June 1 23:00 there is
    # still in the future, one dated 21:00 is already out.
    now = datetime(2024, 6, 1, 10, 0, tzinfo=UTC)
    site = write_site(
        tmp_path / "s",
        {
            "past.md": post("Past", "2024-06-01 21:00:00"),
            "future.md": post("Future", "2024-06-01 23:00:00"),
        },
    )
    report = Builder(site, now=now).build()
    assert report.posts == 1
    assert report.scheduled == ("content/future.md",)
    assert (site / "public" / "posts" / "past" / "index.html").is_file()
    assert not (site / "public" / "posts" / "future").exists()


def test_summary_line_counts_and_verbose_names_what_was_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(
        tmp_path / "s",
        {
            "a.md": post("Alpha", "2024-01-01", "tags: [x, y]\n"),
            "d.md": post("Draft", "2024-01-01", "draft: true\n"),
            "f.md": post("Future", "2999-01-01"),
        },
    )
    assert main(["build", str(site), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "Built 1 post, 2 tags," in out
    assert "left out 1 draft and 1 scheduled" in out
    assert "draft, left out: content/d.md" in out
    assert "scheduled (dated in the future), left out: content/f.md" in out


def test_static_files_are_copied_and_may_not_shadow_a_generated_page(tmp_path: Path) -> None:
    site = write_site(tmp_path / "s", {"a.md": post("Alpha", "2024-01-01")})
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "logo.svg").write_text("<svg/>")
    assert Builder(site).build().ok
    assert (site / "public" / "img" / "logo.svg").read_text() == "<svg/>"

    (site / "static" / "feed.xml").write_text("mine")
    report = Builder(site).build()
    assert not report.ok
    message = str(report.errors[0])
    assert "/feed.xml is claimed 2 times" in message
    assert "static file static/feed.xml" in message


def test_rebuild_removes_pages_of_deleted_posts(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "s",
        {"alpha.md": post("Alpha", "2024-01-01"), "beta.md": post("Beta", "2024-01-02")},
    )
    assert Builder(site).build().ok
    (site / "content" / "beta.md").unlink()
    assert Builder(site).build().ok
    assert not (site / "public" / "posts" / "beta").exists()
    assert (site / "public" / "posts" / "alpha" / "index.html").is_file()
    # No staging folder is left beside the output; the cache lives in .octavo/.
    assert sorted(p.name for p in site.iterdir()) == [".octavo", "content", "octavo.toml", "public"]


def test_new_site_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "blog"
    assert main(["new", str(site)]) == 0
    assert main(["build", str(site)]) == 0
    assert (site / "public" / "posts" / "hello-world" / "index.html").is_file()
    assert main(["new", str(site)]) == 1  # never over an existing site
    assert "not empty" in capsys.readouterr().err
