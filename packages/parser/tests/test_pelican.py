"""Pelican's Markdown metadata (`Title: ...` lines, no fences) is read as front matter."""

from __future__ import annotations

from datetime import datetime

from octavo_content import SiteConfig
from octavo_parser import parse_post

PELICAN_POST = """Title: My super title
Date: 2010-12-03 10:20
Modified: 2010-12-05 19:30
Tags: thats, awesome
Slug: my-super-post
Authors: Alexis Metaireau; Doyle, Conan
Summary: Short version for index
  and feeds

This is the content of my super blog post.
"""


def test_pelican_metadata_is_read_as_front_matter(config: SiteConfig) -> None:
    result = parse_post(PELICAN_POST.encode(), "content/super.md", config)
    post = result.post
    assert post is not None, result.problems
    assert (post.title, post.slug, post.url) == (
        "My super title",
        "my-super-post",
        "/posts/my-super-post/",
    )
    assert post.date == datetime(2010, 12, 3, 10, 20, tzinfo=config.zone)
    assert post.updated == datetime(2010, 12, 5, 19, 30, tzinfo=config.zone)
    assert post.tags == ("thats", "awesome")
    # Semicolons separate names that hold a comma, as Pelican documents.
    assert post.authors == ("Alexis Metaireau", "Doyle, Conan")
    assert post.description == "Short version for index and feeds"
    assert post.body_html == "<p>This is the content of my super blog post.</p>\n"
    assert [problem for problem in result.problems if problem.is_error] == []


def test_pelican_draft_status_and_error_lines(config: SiteConfig) -> None:
    draft = parse_post(b"Title: Later\nDate: 2024-05-01\nStatus: draft\n\nText.\n", "a.md", config)
    assert draft.post is not None and draft.post.draft
    bad = parse_post(b"Title: Hi\nstatus: hidden\nDate: someday\n\nText.\n", "b.md", config)
    assert bad.post is None
    assert [(problem.line, problem.field) for problem in bad.problems] == [(2, "status")]
    bad_date = parse_post(b"Title: Hi\nTags: a\nDate: someday\n\nText.\n", "c.md", config)
    assert [(problem.line, problem.field) for problem in bad_date.problems] == [(3, "date")]


def test_a_body_that_starts_like_metadata_without_a_title_is_no_front_matter(
    config: SiteConfig,
) -> None:
    result = parse_post(b"Note: this is prose.\n\nMore prose.\n", "note.md", config)
    assert result.post is None
    assert "has no front matter" in result.problems[0].message
