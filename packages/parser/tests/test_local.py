"""Local links and images: resolved where the post lives, measured, captioned, reported."""

from __future__ import annotations

from octavo_content import ImageInfo, ImageVariant, Post, SiteConfig
from octavo_parser import parse_post

FRONT = "---\ntitle: Cats\ndate: 2024-05-01\n---\n"
BUNDLE = "content/cats/index.md"


def parsed(
    body: str,
    *,
    front: str = FRONT,
    path: str = BUNDLE,
    base_url: str = "https://example.org/",
    images: dict[str, ImageInfo] | None = None,
) -> Post:
    config = SiteConfig(title="T", base_url=base_url, timezone="UTC")
    result = parse_post((front + body).encode(), path, config, images)
    assert result.post is not None, result.problems
    return result.post


def photo(width: int = 2000, height: int = 1000, kind: str = "image/jpeg") -> ImageInfo:
    """What the builder would measure of a photo: its copies in its type and in WebP."""
    suffix = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}[kind]
    variants = [ImageVariant(name=f"cat-480w{suffix}", width=480, height=240, type=kind)]
    if kind != "image/webp":
        webp = ImageVariant(name="cat-480w.webp", width=480, height=240, type="image/webp")
        variants.append(webp)
    return ImageInfo(width=width, height=height, type=kind, variants=tuple(variants))


def test_relative_urls_are_printed_from_the_root_on_the_page_lists_and_summary() -> None:
    post = parsed("See ![a cat](cat.jpg) and [the notes](files/notes.pdf).\n")
    for html in (post.body_html, post.list_html, post.summary_html):
        assert 'src="/posts/cats/cat.jpg"' in html
        assert 'href="/posts/cats/files/notes.pdf"' in html


def test_feeds_get_absolute_urls() -> None:
    post = parsed("See ![a cat](cat.jpg), [home](/about/) and [x](https://x.org/).\n")
    assert post.feed_html is not None
    assert 'src="https://example.org/posts/cats/cat.jpg"' in post.feed_html
    assert 'href="https://example.org/about/"' in post.feed_html
    assert 'href="https://x.org/"' in post.feed_html


def test_a_post_without_local_urls_shares_its_body_with_feeds() -> None:
    assert parsed("Just [a link](https://x.org/).\n").feed_html is None


def test_a_site_under_a_path_prefixes_relative_urls() -> None:
    post = parsed("![a cat](cat.jpg)\n", base_url="https://example.org/blog/")
    assert 'src="/blog/posts/cats/cat.jpg"' in post.body_html
    assert post.references[0].path == "/posts/cats/cat.jpg"
    assert post.feed_html is not None
    assert 'src="https://example.org/blog/posts/cats/cat.jpg"' in post.feed_html


def test_images_and_linked_files_are_reported_with_their_lines() -> None:
    body = (
        "Intro.\n\n![a cat](cat.jpg)\n\n[pdf](files/a.pdf), [page](../dogs/),"
        " [post](dogs.md), [top](#top)\n\n![logo](/images/logo.png)\n"
    )
    post = parsed(body)
    found = [(ref.kind, ref.written, ref.path, ref.file, ref.line) for ref in post.references]
    assert found == [
        ("image", "cat.jpg", "/posts/cats/cat.jpg", "content/cats/cat.jpg", 7),
        ("link", "files/a.pdf", "/posts/cats/files/a.pdf", "content/cats/files/a.pdf", 9),
        ("image", "/images/logo.png", "/images/logo.png", "static/images/logo.png", 11),
    ]
    # A page link is made local but not reported; a link to a post's source is left as written.
    assert 'href="/posts/dogs/"' in post.list_html
    assert 'href="dogs.md"' in post.body_html


def test_the_same_image_twice_is_reported_at_each_line() -> None:
    post = parsed("![a](cat.jpg)\n\n![b](cat.jpg)\n")
    assert [ref.line for ref in post.references] == [5, 7]


def test_a_measured_image_gets_its_size_srcset_and_webp_copies() -> None:
    post = parsed("![a cat](cat.jpg)\n", images={"content/cats/cat.jpg": photo()})
    html = post.body_html
    assert 'width="2000" height="1000"' in html
    assert 'srcset="/posts/cats/cat-480w.jpg 480w, /posts/cats/cat.jpg 2000w"' in html
    assert '<picture><source type="image/webp" srcset="/posts/cats/cat-480w.webp 480w"' in html
    assert "sizes=" in html and 'loading="lazy" decoding="async"' in html
    assert post.references[0].image == photo()


def test_a_webp_image_needs_no_picture() -> None:
    images = {"content/cats/cat.webp": photo(kind="image/webp")}
    html = parsed("![a cat](cat.webp)\n", images=images).body_html
    assert "<picture>" not in html
    assert 'srcset="/posts/cats/cat-480w.webp 480w, /posts/cats/cat.webp 2000w"' in html


def test_an_image_not_measured_is_printed_without_size() -> None:
    html = parsed("![a cat](cat.jpg)\n").body_html
    assert "width=" not in html and "srcset=" not in html


def test_an_image_alone_with_a_title_is_a_figure_with_its_caption() -> None:
    post = parsed('![a cat](cat.jpg "Our cat, <asleep>")\n\nText ![b](cat.jpg "Not alone").\n')
    assert post.body_html.startswith("<figure>\n<img ")
    assert "<figcaption>Our cat, &lt;asleep&gt;</figcaption>\n</figure>" in post.body_html
    assert 'title="Not alone"' in post.body_html
    assert post.body_html.count("<figure>") == 1
    assert "<figcaption>" in post.list_html


def test_og_image_comes_from_front_matter_else_the_first_image() -> None:
    front = FRONT.replace("---\n", "---\nimage: cover.png\n", 1)
    post = parsed("![a](cat.jpg)\n", front=front)
    assert post.image == "https://example.org/posts/cats/cover.png"
    assert [ref.written for ref in post.references] == ["cover.png", "cat.jpg"]
    assert post.references[0].line == 2
    assert parsed("![a](cat.jpg)\n").image == "https://example.org/posts/cats/cat.jpg"
    absolute = FRONT.replace("---\n", "---\nimage: https://cdn.example.org/c.png\n", 1)
    assert parsed("Text.\n", front=absolute).image == "https://cdn.example.org/c.png"
    assert parsed("Text.\n").image is None


def test_a_written_summary_resolves_its_links_too() -> None:
    front = FRONT.replace("---\n", '---\nsummary: "See [the pdf](a.pdf)."\n', 1)
    post = parsed("Body.\n", front=front)
    assert 'href="/posts/cats/a.pdf"' in post.summary_html
    assert [(ref.written, ref.line) for ref in post.references] == [("a.pdf", 2)]
