import random

import pytest

from octavo_content import Tag
from octavo_tags import TagIndex


def test_case_variants_are_one_tag(post) -> None:
    index = TagIndex.build(
        [post("a.md", ["Python"]), post("b.md", ["python"]), post("c.md", ["PYTHON"])]
    )

    (entry,) = index.entries
    assert entry.tag.slug == "python"
    assert entry.count == 3
    assert set(entry.spellings) == {"Python", "python", "PYTHON"}
    assert index.problems == ()  # case-only variants are not warned about


def test_display_name_is_the_spelling_most_posts_use(post) -> None:
    index = TagIndex.build(
        [post("a.md", ["Python"], day=1), post("b.md", ["python"], day=2), post("c.md", ["python"])]
    )

    assert index.get("python").tag.name == "python"
    assert index.get("python").spellings == ("python", "Python")


def test_display_name_tie_goes_to_the_oldest_post_whatever_the_input_order(post) -> None:
    posts = [post("new.md", ["Javascript"], day=9), post("old.md", ["JavaScript"], day=2)]

    for order in (posts, posts[::-1]):
        entry = TagIndex.build(order).get("javascript")
        assert entry.tag.name == "JavaScript"
        assert entry.spellings == ("JavaScript", "Javascript")


def test_display_name_tie_on_one_date_goes_to_the_first_source_path(post) -> None:
    index = TagIndex.build([post("b.md", ["GoLang"], day=3), post("a.md", ["golang"], day=3)])

    assert index.get("golang").tag.name == "golang"


def test_display_name_is_never_rebuilt_from_the_slug(post) -> None:
    index = TagIndex.build([post("a.md", ["CSS"]), post("b.md", ["macOS"])])

    assert index.get("css").tag == Tag(name="CSS", slug="css")
    assert index.get("macos").tag == Tag(name="macOS", slug="macos")


def test_spellings_beyond_case_sharing_a_slug_give_one_warning(post) -> None:
    index = TagIndex.build(
        [
            post("posts/a.md", ["react hooks"], day=1),
            post("posts/b.md", ["React Hooks"], day=2),
            post("posts/c.md", ["react hooks"], day=3),
            post("posts/e.md", ["react-hooks"], day=4),
            post("posts/d.md", ["react-hooks", "web"], day=5),
        ]
    )

    (entry,) = [entry for entry in index.entries if entry.tag.slug == "react-hooks"]
    assert entry.count == 5
    assert entry.tag.name == "react hooks"
    (warning,) = index.problems
    assert warning.severity == "warning"
    assert warning.field == "tags"
    assert warning.path == "posts/d.md"  # first file using the minority spelling
    assert "'react hooks' / 'React Hooks' in posts/a.md, posts/b.md, posts/c.md" in warning.message
    assert "'react-hooks' in posts/d.md, posts/e.md" in warning.message
    assert warning.hint is not None
    assert "'react hooks'" in warning.hint


def test_warning_lists_at_most_five_files_per_spelling(post) -> None:
    posts = [post(f"p{n:02}.md", ["dev ops"]) for n in range(8)] + [post("z.md", ["dev-ops"])]

    (warning,) = TagIndex.build(posts).problems

    assert "p00.md, p01.md, p02.md, p03.md, p04.md and 3 more" in warning.message
    assert "p05.md" not in warning.message


def test_a_post_listing_one_tag_twice_counts_once(post) -> None:
    index = TagIndex.build([post("a.md", ["Rust", "rust", "RUST"]), post("b.md", ["rust"])])

    entry = index.get("rust")
    assert entry.count == 2
    assert [p.source for p in entry.posts] == ["a.md", "b.md"]
    assert index.tags_of(index.get("rust").posts[0]) == (Tag(name="rust", slug="rust"),)


def test_posts_are_newest_first_and_same_date_by_title(post) -> None:
    posts = [
        post("1.md", ["go"], day=1, title="Oldest"),
        post("2.md", ["go"], day=5, title="Zebra"),
        post("3.md", ["go"], day=5, title="apple"),
        post("4.md", ["go"], day=7, title="Newest"),
    ]
    random.Random(4).shuffle(posts)

    titles = [p.title for p in TagIndex.build(posts).get("go").posts]

    assert titles == ["Newest", "apple", "Zebra", "Oldest"]


def test_counts_per_tag(post) -> None:
    index = TagIndex.build(
        [post("a.md", ["x", "y"]), post("b.md", ["x"]), post("c.md", ["X", "z"]), post("d.md")]
    )

    assert {entry.tag.slug: entry.count for entry in index.entries} == {"x": 3, "y": 1, "z": 1}


def test_entries_sort_by_display_name_ignoring_case(post) -> None:
    index = TagIndex.build([post("a.md", ["cherry", "Banana", "apple", "Äpfel"])])

    assert [entry.tag.name for entry in index.entries] == ["apple", "Banana", "cherry", "Äpfel"]


def test_no_posts_no_tags() -> None:
    index = TagIndex.build([])

    assert index.entries == ()
    assert index.problems == ()


def test_unknown_slug_is_a_key_error(post) -> None:
    index = TagIndex.build([post("a.md", ["python"])])

    with pytest.raises(KeyError, match="nope"):
        index.get("nope")


def test_tags_of_gives_canonical_tags_in_the_posts_order(post) -> None:
    mine = post("a.md", ["web", "PYTHON", "C++", "python"])
    index = TagIndex.build([mine, post("b.md", ["Python", "Web"]), post("c.md", ["Python"])])

    assert index.tags_of(mine) == (
        Tag(name="web", slug="web"),  # tie between "web" and "Web": same date, a.md < b.md
        Tag(name="Python", slug="python"),
        Tag(name="C++", slug="cpp"),
    )
    assert index.tags_of(post("untagged.md")) == ()


def test_spellings_tied_within_one_post_go_by_their_place_in_its_tags(post) -> None:
    index = TagIndex.build([post("a.md", ["GitHub", "github"])])

    assert index.get("github").spellings == ("GitHub", "github")


def test_a_post_with_a_tag_the_index_never_saw_is_a_key_error(post) -> None:
    index = TagIndex.build([post("a.md", ["python"])])
    stranger = post("b.md", ["python", "haskell"])

    with pytest.raises(KeyError, match="haskell"):
        index.tags_of(stranger)
