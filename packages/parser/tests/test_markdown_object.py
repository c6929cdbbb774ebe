"""One Markdown object per process and setting, carrying nothing from one post to the next."""

from __future__ import annotations

import pickle

from octavo_parser import render_markdown
from octavo_parser.markdown import markdown_for

TEXT = "## Team Dynamics\n\nA note[^1].\n\n## Team Dynamics\n\n[^1]: Here.\n"


def test_one_markdown_object_per_raw_html_setting() -> None:
    assert markdown_for(raw_html=False) is markdown_for(raw_html=False)
    assert markdown_for(raw_html=False) is not markdown_for(raw_html=True)


def test_a_post_renders_the_same_after_other_posts() -> None:
    first = render_markdown(TEXT, path="a.md", slug="a", raw_html=False)
    render_markdown("## Other\n\nB[^x].\n\n[^x]: There.\n", path="b.md", slug="b", raw_html=False)
    again = render_markdown(TEXT, path="a.md", slug="a", raw_html=False)
    assert again == first
    assert [heading.id for heading in again.toc] == ["team-dynamics", "team-dynamics-1"]
    assert again.body_html.count('id="fn-1"') == 1


def test_rendered_markdown_pickles_for_worker_processes() -> None:
    result = render_markdown(TEXT, path="a.md", slug="a", raw_html=False)
    assert pickle.loads(pickle.dumps(result)) == result
