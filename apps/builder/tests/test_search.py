"""The search index: what Pagefind is given and keeps, when it is made again, and how a site or
a build turns it off (`search = false`, `--no-search`)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import octavo.builder
from octavo import Builder, BuildReport
from octavo.cli import main
from octavo.verify import tree_differences

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
HELLO = """---
title: Hello there
date: 2024-05-01
tags: [Python, Web]
---
The zebra crossing came first.

## Setup notes

Then the ocelot.
"""
OTHER = "---\ntitle: Other\ndate: 2024-06-01\ntags: [Rust]\n---\nA yak.\n"


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def site(root: Path, config: str = "") -> Path:
    """A site with two posts, an About page and a static file."""
    write(root, "octavo.toml", CONFIG + config)
    write(root, "content/hello.md", HELLO)
    write(root, "content/other.md", OTHER)
    write(root, "content/pages/about.md", "---\ntitle: About me\n---\nI keep a quokka.\n")
    write(root, "static/notes.txt", "notes\n")
    return root


def build(root: Path, **options: Any) -> BuildReport:
    report = Builder(root, now=NOW, **options).build()
    return report


def fragments(output: Path) -> dict[str, dict[str, Any]]:
    """Each page in the index, by URL: what Pagefind keeps of it (its fragment file)."""
    found = {}
    for path in (output / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
        found[fragment["url"]] = fragment
    return found


def index_stats(output: Path) -> dict[str, tuple[int, int]]:
    """Each file of the index, with its inode and modification time."""
    return {
        path.relative_to(output).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in (output / "pagefind").rglob("*")
        if path.is_file()
    }


def test_the_index_holds_posts_and_pages_with_titles_headings_text_and_tags(
    tmp_path: Path,
) -> None:
    root = site(tmp_path / "s")
    assert build(root).ok
    pages = fragments(root / "public")
    # List pages (home, tags, archive), the search page and the 404 page are not in it.
    assert set(pages) == {"/posts/hello/", "/posts/other/", "/about/"}
    hello = pages["/posts/hello/"]
    assert hello["meta"]["title"] == "Hello there"
    for words in ("zebra crossing", "ocelot", "Setup notes", "Python", "Web"):
        assert words in hello["content"]
    assert [anchor["text"] for anchor in hello["anchors"]] == ["Setup notes"]
    # The site's chrome, the date line and the reading time are not.
    for chrome in ("Archive", "Atom feed", "min read", "2024", "Search"):
        assert chrome not in hello["content"], chrome
    assert "quokka" in pages["/about/"]["content"]
    assert (root / "public" / "pagefind" / "pagefind.js").is_file()
    # Pagefind's own ready-made interfaces are left out: the theme has its own.
    assert not list((root / "public" / "pagefind").glob("pagefind-ui.*"))


def test_the_same_pages_give_the_same_index_bytes(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    first, second = tmp_path / "first", tmp_path / "second"
    assert Builder(root, first, now=NOW, use_cache=False).build().ok
    assert Builder(root, second, now=NOW, use_cache=False).build().ok
    assert tree_differences(first / "pagefind", second / "pagefind") == []


def counting_indexer(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times the builder asks Pagefind for an index: one entry per index made."""
    calls: list[int] = []
    real: Callable[..., dict[str, bytes]] = octavo.builder.search_index

    def counted(pages: Any) -> dict[str, bytes]:
        calls.append(1)
        return real(pages)

    monkeypatch.setattr(octavo.builder, "search_index", counted)
    return calls


def test_an_index_is_made_again_only_when_an_indexed_page_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site(tmp_path / "s")
    output = root / "public"
    made = counting_indexer(monkeypatch)
    assert build(root).ok
    assert len(made) == 1
    before = index_stats(output)

    # A static file changes: no post's or page's HTML does, so Pagefind is not asked at all,
    # and every file of the index stays as it was (same inode, same modification time).
    write(root, "static/notes.txt", "other notes\n")
    report = build(root)
    assert report.ok and report.written == 1
    assert len(made) == 1
    assert index_stats(output) == before

    # A post's body changes: the index is made again; its files whose bytes are the same are
    # not written again, and the output equals a clean build's.
    write(root, "content/other.md", (root / "content/other.md").read_text() + "And a gnu.\n")
    assert build(root).ok
    assert len(made) == 2
    after = index_stats(output)
    assert "gnu" in fragments(output)["/posts/other/"]["content"]
    kept = {name for name in before if after.get(name) == before[name]}
    assert any(name.startswith("pagefind/wasm.") for name in kept)
    clean = tmp_path / "clean"
    assert Builder(root, clean, now=NOW, use_cache=False).build().ok
    assert tree_differences(output, clean) == []


@pytest.mark.parametrize("how", ["setting", "option"])
def test_search_off_leaves_out_the_index_the_search_page_and_the_box(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    root = site(tmp_path / "s", "search = false\n" if how == "setting" else "")
    made = counting_indexer(monkeypatch)
    assert build(root, search=how != "option").ok
    output = root / "public"
    assert made == []
    assert not (output / "pagefind").exists()
    assert not (output / "search").exists()
    for page in output.rglob("*.html"):
        assert "site-search" not in page.read_text(), page


def test_search_on_puts_a_box_on_every_page_that_sends_words_to_the_search_page(
    tmp_path: Path,
) -> None:
    root = site(tmp_path / "s", "")
    write(root, "octavo.toml", CONFIG.replace("example.org/", "example.org/blog/"))
    assert build(root).ok
    output = root / "public"
    search = (output / "search" / "index.html").read_text()
    assert 'data-pagefind="/blog/pagefind/pagefind.js"' in search
    assert 'data-base="/blog/"' in search
    # Without its script the page still leads somewhere: the tags and the archive.
    assert '<a href="/blog/tags/">tag</a>' in search
    for page in ("index.html", "posts/hello/index.html", "about/index.html", "tags/index.html"):
        assert 'action="/blog/search/"' in (output / page).read_text(), page


def test_a_page_in_the_index_folder_is_an_error_naming_it(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "content/taken.md", "---\ntitle: Taken\ndate: 2024-01-01\nurl: /pagefind/\n---\n")
    write(root, "static/pagefind/mine.js", "1\n")
    report = build(root)
    assert not report.ok
    found = {(error.path.rsplit("/", 1)[-1], error.field) for error in report.errors}
    assert found == {("taken.md", "url"), ("mine.js", "url")}
    assert all("/pagefind/" in error.message for error in report.errors)
    # Without search the folder is free.
    write(root, "octavo.toml", CONFIG + "search = false\n")
    assert build(root).ok


def test_an_index_that_cannot_be_made_is_an_error_and_the_output_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site(tmp_path / "s")
    assert build(root).ok
    before = (root / "public" / "posts" / "other" / "index.html").read_bytes()
    write(root, "content/other.md", (root / "content/other.md").read_text() + "More.\n")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    report = build(root)
    assert not report.ok
    (error,) = report.errors
    assert error.field == "search"
    assert "--no-search" in (error.hint or "")
    assert (root / "public" / "posts" / "other" / "index.html").read_bytes() == before
    assert build(root, search=False).ok


def test_octavo_build_no_search(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    assert main(["build", str(root), "--no-search"]) == 0
    assert not (root / "public" / "pagefind").exists()
    # The same site with search is not taken for up to date: it gets its index and page.
    assert main(["build", str(root)]) == 0
    assert (root / "public" / "pagefind" / "pagefind.js").is_file()
    assert (root / "public" / "search" / "index.html").is_file()
    # Off again, and equal to a clean build without search (--verify builds one and compares).
    assert main(["build", str(root), "--no-search", "--verify"]) == 0
    assert not (root / "public" / "pagefind").exists()
    assert not (root / "public" / "search").exists()
