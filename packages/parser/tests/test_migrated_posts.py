"""What posts moved from Hugo and Pelican rely on: relative aliases, folder categories, links."""

from __future__ import annotations

from octavo_content import SiteConfig
from octavo_parser import parse_post


def test_a_relative_alias_is_read_from_the_site_root_or_the_page_folder(
    config: SiteConfig,
) -> None:
    source = (
        b"---\ntitle: New\ndate: 2024-05-01\naliases: [old-name, /kept/, sub/older]\n---\nText.\n"
    )
    by_root = parse_post(source, "content/posts/new.md", config).post
    assert by_root is not None
    assert by_root.aliases == ("/old-name/", "/kept/", "/sub/older/")
    hugo = config.model_copy(update={"relative_aliases": "page"})
    by_page = parse_post(source, "content/posts/new.md", hugo).post
    assert by_page is not None and by_page.url == "/posts/new/"
    assert by_page.aliases == ("/posts/old-name/", "/kept/", "/posts/sub/older/")
    assert by_page.alias_lines == (4, 4, 4)


def test_a_folder_names_the_category_of_a_post_without_one(config: SiteConfig) -> None:
    pelican = config.model_copy(update={"folder_category": True})
    plain = b"Title: Plain\nDate: 2024-05-01\n\nText.\n"
    named = b"Title: Named\nDate: 2024-05-01\nCategory: Notes\n\nText.\n"
    cases = [
        (plain, "content/python/a.md", ("python",)),
        (plain, "content/python/b/index.md", ("python",)),
        (named, "content/python/c.md", ("Notes",)),
        (plain, "content/top.md", ()),
    ]
    for source, path, categories in cases:
        post = parse_post(source, path, pelican).post
        assert post is not None
        assert post.taxonomies.get("categories", ()) == categories, path
    post = parse_post(plain, "content/python/a.md", config).post
    assert post is not None and "categories" not in post.taxonomies


def test_pelican_static_links_point_at_the_file_after_the_prefix(config: SiteConfig) -> None:
    source = (
        b"Title: Files\nDate: 2024-05-01\n\n![Han]({static}/images/han.png)\n\n"
        b"[Menu]({attach}/pdfs/menu.pdf)\n"
    )
    post = parse_post(source, "content/files.md", config).post
    assert post is not None
    assert '<img src="/images/han.png" alt="Han"' in post.body_html
    assert '<a href="/pdfs/menu.pdf">Menu</a>' in post.body_html
    assert [(ref.path, ref.line) for ref in post.references] == [
        ("/images/han.png", 4),
        ("/pdfs/menu.pdf", 6),
    ]
