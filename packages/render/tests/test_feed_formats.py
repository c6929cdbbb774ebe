"""RSS 2.0 and JSON Feed 1.1 beside Atom, `[feeds]` entries and content, and the `<link>`s pages
give each format: read back with feedparser, and JSON Feed against its schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import jsonschema

from octavo_content import Post
from octavo_render import Renderer, feed_path
from octavo_render.bodies import resolved_urls
from octavo_tags import TagIndex, paginate

Read = Callable[[bytes], Any]
SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text("utf-8"))
ALL = {"formats": ["atom", "rss", "json"]}


def rss(data: bytes) -> Any:
    """Given RSS bytes, returns feedparser's reading of them, checked well-formed RSS 2.0."""
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def json_feed(data: bytes) -> Any:
    """Given JSON Feed bytes, returns the feed, checked against the JSON Feed 1.1 schema."""
    feed = json.loads(data)
    jsonschema.validate(feed, SCHEMA)
    return feed


def test_rss_site_feed_has_channel_self_link_and_items_newest_first(
    renderer: Renderer, posts: list[Post]
) -> None:
    data = renderer.site_feed(list(reversed(posts)), "rss")
    feed = rss(data)
    assert feed.feed.title == "Bits & Bobs"
    assert feed.feed.link == "https://example.org/blog/"
    assert feed.feed.subtitle == "Notes on code"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == "https://example.org/blog/rss.xml"
    assert [entry.title for entry in feed.entries] == [
        "Fish & <script>alert(1)</script> Chips",
        "Second post",
        "Third post",
        "Fourth post",
    ]
    first = feed.entries[0]
    assert first.link == "https://example.org/blog/posts/tricky/"
    assert first.id == "https://example.org/blog/posts/tricky/"
    guid = b'<guid isPermaLink="true">https://example.org/blog/posts/tricky/</guid>'
    assert guid in data


def test_rss_item_carries_rfc822_date_authors_tags_and_the_full_escaped_body(
    renderer: Renderer, posts: list[Post]
) -> None:
    data = renderer.site_feed(posts, "rss")
    first, second = rss(data).entries[:2]
    assert b"<pubDate>Wed, 01 May 2024 00:00:00 +0000</pubDate>" in data
    assert parsedate_to_datetime(first.published) == datetime(2024, 5, 1, tzinfo=UTC)
    assert first.author == "Ada"
    assert second.author == "Grace"
    assert [tag.term for tag in first.tags] == ["Python", "Web"]
    assert "Full body of tricky." in first.description
    assert 'href="https://example.org/blog/posts/tricky/#tricky-end"' in first.description


def test_json_feed_is_valid_and_carries_each_post(renderer: Renderer, posts: list[Post]) -> None:
    feed = json_feed(renderer.site_feed(list(reversed(posts)), "json"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Bits & Bobs"
    assert feed["home_page_url"] == "https://example.org/blog/"
    assert feed["feed_url"] == "https://example.org/blog/feed.json"
    assert feed["authors"] == [{"name": "Grace"}]
    first, second = feed["items"][:2]
    assert first["id"] == first["url"] == "https://example.org/blog/posts/tricky/"
    assert first["title"] == "Fish & <script>alert(1)</script> Chips"
    assert "<p>Full body of tricky.</p>" in first["content_html"]
    assert 'href="https://example.org/blog/posts/tricky/#tricky-end"' in first["content_html"]
    assert first["summary"] == "About tricky"
    assert first["date_published"] == "2024-05-01T00:00:00+00:00"
    assert first["date_modified"] == "2024-06-02T09:30:00+00:00"
    assert first["tags"] == ["Python", "Web"]
    assert first["authors"] == [{"name": "Ada"}]
    assert second["authors"] == [{"name": "Grace"}]


def test_the_schema_refuses_what_the_spec_forbids() -> None:
    # The vendored schema is written from the spec: a feed it passes is only worth as much as
    # what it refuses.
    good = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": []}
    jsonschema.validate(good, SCHEMA)
    item = {"id": "1", "content_html": "<p>x</p>", "date_published": "2024-05-01T00:00:00Z"}
    jsonschema.validate(good | {"items": [item]}, SCHEMA)
    bad = [
        {"title": "t", "items": []},
        good | {"version": "https://jsonfeed.org/version/1"},
        good | {"items": [{"id": "1"}]},
        good | {"items": [item | {"date_published": "1 May 2024"}]},
        good | {"items": [item | {"tags": "a, b"}]},
        good | {"authors": [{}]},
        good | {"homepage": "https://example.org/"},
    ]
    for feed in bad:
        try:
            jsonschema.validate(feed, SCHEMA)
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"the schema let through {feed}")


def test_tag_feeds_in_each_format_name_themselves_beside_the_atom_one(
    renderer: Renderer, index: TagIndex
) -> None:
    python = index.get("python")
    links = {link.rel: link.href for link in rss(renderer.tag_feed(python, fmt="rss")).feed.links}
    assert links["self"] == "https://example.org/blog/tags/python/rss.xml"
    feed = json_feed(renderer.tag_feed(python, fmt="json"))
    assert feed["feed_url"] == "https://example.org/blog/tags/python/feed.json"
    assert feed["home_page_url"] == "https://example.org/blog/tags/python/"
    assert feed["title"] == "Tag: Python – Bits & Bobs"
    assert [item["url"] for item in feed["items"]] == [
        "https://example.org/blog/posts/tricky/",
        "https://example.org/blog/posts/second/",
        "https://example.org/blog/posts/fourth/",
    ]


def test_entries_sets_how_many_posts_every_format_holds(
    renderer_for: Callable[..., Renderer], posts: list[Post]
) -> None:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    many = [
        posts[3].model_copy(
            update={"slug": f"p{n}", "url": f"/posts/p{n}/", "date": start + timedelta(days=n)}
        )
        for n in range(8)
    ]
    renderer = renderer_for(feeds={"entries": 3})
    atom = feedparser.parse(renderer.site_feed(many))
    assert [entry.link for entry in atom.entries] == [
        f"https://example.org/posts/p{n}/" for n in (7, 6, 5)
    ]
    assert len(rss(renderer.site_feed(many, "rss")).entries) == 3
    assert len(json_feed(renderer.site_feed(many, "json"))["items"]) == 3


def test_summary_content_puts_the_summary_where_the_body_was(
    renderer_for: Callable[..., Renderer], posts: list[Post]
) -> None:
    renderer = renderer_for(feeds={"content": "summary"})
    atom = feedparser.parse(renderer.site_feed(posts))
    assert atom.bozo == 0
    entry = atom.entries[0]
    assert "content" not in entry
    assert entry.summary == "<p>Summary of tricky.</p>"
    description = rss(renderer.site_feed(posts, "rss")).entries[0].description
    assert description == "<p>Summary of tricky.</p>"
    item = json_feed(renderer.site_feed(posts, "json"))["items"][0]
    assert item["content_html"] == "<p>Summary of tricky.</p>"
    for data in (renderer.site_feed(posts), renderer.site_feed(posts, "rss")):
        assert b"Full body of tricky." not in data


def test_empty_feeds_are_still_valid(renderer: Renderer) -> None:
    assert rss(renderer.site_feed([], "rss")).entries == []
    assert json_feed(renderer.site_feed([], "json"))["items"] == []


def test_pages_link_every_configured_format_with_its_type(
    renderer_for: Callable[..., Renderer], index: TagIndex, read: Read
) -> None:
    python = index.get("python")
    page = read(renderer_for(feeds=ALL).tag_page(python, paginate(python.posts, 2)[0]))
    alternates = [
        (attrs["type"], attrs["href"], attrs["title"])
        for attrs in page.attrs_of("link")
        if attrs.get("rel") == "alternate"
    ]
    assert alternates == [
        ("application/atom+xml", "/feed.xml", "Bits & Bobs"),
        ("application/rss+xml", "/rss.xml", "Bits & Bobs (RSS)"),
        ("application/feed+json", "/feed.json", "Bits & Bobs (JSON Feed)"),
        ("application/atom+xml", "/tags/python/feed.xml", "Python (Bits & Bobs)"),
        ("application/rss+xml", "/tags/python/rss.xml", "Python (Bits & Bobs) (RSS)"),
        ("application/feed+json", "/tags/python/feed.json", "Python (Bits & Bobs) (JSON Feed)"),
    ]


def test_each_format_lives_beside_the_atom_feed() -> None:
    assert feed_path("/feed.xml", "atom") == "/feed.xml"
    assert feed_path("/feed.xml", "rss") == "/rss.xml"
    assert feed_path("/tags/a/feed.xml", "json") == "/tags/a/feed.json"
    # Another name keeps its stem, so feeds named by slug never share a file.
    assert feed_path("/tags/a.xml", "rss") == "/tags/a.rss.xml"
    assert feed_path("/tags/a.xml", "json") == "/tags/a.json"


def test_rss_and_json_bodies_resolve_every_url_against_the_post() -> None:
    html = (
        '<p><a href="#end">end</a> <a href="../other/?a=1&amp;b=2">other</a>'
        ' <a href="https://else.org/x">far</a></p>'
        '<img src="/media/a.png" srcset="/media/a.png 1x, b@2x.png 2x" alt="">'
    )
    assert resolved_urls(html, "https://example.org/blog/posts/one/") == (
        '<p><a href="https://example.org/blog/posts/one/#end">end</a>'
        ' <a href="https://example.org/blog/posts/other/?a=1&amp;b=2">other</a>'
        ' <a href="https://else.org/x">far</a></p>'
        '<img src="https://example.org/media/a.png"'
        ' srcset="https://example.org/media/a.png 1x,'
        ' https://example.org/blog/posts/one/b@2x.png 2x" alt="">'
    )
