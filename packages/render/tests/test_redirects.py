"""The page left at an old path, and the `_redirects` file for hosts that read it."""

from __future__ import annotations

from octavo_render import Renderer


def test_a_redirect_page_points_at_the_new_url_by_every_means(renderer: Renderer) -> None:
    html = renderer.render(renderer.redirect_view("/2019/old/", "/posts/new/")).decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<link rel="canonical" href="https://example.org/blog/posts/new/">' in html
    assert '<meta http-equiv="refresh" content="0; url=/blog/posts/new/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="/blog/posts/new/">https://example.org/blog/posts/new/</a>' in html
    assert "<title>Moved – Bits &amp; Bobs</title>" in html


def test_redirects_file_lists_one_sorted_line_per_redirect(renderer: Renderer) -> None:
    view = renderer.redirects_file_view([("/z/", "/posts/a/"), ("/old.html", "/posts/b/")])
    assert renderer.render(view) == (
        b"/blog/old.html /blog/posts/b/ 301\n/blog/z/ /blog/posts/a/ 301\n"
    )
