"""The plugin seam: a page kind from an installed distribution, found by its entry point, with no
change to the builder; its version is part of what pages are made from."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from octavo import Builder, page_kinds
from octavo.freshness import site_state
from octavo.verify import tree_differences

sys.path.insert(0, str(Path(__file__).parent / "plugins"))
from install import install

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


@pytest.fixture
def authors_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    target = install(tmp_path / "site-packages")
    monkeypatch.syspath_prepend(str(target))
    yield target


def post(title: str, authors: str, day: int, body: str = "Body") -> str:
    front = f"title: {title}\ndate: 2024-01-{day:02d}\nauthors: [{authors}]"
    return f"---\n{front}\n---\n{body} of {title}.\n"


def make_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    (root / "content" / "a.md").write_text(post("Alpha", "Ada Lovelace", 1))
    (root / "content" / "b.md").write_text(post("Beta", "Ada Lovelace, Alan Turing", 2))
    return root


def test_an_installed_page_kind_adds_its_pages(tmp_path: Path, authors_plugin: Path) -> None:
    assert any(kind.__module__ == "octavo_test_authors" for kind in page_kinds())
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    ada = (site / "public" / "writers" / "ada-lovelace" / "index.html").read_text()
    assert "Posts by Ada Lovelace" in ada
    assert "Body of Alpha." in ada and "Body of Beta." in ada  # in full
    turing = (site / "public" / "writers" / "alan-turing" / "index.html").read_text()
    assert "Body of Beta." in turing and "Body of Alpha." not in turing
    assert "/writers/ada-lovelace/" in (site / "public" / "sitemap.xml").read_text()


def test_a_plugin_page_is_right_after_an_edit_without_a_clean_build(
    tmp_path: Path, authors_plugin: Path
) -> None:
    # The trap issue 9 names: after a one-post edit, an author page kept its other posts'
    # bodies, and a post whose author was removed stayed on the author's page.
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    (site / "content" / "a.md").write_text(post("Alpha", "Ada Lovelace", 1, "New body"))
    (site / "content" / "b.md").write_text(post("Beta", "Alan Turing", 2))
    assert Builder(site).build().ok
    ada = (site / "public" / "writers" / "ada-lovelace" / "index.html").read_text()
    assert "New body of Alpha." in ada and "Beta" not in ada
    clean = Builder(site, tmp_path / "clean", use_cache=False).build()
    assert clean.ok
    assert tree_differences(site / "public", tmp_path / "clean") == []


def test_installing_a_plugin_renders_every_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "s")
    first = Builder(site).build()
    assert first.ok
    monkeypatch.syspath_prepend(str(install(tmp_path / "site-packages")))
    report = Builder(site).build()
    assert report.ok
    assert report.parsed == 0  # a page kind changes no parse: the cache is reused
    assert report.rendered == first.rendered + 2  # every page again, and the two new ones
    assert (site / "public" / "writers" / "ada-lovelace" / "index.html").is_file()


def test_the_up_to_date_answer_notices_a_plugin_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "s")
    output = site / "public"
    before = site_state(site, output, include_drafts=False, compress=False).signature
    target = install(tmp_path / "site-packages")
    monkeypatch.syspath_prepend(str(target))
    after = site_state(site, output, include_drafts=False, compress=False).signature
    assert before != after
    (target / "octavo_test_authors-0.1.0.dist-info" / "METADATA").write_text("upgraded")
    os.utime(target, ns=(1, 1))  # an upgrade replaces distributions: the folder changes
    assert site_state(site, output, include_drafts=False, compress=False).signature != after
