"""Standalone pages (`content/pages/`, `kind: page`) and the site's menu (`[[menu]]`)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from octavo import Builder, BuildReport

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def write(root: Path, name: str, front: str, body: str = "Text.\n") -> None:
    """Writes `content/NAME` with the front matter lines `front`."""
    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}")


def site(root: Path, config: str = "") -> Path:
    """A site with one post, `content/hello.md`, and `config` after the required settings."""
    root.mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG + config)
    write(root, "hello.md", "title: Hello\ndate: 2024-05-01\ntags: [python]\n")
    return root


def build(root: Path, **options: object) -> BuildReport:
    return Builder(root, now=NOW, **options).build()  # type: ignore[arg-type]


def html(root: Path, path: str) -> str:
    return (root / "public" / path.strip("/") / "index.html").read_text()


def entry(sitemap: str, path: str) -> str:
    """The sitemap's entry of the page at `path`, after its `<loc>`."""
    return sitemap.split(f"<loc>https://example.org{path}</loc>", 1)[1].split("</url>", 1)[0]


def nav(page: str) -> list[tuple[str, str, bool]]:
    """The site navigation's links: text, href, whether marked as the current page."""
    block = page.split('<nav class="site-nav" aria-label="Site">', 1)[1].split("</nav>", 1)[0]
    return [
        (text, href, current == ' aria-current="page"')
        for href, current, text in re.findall(r'<a href="([^"]*)"([^>]*)>([^<]*)</a>', block)
    ]


def test_a_page_needs_no_date_and_lives_at_its_slug(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "pages/about.md", "title: About me\n", "I write here.\n")
    write(root, "pages/contact/index.md", "title: Contact\n")
    report = build(root)
    assert report.ok, report.errors
    assert report.posts == 1
    about = html(root, "/about/")
    assert "<h1>About me</h1>" in about and "I write here." in about
    assert "<time" not in about and "post-meta" not in about  # no date line when undated
    (data,) = [json.loads(block) for block in re.findall(r"ld\+json\">(.*?)</script>", about)]
    assert data["@type"] == "WebPage" and "datePublished" not in data
    assert data["url"] == "https://example.org/about/"
    assert '<meta property="og:type" content="website">' in about
    assert '<link rel="canonical" href="https://example.org/about/">' in about
    assert "article:published_time" not in about
    assert (root / "public" / "contact" / "index.html").is_file()
    sitemap = (root / "public" / "sitemap.xml").read_text()
    assert "lastmod" not in entry(sitemap, "/about/")  # no made-up date for an undated page


def test_pages_are_in_the_sitemap_and_in_no_list_feed_or_tag(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "pages/about.md", "title: About Zebra\ntags: [python]\n")
    write(root, "colophon.md", "title: Colophon Zebra\nkind: page\ndate: 2024-06-01\n")
    report = build(root)
    assert report.ok, report.errors
    (warning,) = report.warnings
    assert (warning.path, warning.line, warning.field) == ("content/pages/about.md", 3, "tags")
    out = root / "public"
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://example.org/about/</loc>" in sitemap
    assert "<loc>https://example.org/colophon/</loc>" in sitemap
    for listing in ["index.html", "archive/index.html", "tags/index.html", "feed.xml"]:
        assert "Zebra" not in (out / listing).read_text(), listing
    assert "Zebra" not in (out / "tags" / "python" / "index.html").read_text()
    assert "Zebra" not in (out / "tags" / "python" / "feed.xml").read_text()
    assert "Zebra" not in html(root, "/posts/hello/")  # not among related or neighbours
    assert not (out / "posts" / "colophon").exists()


def test_a_dated_page_shows_its_date_and_updated_only_when_given(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "pages/dated.md", "title: Dated\ndate: 2024-02-03\n")
    write(root, "pages/both.md", "title: Both\ndate: 2024-02-03\nupdated: 2024-03-04\n")
    write(root, "pages/revised.md", "title: Revised\nupdated: 2024-03-04\n")
    assert build(root).ok
    dated = html(root, "/dated/")
    assert '<time datetime="2024-02-03">February 3, 2024</time>' in dated
    assert "updated" not in dated.split("<main", 1)[1].casefold()
    assert "(updated <time" in html(root, "/both/")
    revised = html(root, "/revised/")
    assert "Updated <time" in revised and "February" not in revised
    sitemap = (root / "public" / "sitemap.xml").read_text()
    assert "<lastmod>2024-03-04T00:00:00+00:00</lastmod>" in entry(sitemap, "/revised/")
    assert "<lastmod>2024-02-03T00:00:00+00:00</lastmod>" in entry(sitemap, "/dated/")


def test_url_slug_pattern_and_aliases_place_a_page(tmp_path: Path) -> None:
    root = site(tmp_path / "s", '[permalinks]\npages = "/p/{slug}/"\n')
    write(root, "pages/about.md", "title: About\naliases: [/me/]\n")
    write(root, "pages/team.md", "title: Team\nslug: people\n")
    write(root, "pages/legal.md", "title: Legal\nurl: /legal.html\n")
    assert build(root).ok
    out = root / "public"
    assert (out / "p" / "about" / "index.html").is_file()
    assert (out / "p" / "people" / "index.html").is_file()
    assert (out / "legal.html").is_file()
    assert "url=/p/about/" in html(root, "/me/")
    assert "/me/ /p/about/ 301" in (out / "_redirects").read_text()


def test_a_post_becomes_a_page_with_kind_and_a_page_may_become_a_post(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "pages/news.md", "title: News\nkind: post\ndate: 2024-01-01\n")
    assert build(root).ok
    assert (root / "public" / "posts" / "news" / "index.html").is_file()
    write(root, "pages/undated.md", "title: Undated\nkind: post\n")
    report = build(root)
    (error,) = report.errors
    assert (error.path, error.field, error.message) == (
        "content/pages/undated.md",
        "date",
        "is required but missing",
    )


def test_a_page_and_a_post_on_one_url_is_a_route_error(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "pages/hello.md", "title: Clash\nurl: /posts/hello/\n")
    report = build(root)
    assert not report.ok
    claimants = {error.path for error in report.errors}
    assert claimants == {"content/hello.md", "content/pages/hello.md"}
    assert all("claimed 2 times" in error.message for error in report.errors)


def test_a_draft_page_is_left_out_unless_drafts_are_built(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "pages/soon.md", "title: Soon\ndraft: true\n")
    report = build(root)
    assert report.ok and report.drafts == ("content/pages/soon.md",)
    assert not (root / "public" / "soon").exists()
    assert build(root, include_drafts=True).ok
    soon = html(root, "/soon/")
    assert '<meta name="robots" content="noindex">' in soon and "draft-badge" in soon


def test_without_a_menu_the_navigation_is_home_tags_archive(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    write(root, "pages/about.md", "title: About\n")
    assert build(root).ok
    expected = [("Home", "/", False), ("Tags", "/tags/", False), ("Archive", "/archive/", False)]
    assert nav(html(root, "/about/")) == expected
    assert nav(html(root, "/archive/"))[2] == ("Archive", "/archive/", True)


MENU = """
[[menu]]
name = "Archive"
target = "archive"
weight = 2

[[menu]]
name = "About"
page = "pages/about.md"

[[menu]]
name = "Code"
url = "https://example.com/code"
weight = 3

[[menu]]
name = "Contact"
url = "/contact/"
"""


def test_a_configured_menu_links_pages_targets_and_urls_by_weight(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    (root / "octavo.toml").write_text(
        'title = "T"\nbase_url = "https://example.org/blog/"\ntimezone = "UTC"\n'
        '[permalinks]\npages = "/info/{slug}/"\n' + MENU
    )
    write(root, "pages/about.md", "title: About\n")
    assert build(root).ok
    about = html(root, "/info/about/")
    assert nav(about) == [
        ("About", "/blog/info/about/", True),
        ("Contact", "/blog/contact/", False),
        ("Archive", "/blog/archive/", False),
        ("Code", "https://example.com/code", False),
    ]
    assert nav(html(root, "/posts/hello/"))[0] == ("About", "/blog/info/about/", False)


def test_a_menu_entry_naming_no_file_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = site(tmp_path / "s", MENU.replace("pages/about.md", "pages/abuot.md"))
    write(root, "pages/about.md", "title: About\n")
    report = build(root)
    (error,) = report.errors
    assert error.path.endswith("octavo.toml")
    assert (error.line, error.field) == (12, "menu.1.page")
    assert "pages/abuot.md" in error.message and error.hint == "did you mean 'pages/about.md'?"


def test_a_menu_entry_for_a_draft_page_is_left_out_with_a_warning(tmp_path: Path) -> None:
    root = site(tmp_path / "s", MENU)
    write(root, "pages/about.md", "title: About\ndraft: true\n")
    report = build(root)
    assert report.ok
    (warning,) = report.warnings
    assert (warning.line, warning.field) == (12, "menu.1.page")
    assert [text for text, _, _ in nav(html(root, "/"))] == ["Contact", "Archive", "Code"]


def test_menu_entries_of_the_wrong_shape_are_errors_at_their_lines(tmp_path: Path) -> None:
    root = site(
        tmp_path / "s",
        '[[menu]]\nname = "A"\nurl = "/a/"\n\n[[menu]]\nname = "Both"\nurl = "/b/"\n'
        'target = "tags"\n\n[[menu]]\nname = "C"\ntarget = "nowhere"\n\n'
        '[[menu]]\nname = "D"\nurl = "javascript:alert(1)"\n',
    )
    report = build(root)
    found = sorted((error.line, error.field) for error in report.errors)
    assert found == [(8, "menu.1"), (15, "menu.2.target"), (19, "menu.3.url")]
    both = next(error for error in report.errors if error.field == "menu.1")
    assert "url and target" in both.message and both.expected == "one of url, page or target"


def test_a_post_made_a_page_keeps_a_redirect_from_its_old_url(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    assert build(root).ok
    write(root, "hello.md", "title: Hello\ndate: 2024-05-01\nkind: page\n")
    report = build(root)
    assert report.ok and report.posts == 0
    (warning,) = report.warnings
    assert warning.message.startswith("the page moved from /posts/hello/ to /hello/")
    assert "url=/hello/" in html(root, "/posts/hello/")
    assert "Hello" not in (root / "public" / "index.html").read_text().split("<main", 1)[1]
