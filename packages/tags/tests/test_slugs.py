from octavo_content import Tag
from octavo_tags import TagIndex, canonical_slug


def test_case_variants_share_one_slug() -> None:
    assert {canonical_slug(name) for name in ("Python", "python", "PYTHON")} == {"python"}


def test_cpp_csharp_and_c_keep_apart(post) -> None:
    index = TagIndex.build(
        [post("a.md", ["C++"]), post("b.md", ["C#"]), post("c.md", ["C"]), post("d.md", ["c++"])]
    )

    assert [entry.tag for entry in index.entries] == [
        Tag(name="C", slug="c"),
        Tag(name="C#", slug="csharp"),
        Tag(name="C++", slug="cpp"),
    ]
    assert index.get("cpp").count == 2
    assert index.problems == ()


def test_accented_tag_gets_an_ascii_slug_whatever_its_unicode_form(post) -> None:
    composed, decomposed = "Café", "Cafe\u0301"

    index = TagIndex.build([post("a.md", [composed]), post("b.md", [decomposed, "CAFÉ"])])

    assert canonical_slug(composed) == canonical_slug(decomposed) == "cafe"
    assert index.get("cafe").count == 2
    assert index.get("cafe").tag.name == "Café"
    assert index.problems == ()  # NFKC forms of one word are not different spellings


def test_emoji_tag_gets_a_stable_usable_slug(post) -> None:
    index = TagIndex.build([post("a.md", ["🦄"]), post("b.md", ["🦄 "])])

    assert canonical_slug("🦄") == "u1f984"
    assert index.get("u1f984").tag == Tag(name="🦄", slug="u1f984")
    assert index.get("u1f984").count == 2


def test_fullwidth_letters_fold_to_the_ascii_tag(post) -> None:
    index = TagIndex.build([post("a.md", ["ＣＳＳ"]), post("b.md", ["CSS"]), post("c.md", ["CSS"])])

    assert [entry.tag for entry in index.entries] == [Tag(name="CSS", slug="css")]
