"""Pages of categories (any taxonomy), authors and series, and what a post's page says of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import feedparser
import pytest

from octavo_content import AuthorLink, AuthorProfile, Post, SiteConfig
from octavo_render import Renderer
from octavo_tags import Page, SiteIndexes, series_order


@pytest.fixture
def site() -> SiteConfig:
    return SiteConfig(
        title="Bits & Bobs",
        base_url="https://example.org/blog/",
        timezone="UTC",
        taxonomies={"tag": "tags", "category": "categories", "blog_genre": "blog-genres"},
        authors={
            "ada": AuthorProfile(
                name="Ada Lovelace",
                bio="Poet of <science>.",
                links=(AuthorLink(name="Site", url="https://ada.example/"),),
            )
        },
    )


def when(day: int) -> datetime:
    return datetime(2024, 5, day, tzinfo=UTC)


def make_post(slug: str, title: str, date: datetime, **fields: Any) -> Post:
    """Given a slug, title, date and other fields, returns a post as the parser would."""
    html = f"<p>Body of {slug}.</p>"
    return Post(
        source=f"content/{slug}.md",
        slug=slug,
        url=f"/posts/{slug}/",
        title=title,
        date=date,
        body_html=html,
        list_html=html,
        summary_html=html,
        **fields,
    )


@pytest.fixture
def parts() -> list[Post]:
    """Three parts of a series by Ada and Grace; the middle one numbered, the others by date."""
    common: dict[str, Any] = {"series": "Rust & Me", "authors": ("Ada", "Grace")}
    return [
        make_post(
            "one", "One", when(1), taxonomies={"categories": ("Web & Co", "Notes")}, **common
        ),
        make_post("two", "Two", when(9), part=2, taxonomies={"blog-genres": ("Essay",)}, **common),
        make_post("three", "Three", when(5), **common),
    ]


@pytest.fixture
def renderer(site: SiteConfig, parts: list[Post]) -> Renderer:
    indexes = SiteIndexes.build(parts, site)
    return Renderer(site, indexes.tags, indexes=indexes)


@pytest.fixture
def page_of(read: Callable[[bytes], Any]) -> Callable[..., Any]:
    """A function: given a renderer, a view and the posts it prints, returns the page read."""

    def page(renderer: Renderer, view: Any, posts: list[Post]) -> Any:
        return read(renderer.render(view, {post.source: post for post in posts}))

    return page


def test_a_post_page_links_its_authors_terms_and_every_part_of_its_series(
    page_of: Callable[..., Any], renderer: Renderer, parts: list[Post]
) -> None:
    one, two, _ = parts
    page = page_of(renderer, renderer.post_view(two, newer=None, older=None), [two])
    assert "By Ada Lovelace and Grace" in page.text_of("p")
    assert "Blog genres: Essay" in page.text_of("p")
    [nav] = [attrs for attrs in page.attrs_of("nav") if "series-nav" in str(attrs["class"])]
    assert nav["aria-label"] == "Series: Rust & Me"
    # Reading order: one (oldest free), two (its number), three; two is this page.
    assert "Part 2 of 3 in the series Rust & Me" in page.text_of("p")
    assert "One Two Three" in page.text_of("ol")
    hrefs = page.hrefs()
    for path in ("/posts/one/", "/posts/three/", "/series/rust-and-me/", "/blog-genres/essay/"):
        assert "/blog" + path in hrefs
    assert "/blog/posts/two/" not in [h for h in hrefs if h.startswith("/blog/posts/")]
    assert [h for h in hrefs if h.startswith("/blog/authors/")] == [
        "/blog/authors/ada/",
        "/blog/authors/grace/",
    ]
    first = page_of(renderer, renderer.post_view(one, newer=None, older=None), [one])
    assert "Categories: Web & Co, Notes" in first.text_of("p")
    assert "/blog/categories/web-and-co/" in first.hrefs()


def test_a_term_page_is_titled_by_its_taxonomy_and_paginated(
    page_of: Callable[..., Any], renderer: Renderer, site: SiteConfig, parts: list[Post]
) -> None:
    index = SiteIndexes.build(parts, site).taxonomies["categories"]
    entry = index.get("web-and-co")
    view = renderer.term_view("categories", entry, Page(1, 1, entry.posts))
    page = page_of(renderer, view, parts)
    assert page.text_of("h1") == ["Category: Web & Co"]
    assert page.text_of("title") == ["Category: Web & Co – Bits & Bobs"]
    assert "/blog/categories/web-and-co/feed.xml" in page.hrefs()
    second = renderer.term_view("categories", entry, Page(2, 3, entry.posts))
    assert page_of(renderer, second, parts).text_of("title") == [
        "Category: Web & Co, page 2 of 3 – Bits & Bobs"
    ]


def test_a_taxonomy_index_lists_its_terms(page_of: Callable[..., Any], renderer: Renderer) -> None:
    page = page_of(renderer, renderer.terms_view("blog-genres"), [])
    assert page.text_of("h1") == ["Blog genres"]
    assert "/blog/blog-genres/essay/" in page.hrefs()
    assert "Blog genres: 1, by name" in " ".join(page.text_of("p"))


def test_an_author_page_shows_the_configured_name_bio_and_links(
    page_of: Callable[..., Any], renderer: Renderer, site: SiteConfig, parts: list[Post]
) -> None:
    authors = SiteIndexes.build(parts, site).authors
    ada = authors.get("ada")
    page = page_of(renderer, renderer.author_view(ada, Page(1, 1, ada.posts)), parts)
    assert page.text_of("h1") == ["Posts by Ada Lovelace"]
    assert "Poet of <science>." in page.text_of("p")  # escaped, shown as written
    assert "https://ada.example/" in page.hrefs()
    # An author without a profile is shown by the name posts give.
    grace = authors.get("grace")
    plain = page_of(renderer, renderer.author_view(grace, Page(1, 1, grace.posts)), parts)
    assert plain.text_of("h1") == ["Posts by Grace"]


def test_a_series_page_lists_its_parts_in_reading_order(
    page_of: Callable[..., Any], renderer: Renderer, site: SiteConfig, parts: list[Post]
) -> None:
    entry = SiteIndexes.build(parts, site).series.get("rust-and-me")
    ordered = series_order(entry.posts)
    page = page_of(renderer, renderer.series_view(entry, Page(1, 1, ordered)), parts)
    assert page.text_of("h1") == ["Series: Rust & Me"]
    assert page.text_of("h2") == ["One", "Two", "Three"]


@pytest.mark.parametrize("kind", ["term", "author", "series"])
def test_every_feed_parses_and_names_itself(
    renderer: Renderer, site: SiteConfig, parts: list[Post], kind: str
) -> None:
    indexes = SiteIndexes.build(parts, site)
    views: dict[str, Callable[[], Any]] = {
        "term": lambda: renderer.term_feed_view(
            "categories", indexes.taxonomies["categories"].get("notes")
        ),
        "author": lambda: renderer.author_feed_view(indexes.authors.get("ada")),
        "series": lambda: renderer.series_feed_view(indexes.series.get("rust-and-me")),
    }
    data = renderer.render(views[kind](), {post.source: post for post in parts})
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    titles = {
        "term": "Category: Notes – Bits & Bobs",
        "author": "Posts by Ada Lovelace – Bits & Bobs",
        "series": "Series: Rust & Me – Bits & Bobs",
    }
    assert feed.feed.title == titles[kind]
    assert feed.entries
