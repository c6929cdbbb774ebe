"""GitHub alerts and code block options as clients see them: valid HTML5 to the Nu Html Checker,
no axe-core violation in light and dark at 375 and 1280 px, and styled in both schemes (a callout's
title in its kind's colour, highlighted lines on their own background)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sitecheck
from browser import SCHEMES, WIDTHS, axe_violations, open_page, serve
from playwright.sync_api import Browser
from smallsite import build, write_site

pytestmark = pytest.mark.browser

KINDS = ("note", "tip", "important", "warning", "caution")
POST = (
    "---\ntitle: Callouts\ndate: 2024-05-01\n---\n"
    "Alerts as GitHub shows them, and options on code.\n\n"
    + "".join(
        f"> [!{kind.upper()}]\n> A {kind} with [a link](/archive/) and `code`.\n\n"
        for kind in KINDS
    )
    + "> [!FOO]\n> A plain quote.\n\n"
    + '```python {hl_lines=[2,"4-5"], linenos=true, title="app.py"}\n'
    + "import sys\n\n\ndef main() -> int:  # the entry point\n    return len(sys.argv)\n"
    + "```\n\n"
    + "``` {hl_lines=[1]}\nplain text, marked\n```\n"
)


@pytest.fixture(scope="module")
def callout_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of one post with every alert kind and a captioned, numbered, marked code block."""
    root = tmp_path_factory.mktemp("callouts") / "site"
    report = build(write_site(root, {"callouts.md": POST}, title="Callouts"))
    assert not report.problems, [str(problem) for problem in report.problems]
    return root / "public"


def _post_path(site: Path) -> str:
    """The URL path of the site's one post page."""
    (page,) = [
        file
        for file in sitecheck.html_files(site)
        if "<figcaption>app.py</figcaption>" in file.read_text() and file.parent != site
    ]
    return "/" + page.parent.relative_to(site).as_posix() + "/"


@pytest.fixture(scope="module")
def origin(callout_site: Path) -> Iterator[str]:
    with serve(callout_site) as served:
        yield served


def test_callouts_and_code_options_pass_the_nu_html_checker(
    callout_site: Path, vnu_jar: Path
) -> None:
    post = callout_site / _post_path(callout_site).strip("/") / "index.html"
    html = post.read_text()
    assert all(f'<div class="callout callout-{kind}" role="note">' in html for kind in KINDS)
    assert html.count('<span class="hll">') == 4
    assert sitecheck.nu_errors(vnu_jar, [post, callout_site / "index.html"]) == []
    assert sitecheck.csp_problems(post) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violations_and_the_marks_are_styled(
    chromium: Browser, callout_site: Path, origin: str, scheme: str, width: int
) -> None:
    visit = open_page(chromium, origin, _post_path(callout_site), width=width, scheme=scheme)
    page = visit.page
    try:
        assert axe_violations(page) == []
        assert visit.problems() == []
        titles = page.evaluate(
            """() => [...document.querySelectorAll('.callout')].map(callout => [
                getComputedStyle(callout.querySelector('.callout-title')).color,
                getComputedStyle(callout).borderLeftColor,
                getComputedStyle(callout).color])"""
        )
        # Each kind has its own colour, on its title and border; the text stays the body's.
        assert len({title for title, _, _ in titles}) == len(KINDS)
        assert all(title == border for title, border, _ in titles)
        body_colour = page.evaluate("getComputedStyle(document.body).color")
        assert all(text == body_colour for _, _, text in titles)
        marked, plain = page.evaluate(
            """() => [getComputedStyle(document.querySelector('.hll')).backgroundColor,
                      getComputedStyle(document.querySelector('.highlight pre')).backgroundColor]"""
        )
        assert marked != plain
        selected = page.evaluate("getComputedStyle(document.querySelector('.linenos')).userSelect")
        assert selected == "none"
    finally:
        page.context.close()
