"""URLs that do not move: a post keeps its URL (its file's name) across a retitle and an
incremental build, and the builder routes per-post paths and title slugs end to end."""

from __future__ import annotations

from pathlib import Path

from octavo import Builder

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def make_site(root: Path, posts: dict[str, str], config: str = CONFIG) -> Path:
    for name, text in posts.items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(text)
    (root / "octavo.toml").write_text(config)
    return root


def post(title: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\n{extra}---\nText of {title}.\n"


def post_pages(output: Path) -> list[str]:
    """The folders of `output/posts/` that hold a page, sorted."""
    return sorted(page.parent.name for page in (output / "posts").glob("*/index.html"))


def test_retitling_keeps_the_url_across_an_incremental_build(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "2024-02-19-my-post.md": post("First Title"),
            "other.md": post("Other", "date: 2024-01-01\n"),
        },
    )
    assert Builder(site).build().ok
    output = site / "public"
    assert post_pages(output) == ["my-post", "other"]

    (site / "content" / "2024-02-19-my-post.md").write_text(post("A Better Title"))
    rebuilt = Builder(site).build()
    assert rebuilt.ok and rebuilt.parsed == 1
    assert post_pages(output) == ["my-post", "other"]
    page = (output / "posts" / "my-post" / "index.html").read_text()
    assert "A Better Title" in page and "First Title" not in page
    assert not (output / "posts" / "a-better-title").exists()
    assert not (output / "posts" / "first-title").exists()
    assert "/posts/my-post/" in (output / "feed.xml").read_text()


def test_bundles_paths_and_title_slugs_are_routed(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "posts/bundled/index.md": post("Bundled", "date: 2024-01-01\n"),
            "kept.md": post("Kept", "date: 2024-01-02\nurl: /2019/05/kept.html\n"),
            "zola.md": post("Zola", "date: 2024-01-03\npath: blog/zola\n"),
        },
    )
    assert Builder(site).build().ok
    output = site / "public"
    assert (output / "posts" / "bundled" / "index.html").is_file()
    assert "Kept" in (output / "2019" / "05" / "kept.html").read_text()
    assert (output / "blog" / "zola" / "index.html").is_file()
    assert "https://example.org/2019/05/kept.html" in (output / "sitemap.xml").read_text()

    by_title = CONFIG + 'slug_source = "title"\n'
    make_site(
        site, {"posts/bundled/index.md": post("Now by Title", "date: 2024-01-01\n")}, by_title
    )
    assert Builder(site).build().ok
    # The post moved: its old URL is a redirect page now.
    assert post_pages(output) == ["bundled", "now-by-title"]
    moved = (output / "posts" / "bundled" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=/posts/now-by-title/">' in moved


def test_two_posts_at_one_path_are_a_route_error_naming_both(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "a.md": post("A", "date: 2024-01-01\npermalink: /same/\n"),
            "b.md": post("B", "date: 2024-01-02\nurl: same\n"),
        },
    )
    report = Builder(site).build()
    assert not report.ok
    text = "\n".join(str(error) for error in report.errors)
    assert "/same/" in text and "content/a.md" in text and "content/b.md" in text
