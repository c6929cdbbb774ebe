"""A site's own `templates/` folder wins over the theme and can still extend the theme's files."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from octavo_content import Post
from octavo_render import Renderer
from octavo_tags import paginate

Read = Callable[[bytes], Any]


def test_site_template_replaces_the_theme_post_template(
    tmp_path: Path, renderer_for: Callable[..., Renderer], posts: list[Post]
) -> None:
    (tmp_path / "post.html").write_text(
        "<h1>{{ post.title }}</h1>{{ post.body }}<p>{{ post.model.extra.mood }}</p>",
        encoding="utf-8",
    )
    post = posts[0].model_copy(update={"extra": {"mood": "<happy>"}})
    html = renderer_for(tmp_path).post_page(post, newer=None, older=None).decode()
    assert html == (
        "<h1>Fish &amp; &lt;script&gt;alert(1)&lt;/script&gt; Chips</h1>"
        '<p>Full body of tricky.</p>\n<p><a href="#tricky-end">jump</a></p>'
        "<p>&lt;happy&gt;</p>"
    )


def test_site_base_extends_the_theme_base_and_every_page_uses_it(
    tmp_path: Path, renderer_for: Callable[..., Renderer], posts: list[Post], read: Read
) -> None:
    (tmp_path / "base.html").write_text(
        '{% extends "theme/base.html" %}'
        "{% block footer %}<p>Hand-made footer by {{ config.author }}</p>{% endblock %}",
        encoding="utf-8",
    )
    renderer = renderer_for(tmp_path, author="Ada & Co")
    for data in (
        renderer.post_page(posts[0], newer=None, older=None),
        renderer.home_page(paginate(posts, 2)[0]),
        renderer.not_found_page(),
    ):
        page = read(data)
        assert page.text_of("footer") == ["Hand-made footer by Ada & Co"]
        # Everything else still comes from the theme.
        assert page.count("h1") == 1
        assert any(re.fullmatch(r"/theme/style\.[0-9a-f]{8}\.css", href) for href in page.hrefs())


def test_a_missing_templates_folder_falls_back_to_the_theme(
    tmp_path: Path, renderer_for: Callable[..., Renderer], read: Read
) -> None:
    page = read(renderer_for(tmp_path / "templates").not_found_page())
    assert page.text_of("h1") == ["Page not found"]


def test_a_template_using_an_unknown_name_fails_loudly(
    tmp_path: Path, renderer_for: Callable[..., Renderer]
) -> None:
    (tmp_path / "404.html").write_text("{{ no_such_thing }}", encoding="utf-8")
    renderer = renderer_for(tmp_path)
    try:
        renderer.not_found_page()
    except Exception as error:  # jinja2's UndefinedError: strict undefined names stop the build
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("an undefined template variable rendered silently")


def test_compiled_templates_are_kept_and_give_the_same_page(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from octavo_content import Post, SiteConfig
    from octavo_tags import TagIndex

    config = SiteConfig(title="T", base_url="https://example.org/", timezone="UTC")
    post = Post(
        source="a.md",
        slug="a",
        url="/posts/a/",
        title="A",
        date=datetime(2024, 1, 1, tzinfo=UTC),
        body_html="<p>Body</p>",
        list_html="<p>Body</p>",
        summary_html="<p>Body</p>",
    )
    index = TagIndex.build([post])

    def page(renderer: Renderer) -> bytes:
        return renderer.post_page(post, newer=None, older=None)

    plain = page(Renderer(config, index))
    compiled = tmp_path / "compiled"
    first = page(Renderer(config, index, compiled_templates=compiled))
    assert any(compiled.iterdir())
    again = page(Renderer(config, index, compiled_templates=compiled))
    assert plain == first == again
