"""Front matter written for Hugo, Zola and Jekyll is read as it is, by one stated rule per key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from octavo_content import ContentError, Post, SiteConfig
from octavo_parser import parse_post

PostFile = Callable[..., bytes]


def _parsed(source: bytes, config: SiteConfig, path: str = "content/a.md") -> Post:
    result = parse_post(source, path, config)
    assert result.post is not None, [str(problem) for problem in result.problems]
    return result.post


def _problems(source: bytes, config: SiteConfig) -> tuple[ContentError, ...]:
    return parse_post(source, "content/a.md", config).problems


@pytest.mark.parametrize("key", ["updated", "lastmod", "modified", "last_modified_at"])
def test_every_spelling_of_the_last_update_is_updated(
    key: str, config: SiteConfig, post_file: PostFile
) -> None:
    post = _parsed(post_file(f"title: A\ndate: 2024-05-01\n{key}: 2024-06-02"), config)
    assert post.updated is not None and post.updated.date() == date(2024, 6, 2)
    assert post.extra == {}


def test_two_spellings_of_one_thing_are_an_error_naming_both_lines(
    config: SiteConfig, post_file: PostFile
) -> None:
    source = post_file("title: A\ndate: 2024-05-01\nlastmod: 2024-06-01\nupdated: 2024-06-02")
    result = parse_post(source, "content/a.md", config)
    assert result.post is None
    (error,) = [problem for problem in result.problems if problem.is_error]
    assert (error.line, error.field) == (5, "updated")
    assert "'lastmod' (line 4) and 'updated' (line 5)" in error.message


@pytest.mark.parametrize(
    ("keys", "field"),
    [
        (("summary", "excerpt"), "summary"),
        (("publishDate", "pubdate"), "publish date"),
        (("expiryDate", "unpublishdate"), "expiry date"),
        (("draft", "published"), "draft"),
    ],
)
def test_each_thing_written_twice_is_an_error(
    keys: tuple[str, str], field: str, config: SiteConfig, post_file: PostFile
) -> None:
    values = {
        "summary": "A",
        "excerpt": "B",
        "publishDate": "2024-01-01",
        "pubdate": "2024-01-02",
        "expiryDate": "2030-01-01",
        "unpublishdate": "2030-01-02",
        "draft": "true",
        "published": "true",
    }
    lines = "\n".join(f"{key}: {values[key]}" for key in keys)
    errors = list(_problems(post_file(f"title: A\ndate: 2024-05-01\n{lines}"), config))
    assert [error.field for error in errors if error.is_error] == [keys[1]]
    assert field in errors[0].message


def test_a_lastmod_that_is_no_date_is_an_error_at_its_line(
    config: SiteConfig, post_file: PostFile
) -> None:
    (error,) = _problems(post_file("title: A\ndate: 2024-05-01\nlastmod: soon"), config)
    assert (error.line, error.field) == (4, "lastmod")
    assert "2024-05-01" in (error.hint or "")


def test_publish_and_expiry_dates_are_kept(config: SiteConfig, post_file: PostFile) -> None:
    post = _parsed(
        post_file("title: A\ndate: 2024-05-01\npublishDate: 2024-05-03\nexpiryDate: 2025-01-01"),
        config,
    )
    assert post.date.date() == date(2024, 5, 1)  # the date shown stays the date
    assert post.publish_date is not None and post.publish_date.date() == date(2024, 5, 3)
    assert post.goes_live == post.publish_date
    assert post.expiry_date is not None and post.expiry_date.date() == date(2025, 1, 1)
    assert post.expired_at(datetime.fromisoformat("2025-01-01T00:00:00+01:00"))
    assert not post.expired_at(datetime.fromisoformat("2024-12-31T23:59:00+01:00"))


@pytest.mark.parametrize(
    "front", ["publishDate = 2024-05-03", "publishdate = 2024-05-03", "pubDate = 2024-05-03"]
)
def test_a_post_without_a_date_is_dated_by_its_publish_date(
    front: str, config: SiteConfig, post_file: PostFile
) -> None:
    source = post_file(f'title = "A"\n{front}', fence="+++")
    post = _parsed(source, config, "content/2020-01-01-a.md")  # the front matter wins
    assert (post.date.date(), post.day_only) == (date(2024, 5, 3), True)


def test_jekyll_published_false_is_a_draft(config: SiteConfig, post_file: PostFile) -> None:
    post = _parsed(post_file("title: A\ndate: 2024-05-01\npublished: false"), config)
    assert post.draft and post.publish_date is None and post.extra == {}
    post = _parsed(post_file("title: A\ndate: 2024-05-01\npublished: true"), config)
    assert not post.draft


def test_hugo_published_as_a_date_is_the_publish_date(
    config: SiteConfig, post_file: PostFile
) -> None:
    post = _parsed(post_file("title: A\ndate: 2024-05-01\npublished: 2024-05-04"), config)
    assert not post.draft
    assert post.publish_date is not None and post.publish_date.date() == date(2024, 5, 4)


def test_published_neither_true_false_nor_a_date_is_an_error(
    config: SiteConfig, post_file: PostFile
) -> None:
    errors = _problems(post_file("title: A\ndate: 2024-05-01\npublished: maybe"), config)
    (error,) = [error for error in errors if error.is_error]
    assert (error.line, error.field) == (4, "published")
    assert "published: false" in (error.hint or "")


def test_a_description_is_the_meta_description_not_the_list_summary(
    config: SiteConfig, post_file: PostFile
) -> None:
    post = _parsed(
        post_file(
            "title: A\ndate: 2024-05-01\ndescription: |\n  For   search\n  engines.", "Body."
        ),
        config,
    )
    assert post.description == "For search engines."
    assert post.summary_html == "<p>Body.</p>\n"
    written = _parsed(
        post_file("title: A\ndate: 2024-05-01\ndescription: Meta.\nexcerpt: Listed.", "Body."),
        config,
    )
    assert (written.description, written.summary_html) == ("Meta.", "<p>Listed.</p>\n")


def test_a_description_is_the_list_summary_of_a_post_without_one(
    config: SiteConfig, post_file: PostFile
) -> None:
    post = _parsed(
        post_file("title: A\ndate: 2024-05-01\ndescription: <b>Only</b> this", ""), config
    )
    assert post.summary_html == "<p>&lt;b&gt;Only&lt;/b&gt; this</p>\n"


def test_zola_extra_table_keys_are_post_extra_keys(config: SiteConfig, post_file: PostFile) -> None:
    source = post_file(
        'title = "A"\ndate = 2024-05-01\nmood = "calm"\n[extra]\nhero = "h.png"\n'
        'when = 2024-01-02\n[extra.social]\nhandle = "@a"\nlinks = ["x", "y"]',
        fence="+++",
    )
    post = _parsed(source, config)
    assert post.extra == {
        "mood": "calm",
        "hero": "h.png",
        "when": "2024-01-02",  # a date is ISO text, as a cached post holds it
        "social": {"handle": "@a", "links": ["x", "y"]},
    }
    assert Post.model_validate_json(post.model_dump_json()).extra == post.extra


def test_hugo_params_keys_are_post_extra_keys(config: SiteConfig, post_file: PostFile) -> None:
    post = _parsed(post_file("title: A\ndate: 2024-05-01\nparams:\n  hero: h.png"), config)
    assert post.extra == {"hero": "h.png"}


@pytest.mark.parametrize(
    ("front", "fence", "line"),
    [
        ('title = "A"\ndate = 2024-05-01\nhero = "a"\n[extra]\nx = 1\nhero = "b"', "+++", 7),
        ("title: A\ndate: 2024-05-01\nhero: a\nparams:\n  x: 1\n  hero: b", "---", 7),
    ],
)
def test_a_key_both_at_the_top_and_in_extra_is_an_error_naming_both_lines(
    front: str, fence: str, line: int, config: SiteConfig, post_file: PostFile
) -> None:
    (error,) = _problems(post_file(front, fence=fence), config)
    assert error.is_error and error.line == line
    assert "'hero' (line 4)" in error.message and f"(line {line})" in error.message


def test_extra_tables_are_no_unknown_keys_even_when_strict(
    config: SiteConfig, post_file: PostFile
) -> None:
    strict = config.model_copy(update={"strict_front_matter": True})
    source = post_file('title = "A"\ndate = 2024-05-01\n[extra]\nanything = 1', fence="+++")
    assert _problems(source, strict) == ()


@pytest.mark.parametrize("layout", ["post", "single", "page.html", "default"])
def test_a_usual_post_layout_is_accepted_silently(
    layout: str, config: SiteConfig, post_file: PostFile
) -> None:
    post = _parsed(post_file(f"title: A\ndate: 2024-05-01\nlayout: {layout}"), config)
    assert post.extra == {"layout": layout}
    assert _problems(post_file(f"title: A\ndate: 2024-05-01\nlayout: {layout}"), config) == ()


@pytest.mark.parametrize(("key", "fence"), [("layout", "---"), ("template", "+++")])
def test_another_layout_is_a_warning_that_it_is_not_used(
    key: str, fence: str, config: SiteConfig, post_file: PostFile
) -> None:
    separator = ": " if fence == "---" else " = "
    source = post_file(
        f'title{separator}"A"\ndate{separator}2024-05-01\n{key}{separator}"gallery.html"',
        fence=fence,
    )
    (warning,) = _problems(source, config)
    assert (warning.severity, warning.line, warning.field) == ("warning", 4, key)
    assert "post.html" in warning.message


def test_a_markdown_file_is_a_post_named_after_it(config: SiteConfig, post_file: PostFile) -> None:
    post = _parsed(post_file("title: A"), config, "content/2024-02-19-old-post.markdown")
    assert (post.slug, post.url, post.date.date()) == (
        "old-post",
        "/posts/old-post/",
        date(2024, 2, 19),
    )


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("2019-05-01 10:30:00 +0200", "2019-05-01T10:30:00+02:00"),  # Jekyll's documented form
        ("2019-05-01T10:30:00-07:00", "2019-05-01T10:30:00-07:00"),  # Hugo's RFC 3339
    ],
)
def test_dates_as_jekyll_and_hugo_write_them(
    written: str, moment: str, config: SiteConfig, post_file: PostFile
) -> None:
    post = _parsed(post_file(f"title: A\ndate: {written}\nlastmod: {written}"), config)
    assert post.date == post.updated == datetime.fromisoformat(moment)
