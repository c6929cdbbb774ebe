import math
import random

from octavo_tags import TagIndex


def sources(posts) -> list[str]:
    return [p.source for p in posts]


def test_rarer_shared_tags_weigh_more(post) -> None:
    me = post("me.md", ["rare", "common"], day=10)
    posts = [
        me,
        post("both.md", ["rare", "common"], day=1),
        post("rare.md", ["rare"], day=2),
        post("common.md", ["common"], day=9),
        post("unrelated.md", ["other"], day=9),
        *(post(f"filler{n}.md", ["common"], day=3) for n in range(6)),
    ]

    related = TagIndex.build(posts).related(me, limit=3)

    assert sources(related) == ["both.md", "rare.md", "common.md"]


def test_never_the_post_itself_nor_posts_without_shared_tags(post) -> None:
    me = post("me.md", ["a"])
    index = TagIndex.build([me, post("other.md", ["a"]), post("far.md", ["b"])])

    assert sources(index.related(me)) == ["other.md"]


def test_ties_go_newest_first_then_by_source_path(post) -> None:
    me = post("me.md", ["t"], day=1)
    posts = [
        me,
        post("b.md", ["t"], day=4, title="A title first"),
        post("a.md", ["t"], day=4, title="Z title last"),
        post("c.md", ["t"], day=6),
        post("d.md", ["t"], day=2),
    ]

    assert sources(TagIndex.build(posts).related(me)) == ["c.md", "a.md", "b.md", "d.md"]


def test_limit_caps_the_list(post) -> None:
    me = post("me.md", ["t"])
    index = TagIndex.build([me, *(post(f"p{n}.md", ["t"], day=n + 1) for n in range(9))])

    assert sources(index.related(me)) == ["p8.md", "p7.md", "p6.md", "p5.md", "p4.md"]
    assert len(index.related(me, limit=2)) == 2
    assert index.related(me, limit=0) == ()


def test_same_answer_whatever_the_input_order(post) -> None:
    tags = ["a", "b", "c", "d", "e"]
    rng = random.Random(7)
    posts = [post(f"p{n:02}.md", rng.sample(tags, 2), day=rng.randint(1, 5)) for n in range(40)]
    shuffled = posts[:]
    rng.shuffle(shuffled)

    first, second = TagIndex.build(posts), TagIndex.build(shuffled)

    for me in posts:
        assert sources(first.related(me, limit=40)) == sources(second.related(me, limit=40))


def test_spelling_does_not_matter(post) -> None:
    me = post("me.md", ["Machine Learning"])
    index = TagIndex.build([me, post("other.md", ["machine learning"])])

    assert sources(index.related(me)) == ["other.md"]


def brute_force_related(me, posts, limit: int) -> list[str]:
    """Given a post and every post, returns the related paths scored pair by pair, for reference."""
    index = TagIndex.build(posts)
    mine = {tag.slug for tag in index.tags_of(me)}
    scored = []
    for other in posts:
        shared = mine & {tag.slug for tag in index.tags_of(other)}
        if other.source != me.source and shared:
            score = math.fsum(1 / math.log(1 + index.get(slug).count) for slug in shared)
            scored.append((-score, -other.date.timestamp(), other.source))
    return [source for _, _, source in sorted(scored)[:limit]]


def test_matches_pairwise_scoring_on_random_sites(post) -> None:
    rng = random.Random(11)
    # A tag on most posts, mid-sized tags and rare ones; few distinct days, so many date ties.
    tags = ["all"] * 6 + ["mid1", "mid2", "mid3"] * 2 + [f"rare{n}" for n in range(8)]
    posts = [
        post(
            f"p{n:03}.md",
            rng.sample(tags, rng.randint(1, 3)),
            day=rng.randint(1, 4),
            # Titles in another order than paths: same-day posts are listed by title.
            title=f"title {rng.randint(0, 999)}",
        )
        for n in range(150)
    ]
    index = TagIndex.build(posts)

    for me in posts:
        for limit in (1, 5, 30):
            assert sources(index.related(me, limit)) == brute_force_related(me, posts, limit)


def test_posts_with_many_tags_match_pairwise_scoring_too(post) -> None:
    rng = random.Random(5)
    tags = [f"t{n}" for n in range(16)]
    posts = [
        post(f"p{n:03}.md", rng.sample(tags, rng.randint(1, 14)), day=rng.randint(1, 3))
        for n in range(60)
    ]
    index = TagIndex.build(posts)
    for me in posts:
        assert sources(index.related(me, 5)) == brute_force_related(me, posts, 5)


def test_direct_scoring_and_bitsets_agree_everywhere(post) -> None:
    from octavo_tags.related import PostBits, related_directly, related_posts

    rng = random.Random(3)
    tags = ["all"] * 5 + ["mid1", "mid2"] * 2 + [f"rare{n}" for n in range(6)]
    posts = [
        post(f"p{n:03}.md", rng.sample(tags, rng.randint(1, 4)), day=rng.randint(1, 3))
        for n in range(120)
    ]
    index = TagIndex.build(posts)
    bits = PostBits.of(index.entries)
    for me in posts:
        entries = [index.get(tag.slug) for tag in index.tags_of(me)]
        assert related_directly(me, entries, 5) == related_posts(me, entries, 5, bits)
