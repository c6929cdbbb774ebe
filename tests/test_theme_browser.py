"""The default theme in a real browser: axe-core finds nothing on any page kind, in light and dark,
at 375 and 1280 px, on the demo, a 300-post corpus and a site of edge cases; the pages load under a
strict Content-Security-Policy without a request elsewhere; keyboard, print and narrow screens work.

Debian's Chromium, driven by Playwright, over a loopback server; axe-core from npm (package.json).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import SCHEMES, SCREENSHOTS, WIDTHS, Visit, axe_violations, open_page, serve
from edgesite import BREAKOUT_TITLE
from playwright.sync_api import Browser

from octavo import BuildReport

pytestmark = pytest.mark.browser

SITES = ("demo", "corpus")
KINDS = ("home", "post", "tag", "tags", "archive", "404")
SCREENSHOT_KINDS = ("home", "post", "tag")


def richest_post(output: Path) -> str:
    """Given a built site, returns the path of the post with the most code, tables and headings."""

    def weight(page: Path) -> tuple[int, str]:
        html = page.read_text("utf-8")
        features = html.count("<pre") + html.count("<table") + html.count("<h2") + html.count("<h3")
        return features, page.as_posix()

    best = max((output / "posts").glob("*/index.html"), key=weight)
    return "/" + best.parent.relative_to(output).as_posix() + "/"


def biggest_tag(output: Path) -> str:
    """Given a built site, returns the path of the first page of its tag with the most pages."""

    def size(tag: Path) -> tuple[int, str]:
        return len(list(tag.glob("page/*/index.html"))), tag.name

    tags = [path for path in (output / "tags").iterdir() if (path / "index.html").is_file()]
    return f"/tags/{max(tags, key=size).name}/"


def page_paths(output: Path) -> dict[str, str]:
    """Given a built site, returns the path of one page of each kind."""
    return {
        "home": "/",
        "post": richest_post(output),
        "tag": biggest_tag(output),
        "tags": "/tags/",
        "archive": "/archive/",
        "404": "/404.html",
    }


@pytest.fixture(scope="module")
def served(
    demo_build: tuple[BuildReport, Path], corpus_build: tuple[BuildReport, Path]
) -> Iterator[dict[str, tuple[str, dict[str, str]]]]:
    """The demo and the corpus, served: each site's origin and its page of each kind."""
    with serve(demo_build[1]) as demo, serve(corpus_build[1]) as corpus:
        yield {
            "demo": (demo, page_paths(demo_build[1])),
            "corpus": (corpus, page_paths(corpus_build[1])),
        }


@pytest.fixture(scope="module")
def edge(edge_build: tuple[BuildReport, Path]) -> Iterator[str]:
    """The edge site, served under its base path /notes/: yields the origin."""
    with serve(edge_build[1], prefix="/notes") as origin:
        yield origin


def save_screenshot(visit: Visit, name: str) -> None:
    """Saves the page's top (up to 3,000 px) to test-artifacts/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = visit.page
    size = page.viewport_size
    assert size is not None
    height = min(3000, int(page.evaluate("document.documentElement.scrollHeight")))
    clip = {"x": 0, "y": 0, "width": size["width"], "height": height}
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, clip=clip)  # type: ignore[arg-type]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("site", SITES)
def test_axe_finds_no_violations_and_the_page_loads_cleanly(
    chromium: Browser,
    served: dict[str, tuple[str, dict[str, str]]],
    site: str,
    kind: str,
    scheme: str,
    width: int,
) -> None:
    origin, paths = served[site]
    visit = open_page(chromium, origin, paths[kind], width=width, scheme=scheme)
    try:
        assert axe_violations(visit.page) == []
        # Under the strict CSP nothing was blocked, nothing failed, nothing left the site.
        assert visit.problems() == []
        if kind in SCREENSHOT_KINDS:
            save_screenshot(visit, f"{site}-{kind}-{width}-{scheme}")
    finally:
        visit.page.context.close()


@pytest.mark.parametrize("site", SITES)
def test_no_page_scrolls_sideways_at_320_px(
    chromium: Browser, served: dict[str, tuple[str, dict[str, str]]], site: str
) -> None:
    origin, paths = served[site]
    for kind, path in paths.items():
        visit = open_page(chromium, origin, path, width=320, scheme="light")
        try:
            overflow = visit.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{kind} {path} is {overflow} px too wide"
        finally:
            visit.page.context.close()


def test_dark_scheme_and_print_stylesheet_apply(
    chromium: Browser, served: dict[str, tuple[str, dict[str, str]]]
) -> None:
    origin, paths = served["demo"]
    backgrounds = {}
    for scheme in SCHEMES:
        visit = open_page(chromium, origin, paths["post"], width=1280, scheme=scheme)
        try:
            backgrounds[scheme] = visit.page.evaluate(
                "getComputedStyle(document.body).backgroundColor"
            )
            if scheme == "dark":
                visit.page.emulate_media(media="print")
                hidden = visit.page.evaluate(
                    "getComputedStyle(document.querySelector('.site-nav')).display"
                )
                background = visit.page.evaluate("getComputedStyle(document.body).backgroundColor")
                assert hidden == "none"
                assert background == "rgb(255, 255, 255)"  # print is black on white, dark or not
        finally:
            visit.page.context.close()
    assert backgrounds == {"light": "rgb(255, 255, 255)", "dark": "rgb(18, 20, 23)"}


def test_skip_link_comes_first_shows_on_focus_and_focus_is_visible(
    chromium: Browser, served: dict[str, tuple[str, dict[str, str]]]
) -> None:
    origin, paths = served["demo"]
    visit = open_page(chromium, origin, paths["post"], width=375, scheme="light")
    page = visit.page
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const element = document.activeElement;
                const box = element.getBoundingClientRect();
                const style = getComputedStyle(element);
                return [element.className, element.getAttribute("href"), box.top >= 0,
                        style.outlineStyle, parseFloat(style.outlineWidth)];
            }"""
        )
        assert focused == ["skip-link", "#main", True, "solid", 3]
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        page.keyboard.press("Tab")
        # The next stop is inside <main>, and it too shows a focus ring.
        inside = page.evaluate(
            "[document.activeElement.closest('main') !== null,"
            " getComputedStyle(document.activeElement).outlineStyle]"
        )
        assert inside == [True, "solid"]
    finally:
        page.context.close()


EDGE_KINDS = {
    "home": "/notes/",
    "post": "/notes/posts/script-script-window-pwned-1-script-quoted-and-cafe/",
    "tags": "/notes/tags/",
    "archive": "/notes/archive/",
    "tag": "/notes/tags/python/",
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_edge_content_raw_html_wide_code_drafts_passes_axe(
    chromium: Browser, edge: str, scheme: str
) -> None:
    for kind, path in EDGE_KINDS.items():
        visit = open_page(chromium, edge, path, width=375, scheme=scheme)
        try:
            assert axe_violations(visit.page) == [], kind
            assert visit.problems() == [], kind
            overflow = visit.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{kind} is {overflow} px too wide"
        finally:
            visit.page.context.close()


def test_wide_code_and_tables_scroll_inside_boxes_the_keyboard_reaches(
    chromium: Browser, edge: str
) -> None:
    visit = open_page(chromium, edge, EDGE_KINDS["post"], width=375, scheme="light")
    try:
        boxes = visit.page.evaluate(
            """() => [...document.querySelectorAll('main pre[tabindex], main .table-scroll')]
                .map(box => [box.tabIndex, box.scrollWidth > box.clientWidth])"""
        )
        # Two code blocks and the wide table scroll; the small aligned table fits.
        assert boxes.count([0, True]) == 3
        assert all(tab_index == 0 for tab_index, _ in boxes)
    finally:
        visit.page.context.close()


def test_json_ld_keeps_a_breakout_title_inside_its_script_element(
    chromium: Browser, edge: str
) -> None:
    visit = open_page(chromium, edge, EDGE_KINDS["post"], width=1280, scheme="light")
    try:
        found = visit.page.evaluate(
            """() => [document.scripts.length, typeof window.pwned,
                      document.scripts[0].type, document.scripts[0].text]"""
        )
        count, pwned, kind, text = found
        assert (count, pwned, kind) == (1, "undefined", "application/ld+json")
        data = json.loads(text)
        assert data["@type"] == "BlogPosting"
        assert data["headline"] == BREAKOUT_TITLE.strip()
        assert visit.page.locator("h1").inner_text() == BREAKOUT_TITLE.strip()
        assert visit.problems() == []
    finally:
        visit.page.context.close()


def test_a_draft_is_visibly_marked_on_its_page_and_in_lists(chromium: Browser, edge: str) -> None:
    for path in (EDGE_KINDS["post"], EDGE_KINDS["home"], EDGE_KINDS["archive"], EDGE_KINDS["tag"]):
        visit = open_page(chromium, edge, path, width=375, scheme="light")
        try:
            badge = visit.page.locator(".draft-badge").first
            assert badge.is_visible(), path
            assert badge.inner_text().casefold() == "draft", path
        finally:
            visit.page.context.close()
