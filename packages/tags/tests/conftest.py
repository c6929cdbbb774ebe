"""A factory for real `Post`s, shared by the tests of this package."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pytest

from octavo_content import Post

MakePost = Callable[..., Post]


def make_post(
    source: str,
    tags: Sequence[str] = (),
    day: int = 1,
    title: str | None = None,
) -> Post:
    """Given a source path, tags and a day of May 2024, returns a Post as the parser would."""
    slug = source.removesuffix(".md").rsplit("/", 1)[-1]
    return Post(
        source=source,
        slug=slug,
        url=f"/posts/{slug}/",
        title=title or slug,
        date=datetime(2024, 5, day, 9, 0, tzinfo=UTC),
        tags=tuple(tags),
        body_html="<p>Body.</p>",
        list_html="<p>Body.</p>",
        summary_html="<p>Body.</p>",
    )


@pytest.fixture
def post() -> MakePost:
    """The `make_post` factory."""
    return make_post
