"""Views as fingerprints: a view's digest changes with anything its template can print, names the
posts it shows, and a page prints only bodies the render was given."""

from __future__ import annotations

import feedparser
import pytest

from octavo_content import Post, SiteConfig
from octavo_render import BodyNotLoaded, Renderer, ViewDigester
from octavo_tags import Page, TagIndex

DIGESTS = {"content/tricky.md": "t1", "content/second.md": "s1"}
DIGESTS |= {"content/third.md": "h1", "content/fourth.md": "f1"}


def renderer_for(config: SiteConfig, posts: list[Post]) -> Renderer:
    return Renderer(config, TagIndex.build(posts), body_digests=DIGESTS)


def home(renderer: Renderer, posts: list[Post]) -> Page[Post]:
    return Page(number=1, total=1, items=tuple(posts))


def test_a_view_digest_follows_what_the_page_prints(config: SiteConfig, posts: list[Post]) -> None:
    digester = ViewDigester(DIGESTS)
    view = renderer_for(config, posts).home_view(home(renderer_for(config, posts), posts))
    same = renderer_for(config, posts).home_view(home(renderer_for(config, posts), posts))
    assert digester.digest(view) == digester.digest(same)
    retitled = [posts[0], posts[1].model_copy(update={"title": "Other"}), *posts[2:]]
    changed = renderer_for(config, retitled).home_view(
        home(renderer_for(config, retitled), retitled)
    )
    assert digester.digest(changed).digest != digester.digest(view).digest


def test_a_body_stands_in_by_its_content_hash(config: SiteConfig, posts: list[Post]) -> None:
    view = renderer_for(config, posts).post_view(posts[1], newer=posts[0], older=posts[2])
    before = ViewDigester(DIGESTS).digest(view)
    edited = DIGESTS | {"content/second.md": "s2"}  # the same post, other bytes in its file
    again = Renderer(config, TagIndex.build(posts), body_digests=edited)
    after = ViewDigester(edited).digest(again.post_view(posts[1], newer=posts[0], older=posts[2]))
    assert before.digest != after.digest
    assert before.shows == {"content/second.md"}  # its neighbours are links, not content


def test_a_digest_refuses_what_it_cannot_read(config: SiteConfig, posts: list[Post]) -> None:
    with pytest.raises(TypeError, match="no digest"):
        ViewDigester(DIGESTS).digest({"key": object()})
    view = renderer_for(config, posts).post_view(posts[1], newer=None, older=None)
    with pytest.raises(ValueError, match="content hash"):
        ViewDigester({}).digest(view)


def test_a_page_prints_only_bodies_it_was_given(config: SiteConfig, posts: list[Post]) -> None:
    renderer = renderer_for(config, posts)
    view = renderer.post_view(posts[1], newer=None, older=None)
    with pytest.raises(BodyNotLoaded, match=r"content/second\.md"):
        renderer.render(view, {})
    html = renderer.render(view, {posts[1].source: posts[1]}).decode()
    assert "<p>Full body of second.</p>" in html  # trusted HTML, printed as it is


def test_a_feed_carries_the_body_as_escaped_text(config: SiteConfig, posts: list[Post]) -> None:
    renderer = renderer_for(config, posts)
    feed = renderer.render(renderer.site_feed_view(posts), {p.source: p for p in posts})
    parsed = feedparser.parse(feed)
    assert not parsed.bozo
    assert parsed.entries[1].content[0].value.startswith("<p>Full body of second.</p>")
