"""Every HTML page kind, rendered from real posts and read back as HTML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from octavo_content import Post
from octavo_render import Renderer
from octavo_render.theme import theme_assets
from octavo_tags import TagIndex, paginate

Read = Callable[[bytes], Any]


def stylesheet_of(prefix: str = "") -> str:
    """Given the site's path prefix, returns the link path of the theme's hashed stylesheet."""
    (css,) = [path for path in theme_assets() if path.endswith(".css")]
    return prefix + css


def all_pages(renderer: Renderer, posts: list[Post], index: TagIndex) -> dict[str, bytes]:
    """Given a renderer and the site's posts, returns one rendered page of every kind."""
    python = index.get("python")
    return {
        "post": renderer.post_page(posts[1], newer=posts[0], older=posts[2]),
        "home": renderer.home_page(paginate(posts, 2)[0]),
        "tag": renderer.tag_page(python, paginate(python.posts, 2)[0]),
        "tags": renderer.tags_page(),
        "archive": renderer.archive_page(posts),
        "404": renderer.not_found_page(),
    }


def test_every_page_has_exactly_one_h1_and_the_common_frame(
    renderer: Renderer, posts: list[Post], index: TagIndex, read: Read
) -> None:
    for kind, data in all_pages(renderer, posts, index).items():
        page = read(data)
        assert data.startswith(b"<!DOCTYPE html>"), kind
        assert page.count("h1") == 1, kind
        assert page.attrs_of("html") == [{"lang": "en"}], kind
        assert {"id": "main"} in page.attrs_of("main"), kind
        assert page.attrs_of("a")[0] == {"class": "skip-link", "href": "#main"}, kind
        assert page.text_of("title")[0].endswith("Bits & Bobs"), kind
        feeds = [attrs for attrs in page.attrs_of("link") if attrs.get("rel") == "alternate"]
        assert feeds[0]["type"] == "application/atom+xml", kind
        stylesheets = [attrs for attrs in page.attrs_of("link") if attrs.get("rel") == "stylesheet"]
        assert [attrs["href"] for attrs in stylesheets] == [stylesheet_of("/blog")]


def test_post_page_shows_title_dates_tags_toc_neighbours_and_related(
    renderer: Renderer, posts: list[Post], read: Read
) -> None:
    page = read(renderer.post_page(posts[0], newer=None, older=posts[1]))
    assert page.text_of("h1") == ["Fish & <script>alert(1)</script> Chips"]
    times = page.attrs_of("time")
    # A calendar date stays a date; the update carries its time.
    assert times[0] == {"datetime": "2024-05-01"}
    assert times[1] == {"datetime": "2024-06-02T09:30:00+00:00"}
    assert page.text_of("time")[:2] == ["May 1, 2024", "June 2, 2024"]
    assert "/blog/tags/python/" in page.hrefs()
    assert "/blog/tags/web/" in page.hrefs()
    toc = [
        attrs for attrs in page.attrs_of("nav") if attrs.get("aria-label") == "Table of contents"
    ]
    assert len(toc) == 1
    assert [h for h in page.hrefs() if h[1:] in {"setup", "install-run", "usage"}] == [
        "#setup",
        "#install-run",
        "#usage",
    ]
    assert "Older: Second post" in page.text_of("li")
    # Related posts share a tag: the other Python posts.
    assert "/blog/posts/fourth/" in page.hrefs()
    assert "Full body of tricky." in page.text_of("p")


def test_post_page_omits_a_short_table_of_contents(
    renderer: Renderer, posts: list[Post], read: Read
) -> None:
    page = read(renderer.post_page(posts[1], newer=posts[0], older=posts[2]))
    labels = [attrs.get("aria-label") for attrs in page.attrs_of("nav")]
    assert "Table of contents" not in labels
    assert "Newer: Fish & <script>alert(1)</script> Chips" in page.text_of("li")


def test_titles_and_site_text_are_escaped_but_post_html_is_not(
    renderer: Renderer, posts: list[Post]
) -> None:
    html = renderer.post_page(posts[0], newer=None, older=None).decode()
    assert "<script>" not in html
    assert "Fish &amp; &lt;script&gt;alert(1)&lt;/script&gt; Chips" in html
    assert "Bits &amp; Bobs" in html
    assert '<p><a href="#tricky-end">jump</a></p>' in html


def test_home_page_lists_posts_with_full_content_by_default(
    renderer: Renderer, posts: list[Post], read: Read
) -> None:
    page = read(renderer.home_page(paginate(posts, 2)[0]))
    assert page.text_of("h1") == ["Bits & Bobs"]
    assert page.count("article") == 2
    assert page.text_of("h2") == ["Fish & <script>alert(1)</script> Chips", "Second post"]
    assert "Listed body of tricky." in page.text_of("p")
    assert not any(text.startswith("Read more") for text in page.text_of("a"))


def test_summary_lists_link_to_read_more_with_the_title_for_screen_readers(
    renderer_for: Callable[..., Renderer], posts: list[Post], read: Read
) -> None:
    page = read(renderer_for(list_content="summary").home_page(paginate(posts, 2)[0]))
    paragraphs = page.text_of("p")
    assert "Summary of tricky." in paragraphs
    assert "Listed body of tricky." not in paragraphs
    read_more = [text for text in page.text_of("a") if text.startswith("Read more")]
    # Only the first post's summary is shorter than its body.
    assert read_more == ["Read more: Fish & <script>alert(1)</script> Chips"]


def test_home_pagination_links_previous_and_next_pages(
    renderer: Renderer, posts: list[Post], read: Read
) -> None:
    pages = paginate(posts, 1)
    middle = read(renderer.home_page(pages[1]))
    links = {
        attrs.get("rel"): attrs.get("href") for attrs in middle.attrs_of("a") if attrs.get("rel")
    }
    assert links == {"prev": "/blog/", "next": "/blog/page/3/", "tag": "/blog/tags/python/"}
    assert "Page 2 of 4" in middle.text_of("li")
    nav = [attrs for attrs in middle.attrs_of("nav") if attrs.get("aria-label") == "Pagination"]
    assert len(nav) == 1
    last = read(renderer.home_page(pages[3]))
    rels = [attrs.get("rel") for attrs in last.attrs_of("a")]
    assert "prev" in rels and "next" not in rels


def test_single_page_list_has_no_pagination(
    renderer: Renderer, posts: list[Post], read: Read
) -> None:
    page = read(renderer.home_page(paginate(posts, 10)[0]))
    assert all(attrs.get("aria-label") != "Pagination" for attrs in page.attrs_of("nav"))


def test_tag_page_heading_count_feed_and_paged_links(
    renderer: Renderer, index: TagIndex, read: Read
) -> None:
    python = index.get("python")
    first, second = paginate(python.posts, 2)
    page = read(renderer.tag_page(python, first))
    assert page.text_of("h1") == ["Tag: Python"]
    assert "3 posts · Atom feed for this tag" in page.text_of("p")
    alternates = [
        attrs["href"] for attrs in page.attrs_of("link") if attrs.get("rel") == "alternate"
    ]
    assert alternates == ["/blog/feed.xml", "/blog/tags/python/feed.xml"]
    assert "/blog/tags/python/page/2/" in page.hrefs()
    canonical = [
        attrs["href"] for attrs in page.attrs_of("link") if attrs.get("rel") == "canonical"
    ]
    assert canonical == ["https://example.org/blog/tags/python/"]
    back = read(renderer.tag_page(python, second))
    assert "/blog/tags/python/" in back.hrefs()
    assert "Page 2 of 2" in back.text_of("li")


def test_tags_page_lists_every_tag_by_name_with_counts(renderer: Renderer, read: Read) -> None:
    page = read(renderer.tags_page())
    assert page.text_of("h1") == ["Tags"]
    items = [text for text in page.text_of("li") if "(" in text]
    assert items == ["Python (3 posts)", "Rust (1 post)", "Web (1 post)"]


def test_archive_groups_posts_by_year_newest_first(
    renderer: Renderer, posts: list[Post], read: Read
) -> None:
    page = read(renderer.archive_page(list(reversed(posts))))
    assert page.text_of("h1") == ["Archive"]
    assert page.text_of("h2") == ["2024", "2023"]
    titles = [text for text in page.text_of("a") if text.endswith(("post", "Chips"))]
    assert titles == [
        "Fish & <script>alert(1)</script> Chips",
        "Second post",
        "Third post",
        "Fourth post",
    ]


def test_archive_years_follow_the_site_time_zone(
    renderer_for: Callable[..., Renderer], posts: list[Post], read: Read
) -> None:
    # 31 December 2023 23:00 UTC is already 2024 in Tokyo.
    page = read(renderer_for(timezone="Asia/Tokyo").archive_page(posts))
    section_2024 = page.text_of("ul")[1]
    assert "Third post" in section_2024


def test_not_found_page_links_home_and_claims_no_address(renderer: Renderer, read: Read) -> None:
    page = read(renderer.not_found_page())
    assert page.text_of("h1") == ["Page not found"]
    assert "/blog/" in page.hrefs()
    assert all(attrs.get("rel") != "canonical" for attrs in page.attrs_of("link"))


def test_site_at_the_domain_root_links_without_a_prefix(
    renderer_for: Callable[..., Renderer], posts: list[Post], read: Read
) -> None:
    page = read(renderer_for().post_page(posts[1], newer=None, older=posts[2]))
    hrefs = page.hrefs()
    assert {"/", "/tags/", "/archive/", "/feed.xml", "/posts/third/", stylesheet_of()} <= set(hrefs)
    assert not any(href.startswith("/blog") for href in hrefs)


def test_custom_permalinks_shape_every_link(
    renderer_for: Callable[..., Renderer], index: TagIndex, read: Read
) -> None:
    renderer = renderer_for(
        base_url="https://example.org/notes/",
        permalinks={"tag": "/topics/{slug}/", "tags": "/topics/", "page": "p/{n}/"},
    )
    python = index.get("python")
    page = read(renderer.tag_page(python, paginate(python.posts, 1)[0]))
    assert {"/notes/topics/", "/notes/topics/python/p/2/"} <= set(page.hrefs())
