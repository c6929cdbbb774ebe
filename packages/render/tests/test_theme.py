"""The default theme's promises: JSON-LD that cannot leave its script element, drafts marked,
hashed asset names, social metadata, a tag cloud, and colours that pass WCAG AA in both schemes."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from wcag import contrast, scheme

from octavo_content import Post, SiteConfig
from octavo_render import Renderer
from octavo_render.renderer import cloud_weight
from octavo_render.structured import script_json
from octavo_render.theme import asset_path, hashed_path, theme_assets
from octavo_tags import TagIndex, paginate


def make_post(
    slug: str, title: str, when: datetime, tags: tuple[str, ...] = (), **fields: Any
) -> Post:
    """Given a slug, title, date and tags, returns a post as the parser would hand it over."""
    body = f"<p>Body of {slug}.</p>"
    return Post(
        **{
            "source": f"content/{slug}.md",
            "slug": slug,
            "url": f"/posts/{slug}/",
            "title": title,
            "date": when,
            "tags": tags,
            "body_html": body,
            "list_html": body,
            "summary_html": body,
        }
        | fields
    )


BREAKOUT = "</script><script>alert(1)</script> <!-- x --> & </SCRIPT > \u2028"


class Scripts(HTMLParser):
    """The scripts of a page as the browser's tokenizer splits them: type and raw text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str | None, str]] = []
        self._type: str | None = None
        self._in = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._type, self._in = dict(attrs).get("type"), True
            self.found.append((self._type, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            kind, text = self.found[-1]
            self.found[-1] = (kind, text + data)


def test_script_json_escapes_everything_that_ends_or_comments_a_script() -> None:
    text = str(script_json({"headline": BREAKOUT}))
    assert not set("<>&") & set(text)
    assert "\u2028" not in text
    assert json.loads(text) == {"headline": BREAKOUT}


def test_post_json_ld_is_one_blog_posting_that_survives_a_breakout_title(
    config: SiteConfig,
) -> None:
    post = make_post("x", BREAKOUT, datetime(2024, 5, 1, tzinfo=UTC), ("C++",), authors=("A <b>",))
    page = Renderer(config, TagIndex.build([post])).post_page(post, newer=None, older=None)
    scripts = Scripts(page.decode()).found
    assert [kind for kind, _ in scripts] == ["application/ld+json"]
    data = json.loads(scripts[0][1])
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == BREAKOUT
    assert data["author"] == [{"@type": "Person", "name": "A <b>"}]
    assert data["url"] == "https://example.org/blog/posts/x/"
    assert data["keywords"] == ["C++"]
    assert data["datePublished"].startswith("2024-05-01")


def test_home_json_ld_is_a_blog_listing_the_page_posts(
    renderer: Renderer, posts: list[Post]
) -> None:
    page = renderer.home_page(paginate(posts, 2)[0]).decode()
    ((kind, text),) = Scripts(page).found
    data = json.loads(text)
    assert (kind, data["@type"], data["name"]) == ("application/ld+json", "Blog", "Bits & Bobs")
    assert [post["headline"] for post in data["blogPost"]] == [posts[0].title, posts[1].title]


def test_other_pages_carry_no_script_at_all(renderer: Renderer, posts: list[Post]) -> None:
    for page in (renderer.tags_page(), renderer.archive_page(posts), renderer.not_found_page()):
        assert b"<script" not in page


def test_no_page_has_inline_style_or_handler(renderer: Renderer, posts: list[Post]) -> None:
    index = TagIndex.build(posts)
    python = index.get("python")
    assert python is not None
    pages = [
        renderer.post_page(posts[0], newer=None, older=posts[1]),
        renderer.home_page(paginate(posts, 2)[0]),
        renderer.tag_page(python, paginate(python.posts, 2)[0]),
        renderer.tags_page(),
        renderer.archive_page(posts),
        renderer.not_found_page(),
    ]
    for page in pages:
        assert not re.search(rb"\s(style|on[a-z]+)=", page)
        assert b"<style" not in page


def test_drafts_are_marked_on_their_page_in_lists_and_kept_from_search_engines(
    config: SiteConfig,
) -> None:
    draft = make_post("d", "Work in progress", datetime(2024, 5, 1, tzinfo=UTC), ("A",), draft=True)
    done = make_post("f", "Finished", datetime(2024, 4, 1, tzinfo=UTC), ("A",))
    index = TagIndex.build([draft, done])
    renderer = Renderer(config, index)
    badge = b'<strong class="draft-badge">Draft</strong>'
    tag = index.get("a")
    assert tag is not None
    post_page = renderer.post_page(draft, newer=None, older=done)
    assert badge in post_page
    assert b'<meta name="robots" content="noindex">' in post_page
    assert badge in renderer.home_page(paginate([draft, done], 2)[0])
    assert badge in renderer.tag_page(tag, paginate(tag.posts, 2)[0])
    assert badge in renderer.archive_page([draft, done])
    finished = renderer.post_page(done, newer=draft, older=None)
    assert badge not in finished
    assert b"noindex" not in finished


def test_post_head_has_open_graph_article_and_twitter_card(
    renderer: Renderer, posts: list[Post]
) -> None:
    page = renderer.post_page(posts[1], newer=None, older=None).decode()
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="article:published_time" content="2024-02-10T08:00:00+00:00">' in page
    assert '<meta property="article:tag" content="Python">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert '<meta name="twitter:title" content="Second post – Bits &amp; Bobs">' in page
    assert '<meta name="description" content="About second">' in page


def test_asset_names_carry_the_hash_of_their_bytes() -> None:
    assets = theme_assets()
    assert set(assets) == {
        asset_path("/theme/style.css"),
        asset_path("/theme/icon.svg"),
        asset_path("/theme/search.js"),
    }
    assert hashed_path("/theme/style.css", b"x") == "/theme/style.2d711642.css"
    with pytest.raises(KeyError):
        asset_path("/theme/missing.js")


def test_tags_page_is_a_cloud_sorted_by_name_with_counts(renderer: Renderer) -> None:
    page = renderer.tags_page().decode()
    items = re.findall(r'<li class="weight-(\d)"><a href="[^"]+">([^<]+)</a> <span', page)
    assert [name for _, name in items] == ["Python", "Rust", "Web"]
    assert items[0][0] == "5"
    assert "(3<span" in page


@pytest.mark.parametrize(
    ("count", "most", "weight"), [(1, 1, 1), (1, 300, 1), (300, 300, 5), (17, 300, 3), (2, 4, 3)]
)
def test_cloud_weight_grows_logarithmically(count: int, most: int, weight: int) -> None:
    assert cloud_weight(count, most) == weight


# Colours: every text colour of the theme against the backgrounds it is shown on.


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_colour_pair_passes_wcag_aa(dark: bool) -> None:
    colours = scheme(dark)
    text = ["--fg", "--muted", "--link", "--link-visited", "--focus"]
    highlights = [name for name in colours if name.startswith("--hl-")]
    assert len(highlights) >= 10
    pairs = [(name, "--bg") for name in text] + [(name, "--code-bg") for name in text]
    pairs += [(name, "--code-bg") for name in highlights] + [("--badge-fg", "--badge-bg")]
    failing = {
        (fore, back): round(contrast(colours[fore], colours[back]), 2)
        for fore, back in pairs
        if contrast(colours[fore], colours[back]) < 4.5
    }
    assert failing == {}
