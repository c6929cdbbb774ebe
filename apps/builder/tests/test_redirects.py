"""Redirects: a page at each old path of a post (`aliases`, `redirect_from`, and URLs it had in
earlier builds into the same output), and one `_redirects` file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from octavo import Builder
from octavo.verify import verify

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def write(root: Path, name: str, front: str) -> None:
    """Writes `content/NAME` with a title, a date and the front matter lines `front`."""
    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {name}\ndate: 2024-05-01\n{front}---\nText.\n")


def site(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    return root


def build(root: Path, **options: object) -> tuple[bool, list[str], list[str]]:
    report = Builder(root, now=NOW, **options).build()  # type: ignore[arg-type]
    return report.ok, [str(e) for e in report.errors], [str(w) for w in report.warnings]


def test_each_alias_is_a_redirect_page_and_a_line_of_redirects(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "new.md", "aliases: [/2019/05/old, /old.html]\nredirect_from: /jekyll/old/\n")
    assert build(root)[0]
    out = root / "public"
    page = (out / "2019" / "05" / "old" / "index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/posts/new/">' in page
    assert '<meta http-equiv="refresh" content="0; url=/posts/new/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert '<a href="/posts/new/">' in page
    assert '<html lang="en">' in page and "<title>" in page
    assert 'rel="stylesheet"' not in page  # none of the theme's chrome
    assert (out / "old.html").is_file() and (out / "jekyll" / "old" / "index.html").is_file()
    assert (out / "_redirects").read_text() == (
        "/2019/05/old/ /posts/new/ 301\n/jekyll/old/ /posts/new/ 301\n/old.html /posts/new/ 301\n"
    )
    sitemap = (out / "sitemap.xml").read_text()
    assert "old" not in sitemap and "_redirects" not in sitemap
    assert "old" not in (out / "feed.xml").read_text()


def test_no_redirects_file_without_a_redirect(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "new.md", "")
    assert build(root)[0]
    assert not (root / "public" / "_redirects").exists()


def test_an_alias_on_another_page_is_a_conflict_at_the_alias_line(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "taken.md", "")
    write(root, "new.md", "tags: [a]\naliases:\n  - /posts/taken/\n")
    ok, errors, _ = build(root)
    assert not ok
    assert any(
        error.startswith("content/new.md:5: url: /posts/taken/ is claimed 2 times")
        and "alias /posts/taken/ of post content/new.md" in error
        for error in errors
    ), errors


def test_a_post_that_moved_keeps_a_redirect_across_builds(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    out = root / "public"
    write(root, "a.md", "")
    assert build(root)[0]
    write(root, "a.md", "slug: b\n")
    ok, _, warnings = build(root)
    assert ok
    (warning,) = warnings
    assert warning.startswith("content/a.md:4: url: ")
    assert "moved from /posts/a/ to /posts/b/" in warning
    assert "0; url=/posts/b/" in (out / "posts" / "a" / "index.html").read_text()
    # Kept by later builds, even one with nothing to do, and with no new warning.
    (root / "content" / "other.md").write_text("---\ntitle: O\ndate: 2024-01-01\n---\nO\n")
    assert build(root) == (True, [], [])
    assert "/posts/a/ /posts/b/ 301\n" in (out / "_redirects").read_text()
    # A chain resolves to the newest URL.
    write(root, "a.md", "slug: c\n")
    assert build(root)[0]
    assert (out / "_redirects").read_text() == (
        "/posts/a/ /posts/c/ 301\n/posts/b/ /posts/c/ 301\n"
    )
    # `--verify`'s clean build is given the redirects the output keeps.
    assert verify(Builder(root, now=NOW)) == []


def test_a_renamed_file_keeps_a_redirect(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "a.md", "")
    assert build(root)[0]
    (root / "content" / "a.md").rename(root / "content" / "b.md")
    ok, _, warnings = build(root)
    assert ok and len(warnings) == 1 and "moved from /posts/a/ to /posts/b/" in warnings[0]
    assert "/posts/a/ /posts/b/ 301\n" in (root / "public" / "_redirects").read_text()


def test_a_page_at_an_old_url_wins_silently(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "a.md", "")
    assert build(root)[0]
    write(root, "a.md", "slug: b\n")
    assert build(root)[0]
    write(root, "new.md", "slug: a\n")  # a new post at the old URL
    ok, errors, warnings = build(root)
    assert (ok, errors, warnings) == (True, [], [])
    assert not (root / "public" / "_redirects").exists()
    assert "0; url=" not in (root / "public" / "posts" / "a" / "index.html").read_text()
    # An alias of another post takes it as well.
    write(root, "new.md", "slug: elsewhere\naliases: [/posts/a/]\n")
    assert build(root)[0]
    redirects = (root / "public" / "_redirects").read_text()
    assert "/posts/a/ /posts/elsewhere/ 301\n" in redirects


def test_a_build_without_the_cache_has_no_history(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "a.md", "")
    assert build(root, use_cache=False)[0]
    write(root, "a.md", "slug: b\n")
    assert build(root, use_cache=False) == (True, [], [])
    assert not (root / "public" / "posts" / "a").exists()
