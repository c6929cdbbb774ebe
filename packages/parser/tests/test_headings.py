"""Heading ids are GitHub's, unique on a page; levels start at h2 and never skip one; each
heading links to itself."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octavo_content import Heading
from octavo_parser import github_slug, render_markdown
from octavo_parser.headings import relevelled


def rendered(text: str) -> tuple[str, tuple[Heading, ...]]:
    result = render_markdown(text, path="a.md", slug="post", raw_html=False)
    return result.body_html, result.toc


def headings(html: str) -> list[tuple[int, str]]:
    """The level and id of each heading in `html`, in order."""
    return [(int(level), anchor) for level, anchor in re.findall(r'<h(\d) id="([^"]*)"', html)]


def self_links(html: str) -> list[tuple[str, str]]:
    """The target and name of each heading's self-link in `html`, in order."""
    return re.findall(r'<a class="heading-link" href="#([^"]*)" aria-label="([^"]*)"></a>', html)


# Each pair as github-slugger 2.0.0 (GitHub's, and Hugo's `github` ids) slugs it, checked with it.
GITHUB_SLUGS = [
    (
        'Checking for "full" source coverage using --all',
        "checking-for-full-source-coverage-using---all",
    ),
    ("a  b", "a--b"),
    ("Café", "café"),
    ("日本語のテキスト", "日本語のテキスト"),
    ("🦄 Unicorns", "-unicorns"),
    ("Ünïcödé Straße", "ünïcödé-straße"),
    ("C++ & C#", "c--c"),
    ("snake_case_name", "snake_case_name"),
    ("Ⓐ circled", "ⓐ-circled"),
    ("x² and ¼", "x-and-"),
    ("Version 2.0.1", "version-201"),
    ("What's new?", "whats-new"),
    ("It’s here", "its-here"),
    ("e\u0301te\u0301", "e\u0301te\u0301"),
    ("Emoji 👩\u200d💻 ZWJ", "emoji--zwj"),
    ("Ελληνικά ΣΟΦΟΣ", "ελληνικά-σοφος"),
    ("İstanbul", "i\u0307stanbul"),
    ("Привет, мир!", "привет-мир"),
    ("عربى", "عربى"),
    ("tab\there", "tabhere"),
    ("non\u00a0breaking", "nonbreaking"),
    ("-leading and trailing-", "-leading-and-trailing-"),
    ("Ⅻ roman", "ⅻ-roman"),
    ("१२३ digits", "१२३-digits"),
    ("🎉", ""),
]


@pytest.mark.parametrize(("text", "slug"), GITHUB_SLUGS)
def test_github_slug_is_github_sluggers(text: str, slug: str) -> None:
    assert github_slug(text) == slug


def test_the_readme_anchor_every_readme_links_resolves() -> None:
    html, toc = rendered('## Checking for "full" source coverage using `--all`\n')
    anchor = "checking-for-full-source-coverage-using---all"
    assert [heading.id for heading in toc] == [anchor]
    assert html == (
        f'<h2 id="{anchor}">Checking for &quot;full&quot; source coverage using'
        f' <code>--all</code><a class="heading-link" href="#{anchor}" aria-label="Link to this'
        ' section: Checking for &quot;full&quot; source coverage using --all"></a></h2>\n'
    )


def test_non_ascii_headings_keep_their_letters_and_lose_their_emoji() -> None:
    html, toc = rendered("## Résumé é\n\n## 日本語の見出し\n\n## 🚀 Launch 🚀\n\n## Ⅻ and x²\n")
    ids = ["résumé-é", "日本語の見出し", "-launch-", "ⅻ-and-x"]
    assert [heading.id for heading in toc] == ids
    assert [target for target, _ in self_links(html)] == ids
    assert [heading.text for heading in toc] == [
        "Résumé é",
        "日本語の見出し",
        "🚀 Launch 🚀",
        "Ⅻ and x²",
    ]


def test_spaces_are_not_collapsed() -> None:
    _, toc = rendered("## a  b\n\n## C++ & C#\n")
    assert [heading.id for heading in toc] == ["a--b", "c--c"]


def test_markup_inside_a_heading_is_slugged_as_its_text() -> None:
    html, toc = rendered(
        "## Using `mistune` *well* & [fast](https://example.org)\n\n"
        "## ![logo](logo.png) Project **Bold** ~~old~~\n"
    )
    assert toc == (
        Heading(level=2, text="Using mistune well & fast", id="using-mistune-well--fast"),
        Heading(level=2, text="Project Bold old", id="-project-bold-old"),
    )
    assert "<code>mistune</code> <em>well</em> &amp; <a" in html
    assert self_links(html) == [
        ("using-mistune-well--fast", "Link to this section: Using mistune well &amp; fast"),
        ("-project-bold-old", "Link to this section: Project Bold old"),
    ]


def test_a_setext_heading_over_two_lines_joins_them_as_github_does() -> None:
    _, toc = rendered("Two\nlines\n---\n")
    assert toc == (Heading(level=2, text="Two lines", id="twolines"),)


def test_repeated_headings_get_githubs_suffixes() -> None:
    html, toc = rendered("## Team Dynamics\n\nA.\n\n## Team Dynamics\n\nB.\n\n## Team Dynamics\n")
    assert [heading.id for heading in toc] == [
        "team-dynamics",
        "team-dynamics-1",
        "team-dynamics-2",
    ]
    assert headings(html) == [(2, heading.id) for heading in toc]
    assert [target for target, _ in self_links(html)] == [heading.id for heading in toc]


def test_headings_of_only_emoji_or_punctuation_get_valid_ids() -> None:
    # GitHub gives "", "-1", "-2": the first is no id, the others match what READMEs link to.
    html, toc = rendered("## 🎉\n\n## !!\n\n## 🎉\n\n## Heading\n")
    assert [heading.id for heading in toc] == ["heading", "-1", "-2", "heading-1"]
    assert all(heading.id and " " not in heading.id for heading in toc)
    assert self_links(html)[0] == ("heading", "Link to this section: 🎉")


def test_a_heading_without_text_names_its_self_link_still() -> None:
    html, toc = rendered("## ![](only-an-image.png)\n")
    assert toc[0].id == "heading"
    assert self_links(html) == [("heading", "Link to this section")]


def test_heading_ids_never_take_a_footnote_id() -> None:
    html, toc = rendered(
        "## fn 1\n\n## fnref 1 2\n\n## fn\n\n## fn\n\nText[^1] and[^1].\n\n[^1]: Note.\n"
    )
    assert [heading.id for heading in toc] == ["fn-1-1", "fnref-1-2-1", "fn", "fn-2"]
    ids = re.findall(r'\bid="([^"]*)"', html)
    assert len(ids) == len(set(ids))


def test_headings_never_take_the_ids_of_the_page_around_the_post() -> None:
    _, toc = rendered("## Main\n\n## Contents\n\n## Main\n")
    assert [heading.id for heading in toc] == ["main-1", "contents", "main-2"]


def test_an_id_written_by_the_author_is_never_taken_twice() -> None:
    _, toc = rendered("## A\n\n## A 1\n\n## A\n\n## A\n\n## A 1\n")
    assert [heading.id for heading in toc] == ["a", "a-1", "a-2", "a-3", "a-1-1"]


def test_a_suffix_already_used_by_the_author_is_skipped() -> None:
    _, toc = rendered("## A\n\n## A\n\n## A 2\n\n## A\n\n## A\n")
    assert [heading.id for heading in toc] == ["a", "a-1", "a-2", "a-3", "a-4"]


def test_an_id_in_raw_html_is_never_taken_by_a_heading() -> None:
    result = render_markdown(
        '<div id="setup">x</div>\n\n## Setup\n', path="a.md", slug="p", raw_html=True
    )
    assert [heading.id for heading in result.toc] == ["setup-1"]


def test_top_level_heading_becomes_h2() -> None:
    html, toc = rendered("# Intro\n\n## Detail\n\n####### not a heading\n")
    assert [(h.level, h.text, h.id) for h in toc] == [
        (2, "Intro", "intro"),
        (3, "Detail", "detail"),
    ]
    assert headings(html) == [(2, "intro"), (3, "detail")]


def test_shallowest_heading_becomes_h2_when_no_h1_is_used() -> None:
    _, toc = rendered("### Deep\n\n#### Deeper\n")
    assert [h.level for h in toc] == [2, 3]


def test_a_skipped_level_is_closed_up() -> None:
    html, toc = rendered("## A\n\n#### B\n\n#### C\n\n### D\n\n###### E\n\n## F\n\n##### G\n")
    assert [h.level for h in toc] == [2, 3, 3, 3, 4, 2, 3]
    assert [level for level, _ in headings(html)] == [2, 3, 3, 3, 4, 2, 3]


def test_a_heading_before_a_shallower_one_is_h2_too() -> None:
    _, toc = rendered("### Intro\n\n## Main\n\n### Part\n")
    assert [h.level for h in toc] == [2, 2, 3]


def test_heading_levels_never_pass_h6() -> None:
    html, toc = rendered("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\n###### 6\n")
    assert [h.level for h in toc] == [2, 3, 4, 5, 6, 6]
    assert headings(html)[-1] == (6, "6")


@given(st.lists(st.integers(min_value=1, max_value=6), max_size=30))
def test_relevelled_headings_skip_no_level_and_keep_their_order(written: list[int]) -> None:
    given_levels = relevelled(written)
    for index, level in enumerate(given_levels):
        before = given_levels[index - 1] if index else 1
        assert 2 <= level <= min(6, before + 1)
        if index:
            # Deeper, same, shallower than the heading before: so it stays, where h6 allows.
            if written[index] > written[index - 1]:
                assert level == min(6, before + 1)
            elif written[index] == written[index - 1]:
                assert level == before
            else:
                assert level <= before


def test_list_pages_put_headings_one_deeper_and_link_to_the_prefixed_id() -> None:
    result = render_markdown("## A\n\n#### B\n", path="a.md", slug="post", raw_html=False)
    assert headings(result.list_html) == [(3, "post-a"), (4, "post-b")]
    assert [target for target, _ in self_links(result.list_html)] == ["post-a", "post-b"]


def test_toc_text_and_description_leave_the_self_link_out() -> None:
    result = render_markdown(
        "## Part one\n\nWords.\n\n<!-- more -->\n\nRest.\n", path="a.md", slug="p", raw_html=False
    )
    assert result.toc == (Heading(level=2, text="Part one", id="part-one"),)
    assert result.description == "Part one Words."
    assert "Link to this section" not in result.description


def test_feeds_carry_no_self_links() -> None:
    result = render_markdown("## Part\n\nSee [it](#part).\n", path="a.md", slug="p", raw_html=False)
    assert self_links(result.body_html) == [("part", "Link to this section: Part")]
    assert result.feed_html == '<h2 id="part">Part</h2>\n<p>See <a href="#part">it</a>.</p>\n'


def test_twenty_thousand_identical_headings_take_linear_time() -> None:
    start = time.perf_counter()
    _, toc = rendered("## Same\n\n" * 20_000)
    elapsed = time.perf_counter() - start
    assert len({heading.id for heading in toc}) == 20_000
    assert toc[-1].id == "same-19999"
    # Quadratic, the ids alone took 45 s; the whole render is about 3 s on a slow machine.
    assert elapsed < 15


def test_a_heading_named_like_a_footnote_mark_finds_a_free_id() -> None:
    text = "## fnref 1\n\n## fnref 1\n\n## fnref 1\n\nA[^1] b[^1] c[^1].\n\n[^1]: Note.\n"
    html, toc = rendered(text)
    footnote_ids = ["fnref-1", "fnref-1-2", "fnref-1-3", "fn-1"]
    assert re.findall(r'\bid="(fn[^"]*)"', html)[3:] == footnote_ids
    assert toc[0].id == "fnref-1-1"
    ids = re.findall(r'\bid="([^"]*)"', html)
    assert len(ids) == len(set(ids)) == 7


def test_a_heading_may_take_a_footnote_like_id_no_footnote_has() -> None:
    _, toc = rendered("## fn 2\n\nA[^1].\n\n[^1]: Note.\n")
    assert toc[0].id == "fn-2"


def test_a_link_whose_fragment_differs_in_case_goes_to_the_heading() -> None:
    # GitHub's page script lowercases a fragment it finds no id for: READMEs link #CloseEvent
    # to "## CloseEvent" (id closeevent). The theme runs no script, so the link is rewritten.
    body = "See [close](#CloseEvent) and [Exact](#Exact).\n\n## CloseEvent\n\n<a id='Exact'></a>\n"
    html = render_markdown(body, path="a.md", slug="p", raw_html=True).body_html
    assert '<a href="#closeevent">close</a>' in html and 'id="closeevent"' in html
    assert '<a href="#Exact">Exact</a>' in html  # an id that exists as written is left alone
    listed = render_markdown(body, path="a.md", slug="p", raw_html=True).list_html
    assert '<a href="#p-closeevent">close</a>' in listed and 'id="p-closeevent"' in listed


def test_ids_in_escaped_raw_html_are_text_and_take_no_heading_id() -> None:
    # node-fetch's README: <a id="class-request"></a> before "### Class: Request". With raw
    # HTML escaped, that id is not on the page, so the heading takes it, as README links expect.
    body = '[Request](#class-request)\n\n<a id="class-request"></a>\n### Class: Request\n'
    escaped = render_markdown(body, path="a.md", slug="p", raw_html=False).body_html
    assert '<h2 id="class-request">' in escaped
    passed = render_markdown(body, path="a.md", slug="p", raw_html=True).body_html
    # Passed through, the author's anchor holds the id, and the heading takes the next one.
    assert '<a id="class-request"></a>' in passed and '<h2 id="class-request-1">' in passed
