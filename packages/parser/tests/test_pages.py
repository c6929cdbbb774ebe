"""Standalone pages: a file under content/pages/, or with `kind: page`, needs no date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from octavo_content import SiteConfig
from octavo_parser import parse_post

PostFile = Callable[..., bytes]


def test_a_file_under_pages_is_an_undated_page_at_its_slug(
    config: SiteConfig, post_file: PostFile
) -> None:
    result = parse_post(post_file("title: About me"), "content/pages/about.md", config)
    assert result.problems == ()
    page = result.post
    assert page is not None
    assert (page.kind, page.url, page.date, page.updated) == ("page", "/about/", None, None)


def test_a_bundle_under_pages_is_named_after_its_folder(
    config: SiteConfig, post_file: PostFile
) -> None:
    page = parse_post(post_file("title: Contact"), "content/pages/contact/index.md", config).post
    assert page is not None and page.url == "/contact/"


def test_kind_page_makes_any_file_a_page_and_kind_post_makes_a_post(
    config: SiteConfig, post_file: PostFile
) -> None:
    page = parse_post(post_file("title: Colophon\nkind: page"), "content/colophon.md", config).post
    assert page is not None and (page.kind, page.url) == ("page", "/colophon/")
    source = post_file("title: News\nkind: post\ndate: 2024-05-01")
    post = parse_post(source, "content/pages/news.md", config).post
    assert post is not None and (post.kind, post.url) == ("post", "/posts/news/")


def test_a_page_keeps_a_date_and_updated_when_given(
    config: SiteConfig, post_file: PostFile
) -> None:
    source = post_file("title: About\ndate: 2024-05-01\nupdated: 2024-06-02")
    page = parse_post(source, "content/pages/about.md", config).post
    assert page is not None and page.date is not None and page.updated is not None
    assert (page.date.date(), page.updated.date(), page.day_only) == (
        date(2024, 5, 1),
        date(2024, 6, 2),
        True,
    )
    assert page.url == "/about/"  # a page's date never enters its URL


def test_url_slug_and_the_pages_pattern_place_a_page(post_file: PostFile) -> None:
    config = SiteConfig.model_validate(
        {
            "title": "T",
            "base_url": "https://example.org/",
            "timezone": "UTC",
            "permalinks": {"pages": "/about-us/{slug}/"},
        }
    )
    by_slug = parse_post(post_file("title: A\nslug: team"), "content/pages/a.md", config).post
    by_url = parse_post(post_file("title: B\nurl: /b.html"), "content/pages/b.md", config).post
    assert by_slug is not None and by_slug.url == "/about-us/team/"
    assert by_url is not None and by_url.url == "/b.html"


def test_a_post_still_needs_a_date(config: SiteConfig, post_file: PostFile) -> None:
    result = parse_post(post_file("title: Hi\nkind: post"), "content/pages/hi.md", config)
    assert result.post is None
    (problem,) = result.problems
    assert (problem.field, problem.line, problem.message) == ("date", 1, "is required but missing")
    assert problem.hint is not None and "kind: page" in problem.hint


def test_a_missing_date_is_reported_with_the_other_errors(
    config: SiteConfig, post_file: PostFile
) -> None:
    result = parse_post(post_file("tags: [a]"), "content/hi.md", config)
    assert sorted(str(problem.field) for problem in result.problems) == ["date", "title"]


def test_an_unknown_kind_is_an_error_at_its_line(config: SiteConfig, post_file: PostFile) -> None:
    result = parse_post(post_file("title: Hi\nkind: article"), "content/pages/hi.md", config)
    (problem,) = result.problems
    assert (problem.field, problem.line) == ("kind", 3)
    assert problem.expected == "post or page"


def test_tags_on_a_page_are_a_warning_and_are_dropped(
    config: SiteConfig, post_file: PostFile
) -> None:
    result = parse_post(post_file("title: About\ntags: [python]"), "content/pages/a.md", config)
    (warning,) = result.problems
    assert (warning.severity, warning.field, warning.line) == ("warning", "tags", 3)
    assert result.post is not None and result.post.tags == ()
