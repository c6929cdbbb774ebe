"""A `Resident` (what `octavo serve` keeps between builds): it reuses the indexes and routes only
when an edit changed what pages show of a post, and its output always equals a clean build's.

`test_incremental.py` runs every kind of edit with a resident too; these cases say which
edits may reuse and which may not, and what another process's build in between does."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from octavo import Builder, BuildReport, Resident
from octavo import builder as builder_module
from octavo import loading as loading_module
from octavo.freshness import SiteState, site_state
from octavo.loading import LoadedSite
from octavo.verify import tree_differences

NOW = datetime(2024, 6, 1, tzinfo=UTC)


def write_site(root: Path, count: int = 12) -> None:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\nper_page = 4\n'
    )
    for n in range(count):
        (root / "content" / f"p{n}.md").write_text(
            f"---\ntitle: Post {n}\ndate: 2024-01-{n + 1:02d}\ntags: [t{n % 3}]\n---\n"
            f"## Start\n\nBody {n}.\n"
        )


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "content" / name
    path.write_text(path.read_text().replace(old, new))


def built_as_clean(root: Path, report: BuildReport, clean: Path) -> None:
    assert report.ok, report.errors
    assert Builder(root, clean, now=NOW, use_cache=False).build().ok
    assert tree_differences(root / "public", clean) == []


def built_with_resident(tmp_path: Path) -> tuple[Path, Resident]:
    """The test site under `tmp_path`, built once with a new resident."""
    root = tmp_path / "site"
    write_site(root)
    resident = Resident()
    Builder(root, now=NOW, resident=resident).build()
    return root, resident


def made_routes_again(report: BuildReport) -> bool:
    """Whether a build made its indexes (and so its routes) instead of reusing them."""
    return any(name == "index" for name, _ in report.phases)


def test_an_edit_to_a_posts_text_reuses_the_routes_and_shows_the_new_text(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    write_site(root)
    resident = Resident()
    assert made_routes_again(Builder(root, now=NOW, resident=resident).build())

    # More words (another reading time), another first paragraph.
    edit(root, "p3.md", "Body 3.", "Body three. " + "word " * 400)
    report = Builder(root, now=NOW, resident=resident).build()
    assert not made_routes_again(report)
    assert report.parsed == 1
    assert "Body three." in (root / "public" / "posts" / "p3" / "index.html").read_text()
    # The lists that show the post show its new reading time (it was 1 min).
    assert "2 min read" in (root / "public" / "posts" / "p3" / "index.html").read_text()
    assert "2 min read" in (root / "public" / "tags" / "t0" / "index.html").read_text()
    built_as_clean(root, report, tmp_path / "clean")


def test_an_edit_that_moves_a_post_between_lists_makes_the_routes_again(
    tmp_path: Path,
) -> None:
    root, resident = built_with_resident(tmp_path)

    edit(root, "p3.md", "tags: [t0]", "tags: [t0, fresh]")
    report = Builder(root, now=NOW, resident=resident).build()
    assert made_routes_again(report)
    assert (root / "public" / "tags" / "fresh" / "index.html").is_file()
    built_as_clean(root, report, tmp_path / "clean")


def test_an_edit_to_links_or_headings_makes_the_routes_again(tmp_path: Path) -> None:
    # Links are checked against the routes and the anchors of the pages they name.
    root = tmp_path / "site"
    write_site(root)
    (root / "content" / "p0.md").write_text(
        "---\ntitle: Post 0\ndate: 2024-01-01\n---\nSee [3](/posts/p3/#start).\n"
    )
    resident = Resident()
    assert Builder(root, now=NOW, resident=resident).build().warnings == []

    edit(root, "p3.md", "Body 3.", "Body 3, see [gone](/posts/nowhere/).")
    report = Builder(root, now=NOW, resident=resident).build()
    assert made_routes_again(report)
    assert [w.field for w in report.warnings] == ["link"]

    edit(root, "p3.md", "## Start", "## Begun")
    report = Builder(root, now=NOW, resident=resident).build()
    assert made_routes_again(report)
    assert sorted(w.field for w in report.warnings) == ["anchor", "link"]
    built_as_clean(root, report, tmp_path / "clean")


def test_a_build_by_another_process_in_between_is_seen(tmp_path: Path) -> None:
    root, resident = built_with_resident(tmp_path)

    edit(root, "p4.md", "Body 4.", "Body four, built from the command line.")
    assert Builder(root, now=NOW).build().ok  # `octavo build` while `octavo serve` runs
    edit(root, "p5.md", "Body 5.", "Body five, built by the resident.")
    report = Builder(root, now=NOW, resident=resident).build()
    assert report.parsed == 1
    assert "Body four" in (root / "public" / "posts" / "p4" / "index.html").read_text()
    built_as_clean(root, report, tmp_path / "clean")


def test_many_text_edits_in_a_row_each_equal_a_clean_build(tmp_path: Path) -> None:
    root, resident = built_with_resident(tmp_path)
    for number in range(4):
        name = f"p{number * 3 % 12}.md"
        edit(root, name, "\n## Start", f"\nEdit {number}.\n\n## Start")
        report = Builder(root, now=NOW, resident=resident).build()
        assert not made_routes_again(report)
        built_as_clean(root, report, tmp_path / f"clean-{number}")


def test_a_build_by_another_process_that_undid_an_edit_is_seen(tmp_path: Path) -> None:
    # What the resident kept of the cache says the post's page shows "Second"; the command
    # line built "First" again since. The resident must not trust its records of the page.
    root, resident = built_with_resident(tmp_path)
    page = root / "public" / "posts" / "p4" / "index.html"

    edit(root, "p4.md", "Body 4.", "Second.")
    assert Builder(root, now=NOW, resident=resident).build().ok
    edit(root, "p4.md", "Second.", "Body 4.")
    assert Builder(root, now=NOW).build().ok  # `octavo build` while `octavo serve` runs
    assert "Second." not in page.read_text()

    edit(root, "p4.md", "Body 4.", "Second.")
    report = Builder(root, now=NOW, resident=resident).build()
    assert "Second." in page.read_text()
    built_as_clean(root, report, tmp_path / "clean")


def walks_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds that walk the whole site (one entry per walk)."""
    walks: list[int] = []

    def counted(*args: Any, **options: Any) -> SiteState:
        walks.append(1)
        return site_state(*args, **options)

    monkeypatch.setattr(builder_module, "site_state", counted)
    return walks


def loads_seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each build told which files changed made its load: "reloaded" from the last load
    (`reload_site`), or "whole" when it had to load the whole site."""
    seen: list[str] = []
    reload_site = loading_module.reload_site

    def watched(*args: Any, **options: Any) -> LoadedSite | None:
        site = reload_site(*args, **options)
        seen.append("whole" if site is None else "reloaded")
        return site

    monkeypatch.setattr(loading_module, "reload_site", watched)
    return seen


@pytest.mark.parametrize("told", [True, False], ids=["told", "not told"])
def test_a_build_takes_the_stat_of_the_changed_file_it_is_told_of_else_walks_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: bool
) -> None:
    root = tmp_path / "site"
    write_site(root)
    resident = Resident()
    walks = walks_counted(monkeypatch)
    Builder(root, now=NOW, resident=resident).build()
    assert walks == [1]

    edit(root, "p3.md", "Body 3.", "Body three, seen again.")
    if told:  # as the watcher tells it
        resident.edited([root / "content" / "p3.md"])
    report = Builder(root, now=NOW, resident=resident).build()
    assert walks == ([1] if told else [1, 1])
    assert "seen again" in (root / "public" / "posts" / "p3" / "index.html").read_text()
    built_as_clean(root, report, tmp_path / "clean")


@pytest.mark.parametrize("change", ["added", "removed", "unknown", "link"])
def test_a_change_a_stat_cannot_show_walks_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    root = tmp_path / "site"
    write_site(root)
    content = root / "content"
    if change == "link":  # an edit of p3.md changes the post at also.md too
        (content / "also.md").symlink_to(content / "p3.md")
    resident = Resident()
    walks = walks_counted(monkeypatch)
    Builder(root, now=NOW, resident=resident).build()

    if change == "added":
        (content / "new.md").write_text("---\ntitle: New\ndate: 2024-02-01\n---\nNew.\n")
        resident.edited([content / "new.md"])
    elif change == "removed":
        (content / "p3.md").unlink()
        resident.edited([content / "p3.md"])
    elif change == "unknown":
        edit(root, "p3.md", "Body 3.", "Body three.")
        resident.edited(None)
    else:
        edit(root, "p3.md", "Body 3.", "Body three.")
        resident.edited([content / "p3.md"])
    report = Builder(root, now=NOW, resident=resident).build()
    assert walks == [1, 1]
    built_as_clean(root, report, tmp_path / "clean")


def test_a_save_the_watcher_names_loads_that_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, resident = built_with_resident(tmp_path)
    loads = loads_seen(monkeypatch)
    for number in range(3):  # each save made from the load before it
        edit(root, "p3.md", "Body 3.", f"Body 3. Saved {number}.")
        resident.edited([root / "content" / "p3.md"])
        report = Builder(root, now=NOW, resident=resident).build()
        assert report.parsed == 1
        page = (root / "public" / "posts" / "p3" / "index.html").read_text()
        assert f"Saved {number}." in page
    assert loads == ["reloaded"] * 3
    built_as_clean(root, report, tmp_path / "clean")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Post 3\n", "title: Post 3\ndraft: true\n"),  # set apart: another group
        ("date: 2024-01-04", "date: 2024-13-04"),  # an error in the post
        ("date: 2024-01-04", "date: 2024-07-04"),  # scheduled after NOW: another group
    ],
    ids=["draft", "error", "scheduled"],
)
def test_a_save_that_changes_more_than_a_posts_text_loads_the_whole_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    root, resident = built_with_resident(tmp_path)
    loads = loads_seen(monkeypatch)
    edit(root, "p3.md", old, new)
    resident.edited([root / "content" / "p3.md"])
    report = Builder(root, now=NOW, resident=resident).build()
    assert loads == ["whole"]
    if new.startswith("date: 2024-13"):
        assert not report.ok
        assert [error.path for error in report.errors] == ["content/p3.md"]
        return
    built_as_clean(root, report, tmp_path / "clean")
    assert not (root / "public" / "posts" / "p3" / "index.html").exists()
