"""Heading ids are unique on a page; heading levels start at h2 under the page's title."""

from __future__ import annotations

import time

from octavo_content import Heading
from octavo_parser import render_markdown


def rendered(text: str) -> tuple[str, tuple[Heading, ...]]:
    result = render_markdown(text, path="a.md", slug="post", raw_html=False)
    return result.body_html, result.toc


def test_repeated_headings_get_numbered_ids() -> None:
    html, toc = rendered("## Team Dynamics\n\nA.\n\n## Team Dynamics\n\nB.\n\n## Team Dynamics\n")
    assert [heading.id for heading in toc] == [
        "team-dynamics",
        "team-dynamics-1",
        "team-dynamics-2",
    ]
    assert '<h2 id="team-dynamics-1">Team Dynamics</h2>' in html


def test_heading_ids_never_take_a_footnote_id() -> None:
    html, toc = rendered("## fn 1\n\nText[^1].\n\n[^1]: Note.\n")
    assert toc[0].id == "fn-1-1"
    assert html.count('id="fn-1"') == 1


def test_top_level_heading_becomes_h2() -> None:
    html, toc = rendered("# Intro\n\n## Detail\n\n####### not a heading\n")
    assert [(h.level, h.text, h.id) for h in toc] == [
        (2, "Intro", "intro"),
        (3, "Detail", "detail"),
    ]
    assert html.startswith('<h2 id="intro">Intro</h2>\n<h3 id="detail">Detail</h3>')


def test_shallowest_heading_becomes_h2_when_no_h1_is_used() -> None:
    _, toc = rendered("### Deep\n\n#### Deeper\n")
    assert [h.level for h in toc] == [2, 3]


def test_heading_levels_never_pass_h6() -> None:
    html, toc = rendered("# One\n\n###### Six\n")
    assert [h.level for h in toc] == [2, 6]
    assert '<h6 id="six">Six</h6>' in html


def test_toc_text_is_plain_text() -> None:
    html, toc = rendered("## Using `mistune` *well* & [fast](https://example.org)\n")
    assert toc == (
        Heading(level=2, text="Using mistune well & fast", id="using-mistune-well-and-fast"),
    )
    assert "<code>mistune</code> <em>well</em> &amp; <a" in html


def test_headings_never_take_the_ids_of_the_page_around_the_post() -> None:
    _, toc = rendered("## Main\n\n## Contents\n\n## Main\n")
    assert [heading.id for heading in toc] == ["main-1", "contents", "main-2"]


def test_an_id_written_by_the_author_is_never_taken_twice() -> None:
    _, toc = rendered("## A\n\n## A 1\n\n## A\n\n## A\n\n## A 1\n")
    assert [heading.id for heading in toc] == ["a", "a-1", "a-2", "a-3", "a-1-1"]


def test_a_suffix_already_used_by_the_author_is_skipped() -> None:
    _, toc = rendered("## A\n\n## A\n\n## A 2\n\n## A\n\n## A\n")
    assert [heading.id for heading in toc] == ["a", "a-1", "a-2", "a-3", "a-4"]


def test_twenty_thousand_identical_headings_take_linear_time() -> None:
    start = time.perf_counter()
    _, toc = rendered("## Same\n\n" * 20_000)
    elapsed = time.perf_counter() - start
    assert len({heading.id for heading in toc}) == 20_000
    assert toc[-1].id == "same-19999"
    # Quadratic, the ids alone took 45 s; the whole render is about 3 s on a slow machine.
    assert elapsed < 15
