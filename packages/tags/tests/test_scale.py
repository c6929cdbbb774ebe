from datetime import UTC, datetime, timedelta

from octavo_content import Post
from octavo_tags import TagIndex

START = datetime(2020, 1, 1, tzinfo=UTC)


def many_posts(count: int) -> list[Post]:
    """Given a count, returns that many posts with three tags each, one tag on every post."""
    return [
        Post.model_construct(
            source=f"posts/{n:05}.md",
            title=f"Post {n}",
            date=START + timedelta(hours=n),
            tags=("Everything", f"topic {n % 300}", f"Series-{n % 1000}"),
        )
        for n in range(count)
    ]


# Speed is measured by tools/bench, never by a timed test; these check the index at blog scale.


def test_ten_thousand_posts_index_every_tag() -> None:
    posts = many_posts(10_000)
    index = TagIndex.build(posts)

    assert index.get("everything").count == 10_000
    assert len(index.entries) == 1 + 300 + 1000


def test_related_with_a_tag_on_every_post_prefers_the_rarer_shared_tag() -> None:
    posts = many_posts(3_000)
    index = TagIndex.build(posts)
    related = [index.related(post) for post in posts]
    assert all(len(found) == 5 for found in related)
    # Post 0 shares "Series-0" with posts 1000 and 2000 (3 posts carry it), "topic 0" with every
    # 300th post (10 carry it) and "Everything" with all: the rarest shared tags weigh most.
    sources = [post.source for post in related[0]]
    assert sorted(sources[:2]) == ["posts/01000.md", "posts/02000.md"]
    assert set(sources[2:]) <= {f"posts/{n:05}.md" for n in range(300, 3000, 300)}
