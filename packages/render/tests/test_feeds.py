"""Atom feeds, read back with feedparser as a feed reader would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser

from octavo_content import Post
from octavo_render import FEED_LIMIT, Renderer
from octavo_tags import TagIndex


def parsed(data: bytes) -> Any:
    """Given feed bytes, returns feedparser's reading of them, checked well-formed."""
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def test_site_feed_has_every_post_newest_first_with_absolute_links(
    renderer: Renderer, posts: list[Post]
) -> None:
    feed = parsed(renderer.site_feed(list(reversed(posts))))
    assert feed.version == "atom10"
    assert feed.feed.title == "Bits & Bobs"
    assert feed.feed.id == "https://example.org/blog/feed.xml"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {
        "self": "https://example.org/blog/feed.xml",
        "alternate": "https://example.org/blog/",
    }
    assert [entry.title for entry in feed.entries] == [
        "Fish & <script>alert(1)</script> Chips",
        "Second post",
        "Third post",
        "Fourth post",
    ]
    assert [entry.link for entry in feed.entries][:2] == [
        "https://example.org/blog/posts/tricky/",
        "https://example.org/blog/posts/second/",
    ]
    assert feed.entries[0].id == "https://example.org/blog/posts/tricky/"


def test_feed_entry_carries_dates_authors_tags_summary_and_full_body(
    renderer: Renderer, posts: list[Post]
) -> None:
    first, second = parsed(renderer.site_feed(posts)).entries[:2]
    assert first.published == "2024-05-01T00:00:00+00:00"
    assert first.updated == "2024-06-02T09:30:00+00:00"
    assert [author.name for author in first.authors] == ["Ada"]
    # Without authors of its own, a post is by the site's author.
    assert [author.name for author in second.authors] == ["Grace"]
    assert [tag.term for tag in first.tags] == ["Python", "Web"]
    assert first.summary == "About tricky"
    assert first.content[0].type == "text/html"
    assert "Full body of tricky." in first.content[0].value
    # xml:base makes the in-page link resolve against the post's own address.
    assert 'href="https://example.org/blog/posts/tricky/#tricky-end"' in first.content[0].value


def test_feed_updated_is_the_latest_change_not_the_build_time(
    renderer: Renderer, posts: list[Post]
) -> None:
    first = renderer.site_feed(posts)
    assert parsed(first).feed.updated == "2024-06-02T09:30:00+00:00"
    assert renderer.site_feed(posts) == first


def test_site_feed_keeps_only_the_newest_posts(renderer: Renderer, posts: list[Post]) -> None:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    many = [
        posts[3].model_copy(
            update={"slug": f"p{n}", "url": f"/posts/p{n}/", "date": start + timedelta(days=n)}
        )
        for n in range(FEED_LIMIT + 5)
    ]
    entries = parsed(renderer.site_feed(many)).entries
    assert len(entries) == FEED_LIMIT
    assert entries[0].link == f"https://example.org/blog/posts/p{FEED_LIMIT + 4}/"
    assert entries[-1].link == "https://example.org/blog/posts/p5/"


def test_tag_feed_lists_the_tag_posts_and_names_itself(renderer: Renderer, index: TagIndex) -> None:
    feed = parsed(renderer.tag_feed(index.get("python")))
    assert feed.feed.id == "https://example.org/blog/tags/python/feed.xml"
    assert feed.feed.title == "Tag: Python – Bits & Bobs"
    assert [entry.link for entry in feed.entries] == [
        "https://example.org/blog/posts/tricky/",
        "https://example.org/blog/posts/second/",
        "https://example.org/blog/posts/fourth/",
    ]


def test_feed_without_site_author_is_by_the_site_title(
    renderer_for: Callable[..., Renderer], posts: list[Post]
) -> None:
    feed = parsed(renderer_for().site_feed(posts[1:2]))
    assert feed.feed.author == "Bits & Bobs"
    assert [author.name for author in feed.entries[0].authors] == ["Bits & Bobs"]


def test_empty_feed_is_still_valid_atom(renderer: Renderer) -> None:
    feed = parsed(renderer.site_feed([]))
    assert feed.entries == []
    assert feed.feed.updated == "1970-01-01T00:00:00+00:00"
