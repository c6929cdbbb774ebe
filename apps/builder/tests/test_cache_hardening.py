"""The build cache never makes a build wrong: failed builds, crashes and damaged files."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo import Builder
from octavo.cache import BuildCache, CacheCorrupt
from octavo.verify import tree_differences

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def text(title: str, body: str, day: int = 1) -> str:
    front = f"---\ntitle: {title}\ndate: 2024-01-{day:02d}\ntags: [t]\n---\n"
    return f"{front}{body}\n\n## Part\n\nMore.\n"


BROKEN = "---\ntitle: [unclosed\n---\nBody.\n"


def make_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    for number, name in enumerate(("alpha", "beta", "gamma"), start=1):
        (root / "content" / f"{name}.md").write_text(text(name.title(), f"First {name}.", number))
    return root


def page(root: Path, slug: str) -> str:
    return (root / "public" / "posts" / slug / "index.html").read_text()


def cache_db(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / ".octavo" / "cache.sqlite")


def assert_clean(root: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    assert Builder(root, clean, now=NOW, use_cache=False).build().ok
    assert tree_differences(root / "public", clean) == []


# D2: an edit parsed by a build that did not publish is still an edit for the next build.


def test_an_edit_made_before_a_failed_build_is_published_by_the_next_good_one(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW).build().ok
    (site / "content" / "alpha.md").write_text(text("Alpha", "Second alpha.", 1))
    beta = site / "content" / "beta.md"
    good_beta = beta.read_text()
    beta.write_text(BROKEN)
    assert not Builder(site, now=NOW).build().ok
    beta.write_text(good_beta)
    assert Builder(site, now=NOW).build().ok
    assert "Second alpha." in page(site, "alpha")
    assert_clean(site, tmp_path)


def test_an_edit_made_before_a_crashed_build_is_published_by_the_next_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW).build().ok
    (site / "content" / "alpha.md").write_text(text("Alpha", "Second alpha.", 1))

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the build is stopped after it loaded (and cached) the posts

    with monkeypatch.context() as patch:
        patch.setattr(Builder, "route", crash)
        with pytest.raises(KeyboardInterrupt):
            Builder(site, now=NOW).build()
    report = Builder(site, now=NOW).build()
    assert report.ok
    assert "Second alpha." in page(site, "alpha")
    assert_clean(site, tmp_path)


def test_a_build_into_another_folder_does_not_hide_an_edit_from_this_one(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW).build().ok
    (site / "content" / "alpha.md").write_text(text("Alpha", "Second alpha.", 1))
    assert Builder(site, tmp_path / "elsewhere", now=NOW).build().ok
    assert Builder(site, now=NOW).build().ok
    assert "Second alpha." in page(site, "alpha")


def test_a_rebuild_after_a_success_parses_and_renders_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW).build().ok
    (site / "content" / "alpha.md").write_text(text("Alpha", "Second alpha.", 1))
    assert Builder(site, now=NOW).build().ok
    again = Builder(site, now=NOW).build()
    assert (again.parsed, again.rendered) == (0, 0)


# D13: a damaged cache is discarded with one warning, and the build is still right.


def damage_row(sql: str) -> object:
    def damage(root: Path) -> None:
        with cache_db(root) as db:
            db.execute(sql)

    return damage


def write_bytes(data: bytes) -> object:
    def damage(root: Path) -> None:
        (root / ".octavo" / "cache.sqlite").write_bytes(data)

    return damage


def truncate(root: Path) -> None:
    path = root / ".octavo" / "cache.sqlite"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def make_directory(root: Path) -> None:
    path = root / ".octavo" / "cache.sqlite"
    path.unlink()
    (path / "inside").mkdir(parents=True)


DAMAGES = {
    "null body": damage_row("UPDATE posts SET body_html = NULL WHERE source = 'content/beta.md'"),
    "null list html": damage_row("UPDATE posts SET list_html = NULL"),
    "blob body": damage_row("UPDATE posts SET body_html = x'3c703e'"),
    "bad post json": damage_row("UPDATE posts SET post = '{not json'"),
    "post of another shape": damage_row("UPDATE posts SET post = '{\"title\": 3}'"),
    "headings of another shape": damage_row(
        """UPDATE posts SET post = json_set(post, '$.toc', json('[{"level": "x"}]'))"""
    ),
    "headings not a list": damage_row("UPDATE posts SET post = json_set(post, '$.toc', 'x')"),
    "bad problems json": damage_row("UPDATE posts SET problems = 'nope'"),
    "text for a size": damage_row("UPDATE posts SET size = 'big', mtime_ns = 'old'"),
    "missing meta table": damage_row("DROP TABLE meta"),
    "missing posts table": damage_row("DROP TABLE posts"),
    "missing outputs table": damage_row("DROP TABLE outputs"),
    "outputs of another shape": damage_row("ALTER TABLE outputs RENAME COLUMN digest TO something"),
    "garbage": write_bytes(b"garbage" * 1000),
    "empty": write_bytes(b""),
    "a zeroed sqlite header": write_bytes(b"SQLite format 3\x00" + b"\x00" * 200),
    "truncated": truncate,
    "a directory": make_directory,
}


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_a_damaged_cache_is_discarded_and_the_build_is_right(tmp_path: Path, kind: str) -> None:
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW).build().ok
    # Edit a post so the damaged rows are read, not just trusted by their stat.
    (site / "content" / "gamma.md").write_text(text("Gamma", "Second gamma.", 3))
    damage = DAMAGES[kind]
    damage(site)  # type: ignore[operator]
    report = Builder(site, now=NOW).build()
    assert report.ok, report.errors
    (warning,) = [w for w in report.warnings if "cache" in w.message]
    assert "discarded" in warning.message
    feed = (site / "public" / "feed.xml").read_text()
    assert "None" not in feed
    assert "First beta." in page(site, "beta")
    assert "Second gamma." in page(site, "gamma")
    assert_clean(site, tmp_path)
    again = Builder(site, now=NOW).build()  # a good cache again
    assert again.ok
    assert not [w for w in again.warnings if "cache" in w.message]
    assert again.parsed == 0


def test_a_cache_that_cannot_be_opened_leaves_the_build_without_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW).build().ok
    (site / "content" / "beta.md").write_text(text("Beta", "Second beta.", 2))

    def unreadable(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlite3, "connect", unreadable)
    report = Builder(site, now=NOW).build()
    assert report.ok, report.errors
    (warning,) = [w for w in report.warnings if "cache" in w.message]
    assert warning.path == ".octavo/cache.sqlite"
    assert "Second beta." in page(site, "beta")


def test_stored_posts_are_json_never_code(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW).build().ok
    with cache_db(site) as db:
        for (post,) in db.execute("SELECT post FROM posts"):
            assert isinstance(json.loads(post), dict)


def test_damage_found_while_rendering_is_parsed_around_then_discarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A body the load's check passed can still fail to read when a page needs it (the row
    # gone, the file damaged since): rendering parses the post again, and the next build
    # discards the cache.
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW).build().ok
    (site / "content" / "gamma.md").write_text(text("Gamma", "Second gamma.", 3))

    def damaged(self: BuildCache, sources: object) -> dict[str, dict[str, str]]:
        raise CacheCorrupt("a stored post is missing its HTML")

    monkeypatch.setattr(BuildCache, "bodies_of", damaged)
    report = Builder(site, now=NOW).build()
    monkeypatch.undo()
    assert report.ok, report.errors
    assert "First alpha." in (site / "public" / "feed.xml").read_text()
    assert_clean(site, tmp_path)
    again = Builder(site, now=NOW).build()
    assert again.ok
    (warning,) = [w for w in again.warnings if "cache" in w.message]
    assert "discarded (found damaged while a build read it)" in warning.message
    assert_clean(site, tmp_path / "again")
