"""`[feeds]` built: each format for the site and every term, author and series, entries and
content as configured, each page linking its feeds, and the mistakes reported at their line."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser

from octavo import Builder, BuildReport

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
ALL = '[feeds]\nformats = ["atom", "rss", "json"]\n'
POSTS = {
    "a.md": "tags: [Python]\ncategories: [Web]\nauthors: [Ada]\nseries: Basics\n",
    "b.md": "tags: [Python]\nauthors: [Ada]\nseries: Basics\n",
    "c.md": "tags: [Python, Go]\n",
}


def site(root: Path, config: str = "", posts: dict[str, str] | None = None) -> Path:
    """Writes a site: `CONFIG` and `config`, and each post as its front matter lines."""
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG + config)
    for number, (name, front) in enumerate((POSTS if posts is None else posts).items(), 1):
        (root / "content" / name).write_text(
            f"---\ntitle: {name.removesuffix('.md')}\ndate: 2024-05-{number:02d}\n{front}---\n"
            f"First words of {name}.\n\nMore words of {name}.\n"
        )
    return root


def build(root: Path) -> BuildReport:
    return Builder(root, now=NOW).build()


def feeds_in(output: Path) -> list[str]:
    """Given the output, returns the path of every feed it holds, sorted."""
    names = {"feed.xml", "rss.xml", "feed.json"}
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.name in names)


def test_by_default_only_atom_feeds_are_written(tmp_path: Path) -> None:
    root = site(tmp_path / "s")
    assert build(root).ok
    assert feeds_in(root / "public") == [
        "authors/ada/feed.xml",
        "categories/web/feed.xml",
        "feed.xml",
        "series/basics/feed.xml",
        "tags/go/feed.xml",
        "tags/python/feed.xml",
    ]


def test_each_format_is_written_for_the_site_and_every_term_author_and_series(
    tmp_path: Path,
) -> None:
    root = site(tmp_path / "s", ALL)
    report = build(root)
    assert report.ok, report.errors
    out = root / "public"
    folders = ("", "authors/ada/", "categories/web/", "series/basics/", "tags/go/", "tags/python/")
    assert feeds_in(out) == sorted(
        f"{folder}{name}" for folder in folders for name in ("feed.xml", "rss.xml", "feed.json")
    )
    rss = feedparser.parse((out / "categories" / "web" / "rss.xml").read_bytes())
    assert (rss.bozo, rss.version) == (0, "rss20")
    assert [entry.link for entry in rss.entries] == ["https://example.org/posts/a/"]
    series = json.loads((out / "series" / "basics" / "feed.json").read_text())
    assert series["feed_url"] == "https://example.org/series/basics/feed.json"
    assert [item["url"] for item in series["items"]] == [
        "https://example.org/posts/b/",
        "https://example.org/posts/a/",
    ]
    page = (out / "authors" / "ada" / "index.html").read_text()
    assert '<link rel="alternate" type="application/feed+json" title="T (JSON Feed)"' in page
    assert 'type="application/rss+xml" title="Ada (T) (RSS)" href="/authors/ada/rss.xml"' in page


def test_entries_limits_every_feed(tmp_path: Path) -> None:
    root = site(tmp_path / "s", ALL + "entries = 2\n")
    assert build(root).ok
    out = root / "public"
    atom = feedparser.parse((out / "feed.xml").read_bytes())
    assert [entry.link for entry in atom.entries] == [
        "https://example.org/posts/c/",
        "https://example.org/posts/b/",
    ]
    assert len(feedparser.parse((out / "tags" / "python" / "rss.xml").read_bytes()).entries) == 2
    assert len(json.loads((out / "feed.json").read_text())["items"]) == 2


def test_summary_content_leaves_the_rest_of_the_post_out(tmp_path: Path) -> None:
    full = site(tmp_path / "full", ALL)
    summary = site(tmp_path / "summary", ALL + 'content = "summary"\n')
    assert build(full).ok and build(summary).ok
    for name in ("feed.xml", "rss.xml", "feed.json"):
        assert "More words of c.md" in (full / "public" / name).read_text(), name
        text = (summary / "public" / name).read_text()
        assert "First words of c.md" in text, name
        assert "More words of c.md" not in text, name


def test_feed_settings_mistakes_are_errors_at_their_lines(tmp_path: Path) -> None:
    config = '[feeds]\nformats = ["atom", "rss2"]\nentrys = 3\ncontent = "excerpt"\n'
    report = build(site(tmp_path / "s", config))
    assert not report.ok
    by_field = {error.field: error for error in report.errors}
    assert sorted(by_field) == ["feeds.content", "feeds.entrys", "feeds.formats.1"]
    assert by_field["feeds.formats.1"].line == 5
    assert "'atom', 'rss' or 'json'" in by_field["feeds.formats.1"].message
    assert by_field["feeds.entrys"].line == 6
    assert by_field["feeds.entrys"].hint == "did you mean 'entries'?"
    assert by_field["feeds.content"].line == 7
    assert "'full' or 'summary'" in by_field["feeds.content"].message


def test_a_feed_list_without_atom_or_with_no_entries_is_refused(tmp_path: Path) -> None:
    report = build(site(tmp_path / "s", '[feeds]\nformats = ["rss"]\nentries = 0\n'))
    by_field = {error.field: error for error in report.errors}
    assert sorted(by_field) == ["feeds.entries", "feeds.formats"]
    assert "has no 'atom'" in by_field["feeds.formats"].message
    assert by_field["feeds.formats"].line == 5
    assert by_field["feeds.entries"].line == 6


def test_other_engines_feed_settings_point_to_feeds(tmp_path: Path) -> None:
    report = build(site(tmp_path / "s", "feed_limit = 5\n"))
    (error,) = report.errors
    assert (error.field, error.line, error.hint) == ("feed_limit", 4, "did you mean 'feeds'?")


def test_a_feed_in_another_format_on_a_taken_url_is_caught_by_the_route_table(
    tmp_path: Path,
) -> None:
    # The site's Atom feed in /go/ puts its RSS at /go/rss.xml, where tag Go's Atom feed is.
    config = ALL + '[permalinks]\nfeed = "/go/feed.xml"\ntag_feed = "/{slug}/rss.xml"\n'
    report = build(site(tmp_path / "s", config))
    assert not report.ok
    assert any("/go/rss.xml" in str(error) for error in report.errors), report.errors


def test_a_feed_named_otherwise_keeps_its_stem_in_the_other_formats(tmp_path: Path) -> None:
    config = ALL + '[permalinks]\nfeed = "/atom.xml"\n'
    report = build(site(tmp_path / "s", config, {"a.md": ""}))
    assert report.ok, report.errors
    out = tmp_path / "s" / "public"
    assert feedparser.parse((out / "atom.xml").read_bytes()).version == "atom10"
    assert feedparser.parse((out / "atom.rss.xml").read_bytes()).version == "rss20"
    assert (
        json.loads((out / "atom.json").read_text())["feed_url"] == "https://example.org/atom.json"
    )
    home = (out / "index.html").read_text()
    assert 'href="/atom.rss.xml"' in home and 'href="/atom.json"' in home
