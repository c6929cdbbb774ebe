"""A valid post file becomes a Post with its dates, tags, slug, URL and extra keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from octavo_content import Permalinks, SiteConfig
from octavo_parser import parse_post


def test_post_fields_from_front_matter(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    source = post_file(
        "title: Here’s C++\ndate: 2024-05-01T09:30:00+02:00\nupdated: 2024-06-01\n"
        "tags: [python, web]\nauthors: Ada, Grace\ndraft: true\nmood: calm",
        "Some *text*.\n",
    )
    # Slugs made from titles (slug_source = "title") are slugified as written.
    by_title = config.model_copy(update={"slug_source": "title"})
    post = parse_post(source, "content/cpp.md", by_title).post
    assert post is not None
    assert post.source == "content/cpp.md"
    assert (post.title, post.slug, post.url) == ("Here’s C++", "heres-cpp", "/posts/heres-cpp/")
    assert post.date == datetime.fromisoformat("2024-05-01T09:30:00+02:00")
    assert post.updated is not None and post.updated.date() == date(2024, 6, 1)
    assert (post.tags, post.authors, post.draft) == (("python", "web"), ("Ada", "Grace"), True)
    assert post.extra == {"mood": "calm"}
    assert post.body_html == "<p>Some <em>text</em>.</p>\n"


def test_comma_separated_tags(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    post = parse_post(
        post_file("title: Hi\ndate: 2024-05-01\ntags: python, web , python"), "a", config
    ).post
    assert post is not None
    assert post.tags == ("python", "web")


def test_slug_from_front_matter_wins(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    post = parse_post(post_file("title: Hi\ndate: 2024-05-01\nslug: My Post"), "a", config).post
    assert post is not None
    assert (post.slug, post.url) == ("my-post", "/posts/my-post/")


def test_yaml_and_toml_front_matter_give_equal_posts(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    yaml_source = post_file(
        "title: Hi\ndate: 2024-05-01T09:30:00+02:00\ntags: [a, b]\ndraft: true\nseries: x",
        "Body [^1].\n\n[^1]: Note.\n",
    )
    toml_source = post_file(
        'title = "Hi"\ndate = 2024-05-01T09:30:00+02:00\ntags = ["a", "b"]\n'
        'draft = true\nseries = "x"',
        "Body [^1].\n\n[^1]: Note.\n",
        fence="+++",
    )
    from_yaml = parse_post(yaml_source, "content/hi.md", config)
    from_toml = parse_post(toml_source, "content/hi.md", config)
    assert from_yaml.post is not None
    assert from_yaml == from_toml


def test_date_only_keeps_its_calendar_day(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    kiritimati = config.model_copy(
        update={
            "timezone": "Pacific/Kiritimati",
            "permalinks": Permalinks(post="/{year}/{month}/{day}/{slug}/"),
        }
    )
    post = parse_post(post_file("title: Hi\ndate: 2024-05-01"), "content/hi.md", kiritimati).post
    assert post is not None
    assert post.day_only
    assert (post.date.year, post.date.month, post.date.day, post.date.hour) == (2024, 5, 1, 0)
    assert post.url == "/2024/05/01/hi/"


def test_toml_date_only_is_day_only_too(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    post = parse_post(post_file('title = "Hi"\ndate = 2024-05-01', fence="+++"), "a", config).post
    assert post is not None and post.day_only
    assert post.date.date() == date(2024, 5, 1)


def test_date_without_zone_is_read_in_the_site_zone(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    post = parse_post(post_file("title: Hi\ndate: 2024-01-15 09:30"), "a", config).post
    assert post is not None
    assert not post.day_only
    assert post.date.utcoffset() == timedelta(hours=1)  # Paris in winter
    assert (post.date.hour, post.date.minute) == (9, 30)


def test_url_day_is_the_site_zone_day(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    dated = config.model_copy(
        update={"permalinks": Permalinks(post="/{year}/{month}/{day}/{slug}/")}
    )
    # 23:30 in New York on 1 May is the morning of 2 May in Paris, the site's zone.
    source = post_file("title: Hi\ndate: 2024-05-01T23:30:00-04:00")
    post = parse_post(source, "content/hi.md", dated).post
    assert post is not None
    assert post.url == "/2024/05/02/hi/"


def test_front_matter_summary_replaces_the_computed_one(
    config: SiteConfig, post_file: Callable[..., bytes]
) -> None:
    source = post_file(
        "title: Hi\ndate: 2024-05-01\nsummary: |\n  A *short*\n  look & feel.",
        "First paragraph.\n\nSecond.\n",
    )
    post = parse_post(source, "a", config).post
    assert post is not None
    assert post.summary_html == "<p>A <em>short</em> look &amp; feel.</p>\n"
    assert post.description == "A short look & feel."
    assert post.has_more


def test_windows_line_ends_and_byte_order_mark(config: SiteConfig) -> None:
    source = b"\xef\xbb\xbf---\r\ntitle: Hi\r\ndate: 2024-05-01\r\n---\r\nHello.\r\n"
    post = parse_post(source, "a", config).post
    assert post is not None
    assert post.body_html == "<p>Hello.</p>\n"


def test_curly_quotes_stay_characters(config: SiteConfig, post_file: Callable[..., bytes]) -> None:
    source = post_file("title: It’s “here”\ndate: 2024-05-01", "## It’s here\n\nDon’t & won’t.\n")
    post = parse_post(source, "a", config).post
    assert post is not None
    assert post.title == "It’s “here”"
    assert post.body_html == (
        '<h2 id="its-here">It’s here<a class="heading-link" href="#its-here"'
        ' aria-label="Link to this section: It’s here"></a></h2>\n<p>Don’t &amp; won’t.</p>\n'
    )
    assert post.toc[0].text == "It’s here"
    assert post.description == "Don’t & won’t."
