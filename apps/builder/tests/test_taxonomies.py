"""Taxonomies, authors and series built: their pages, feeds and URLs, and the mistakes reported."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from octavo import Builder, BuildReport

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\nper_page = 2\n'


def site(root: Path, config: str = "", posts: dict[str, str] | None = None) -> Path:
    """Writes a site: `CONFIG` and `config`, and each post as its front matter lines."""
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG + config)
    for number, (name, front) in enumerate((posts or {}).items(), 1):
        (root / "content" / name).write_text(
            f"---\ntitle: {name.removesuffix('.md')}\ndate: 2024-05-{number:02d}\n{front}---\n"
            f"Text of {name}.\n"
        )
    return root


def build(root: Path, **options: object) -> BuildReport:
    return Builder(root, now=NOW, **options).build()  # type: ignore[arg-type]


def files(output: Path, under: str) -> list[str]:
    """Given the output and a folder of it, returns its files' paths, sorted."""
    return sorted(path.relative_to(output).as_posix() for path in (output / under).rglob("*.*"))


def test_categories_have_pages_paginated_feeds_and_an_index(tmp_path: Path) -> None:
    posts = {f"p{n}.md": "tags: [Python]\ncategories: [Web]\n" for n in range(3)}
    root = site(tmp_path / "s", posts=posts | {"q.md": "category: Deep Dives\n"})
    report = build(root)
    assert report.ok, report.errors
    out = root / "public"
    assert files(out, "categories") == [
        "categories/deep-dives/feed.xml",
        "categories/deep-dives/index.html",
        "categories/index.html",
        "categories/web/feed.xml",
        "categories/web/index.html",
        "categories/web/page/2/index.html",
    ]
    # Tags stay where they were.
    assert (out / "tags" / "python" / "index.html").is_file()
    assert (out / "tags" / "python" / "feed.xml").is_file()
    sitemap = (out / "sitemap.xml").read_text()
    assert "https://example.org/categories/web/</loc>" in sitemap
    assert "https://example.org/categories/</loc>" in sitemap
    post = (out / "posts" / "p1" / "index.html").read_text()
    assert 'Categories: <a href="/categories/web/">Web</a>' in post


def test_a_site_without_categories_writes_no_page_of_them(tmp_path: Path) -> None:
    root = site(tmp_path / "s", posts={"a.md": "tags: [x]\n"})
    assert build(root).ok
    assert not (root / "public" / "categories").exists()


def test_term_urls_follow_the_term_patterns_and_a_named_taxonomy_gets_its_own(
    tmp_path: Path,
) -> None:
    config = (
        '[taxonomies]\ntag = "tags"\ngenre = "genres"\n'
        '[permalinks]\nterm = "/by/{taxonomy}/{slug}/"\nterms = "/by/{taxonomy}/"\n'
        'term_feed = "/by/{taxonomy}/{slug}.xml"\n'
    )
    root = site(tmp_path / "s", config, {"a.md": "genres: [Essay]\ncategories: [Web]\n"})
    report = build(root)
    assert report.ok, report.errors
    out = root / "public"
    assert files(out, "by") == [
        "by/genres/essay.xml",
        "by/genres/essay/index.html",
        "by/genres/index.html",
    ]
    # categories are no taxonomy of this site: the key is the post's own data.
    assert not (out / "categories").exists() and not (out / "by" / "categories").exists()


def test_authors_have_pages_and_feeds_and_their_profiles_from_config(tmp_path: Path) -> None:
    config = (
        '[authors."Ada Lovelace"]\nname = "Countess Lovelace"\nbio = "Wrote the first program."\n'
        'links = [{name = "Site", url = "https://ada.example/"}]\n'
    )
    posts = {
        "a.md": "authors: [Ada Lovelace, Grace]\n",
        "b.md": "author: ada lovelace\n",
        "c.md": "author: Ada Lovelace\n",
    }
    root = site(tmp_path / "s", config, posts)
    assert build(root).ok
    out = root / "public"
    assert files(out, "authors") == [
        "authors/ada-lovelace/feed.xml",
        "authors/ada-lovelace/index.html",
        "authors/ada-lovelace/page/2/index.html",
        "authors/grace/feed.xml",
        "authors/grace/index.html",
    ]
    page = (out / "authors" / "ada-lovelace" / "index.html").read_text()
    assert "<h1>Posts by Countess Lovelace</h1>" in page
    assert "Wrote the first program." in page and 'href="https://ada.example/"' in page
    post = (out / "posts" / "a" / "index.html").read_text()
    assert (
        'By <a href="/authors/ada-lovelace/" rel="author">Countess Lovelace</a> and'
        ' <a href="/authors/grace/" rel="author">Grace</a>'
    ) in post


def test_a_series_has_a_page_in_reading_order_and_a_feed(tmp_path: Path) -> None:
    posts = {
        "intro.md": "series: Rust\n",
        "second.md": "series: Rust\n",
        "first.md": "series: rust\npart: 1\n",  # the newest, but part 1
    }
    root = site(tmp_path / "s", posts=posts)
    assert build(root).ok
    out = root / "public"
    assert files(out, "series") == [
        "series/rust/feed.xml",
        "series/rust/index.html",
        "series/rust/page/2/index.html",
    ]
    page = (out / "series" / "rust" / "index.html").read_text()
    assert page.index(">first</a></h2>") < page.index(">intro</a></h2>")
    assert ">second</a></h2>" not in page  # on page 2
    post = (out / "posts" / "intro" / "index.html").read_text()
    assert "Part 2 of 3 in the series" in post


def test_two_posts_claiming_one_part_fail_the_build_naming_both(tmp_path: Path) -> None:
    posts = {"a.md": "series: Rust\npart: 1\n", "b.md": "series: Rust\npart: 1\n"}
    root = site(tmp_path / "s", posts=posts)
    report = build(root)
    assert not report.ok
    [error] = [str(error) for error in report.errors]
    assert error.startswith("content/b.md:5: part: part 1 of the series 'Rust' is claimed by")
    assert "content/a.md:5" in error


def test_zola_taxonomies_unknown_to_the_site_warn_and_the_build_goes_on(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    (root / "content" / "z.md").write_text(
        '+++\ntitle = "Z"\ndate = 2024-05-01\n[taxonomies]\ncategories = ["Web"]\n'
        'seasons = ["Fall"]\n+++\nText.\n'
    )
    report = build(root)
    assert report.ok
    assert [str(w).split(";")[0] for w in report.warnings] == [
        "content/z.md:6: taxonomies.seasons: the taxonomy 'seasons' is not one of the site's"
    ]
    assert (root / "public" / "categories" / "web" / "index.html").is_file()


def test_jekyll_tag_strings_split_on_spaces_when_the_site_says_so(tmp_path: Path) -> None:
    root = site(tmp_path / "s", 'term_strings = "spaces"\n', {"a.md": "tags: python web\n"})
    assert build(root).ok
    assert (root / "public" / "tags" / "python" / "index.html").is_file()
    assert (root / "public" / "tags" / "web" / "index.html").is_file()


def test_a_taxonomy_whose_pages_take_another_kinds_url_is_a_conflict(tmp_path: Path) -> None:
    config = '[taxonomies]\npost_kind = "posts"\n'
    root = site(tmp_path / "s", config, {"hello.md": "posts: [hello]\n"})
    report = build(root)
    assert not report.ok
    conflict = str(report.errors[0])
    assert "/posts/hello/ is claimed 2 times" in conflict
    assert "post content/hello.md" in conflict and "post_kind 'hello'" in conflict
