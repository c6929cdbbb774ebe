"""Summaries end at `<!-- more -->` or after the first paragraph; word counts leave out code."""

from __future__ import annotations

from octavo_parser import RenderedMarkdown, render_markdown


def rendered(text: str, raw_html: bool = False) -> RenderedMarkdown:
    return render_markdown(text, path="a.md", slug="p", raw_html=raw_html)


def test_summary_ends_at_the_more_marker() -> None:
    text = "One.\n\n## Part\n\nTwo.\n\n<!-- more -->\n\nThree.\n"
    for raw_html in (False, True):
        result = rendered(text, raw_html)
        assert result.summary_html == (
            '<p>One.</p>\n<h3 id="p-part">Part<a class="heading-link" href="#p-part"'
            ' aria-label="Link to this section: Part"></a></h3>\n<p>Two.</p>\n'
        )
        assert result.has_more
        assert "more" not in result.body_html
        assert result.description == "One. Part Two."


def test_more_marker_right_under_a_paragraph_line() -> None:
    result = rendered("One line\n<!-- more -->\nRest.\n")
    assert result.summary_html == "<p>One line</p>\n"


def test_summary_is_the_first_paragraph_without_a_marker() -> None:
    result = rendered("## Hello\n\nFirst[^1] *para*.\n\nSecond.\n\n[^1]: Note.\n")
    assert result.summary_html == "<p>First <em>para</em>.</p>\n"
    assert result.description == "First para."
    assert result.has_more


def test_single_paragraph_has_no_more() -> None:
    result = rendered("Only this.\n")
    assert result.summary_html == "<p>Only this.</p>\n"
    assert not result.has_more


def test_description_is_plain_text_cut_on_a_word() -> None:
    result = rendered("Tom &amp; Jerry’s " + "wonderful " * 40 + "end.\n")
    assert result.description.startswith("Tom & Jerry’s wonderful")
    assert len(result.description) <= 300
    assert result.description.endswith("wonderful…")


def test_word_count_leaves_out_code_blocks() -> None:
    text = (
        "One two `three`.\n\n```python\nnot counted at all\n```\n\n"
        "    indented code too\n\n- four\n"
    )
    result = rendered(text)
    assert result.word_count == 4
    assert result.reading_minutes == 1


def test_reading_minutes_round_words_per_220() -> None:
    assert rendered("word " * 660).reading_minutes == 3
    assert rendered("").reading_minutes == 1


def test_escaped_raw_html_stays_in_the_description_as_text() -> None:
    from octavo_parser.markdown import render_summary

    html, text = render_summary("Avoid </script> and <!-- in JSON", raw_html=False)
    assert text == "Avoid </script> and <!-- in JSON"
    assert "&lt;/script&gt;" in html
    _, trusted = render_summary("A <b>bold</b> claim", raw_html=True)
    assert trusted == "A bold claim"
