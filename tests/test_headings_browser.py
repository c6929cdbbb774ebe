"""Headings and footnotes in a built site as clients see them: GitHub's ids, a self-link on each
heading, no level skipped, unique footnote ids; valid to the Nu Html Checker, every in-page anchor
resolving, and no axe-core violation in light and dark with the self-links shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sitecheck
from browser import SCHEMES, WIDTHS, axe_violations, open_page, serve
from playwright.sync_api import Browser
from smallsite import build, post, write_site

pytestmark = pytest.mark.browser

BODY = """Intro, cited twice[^same] and again[^same], and once[^other].

## Checking for "full" source coverage using `--all`

See [the coverage section](#checking-for-full-source-coverage-using---all)
and [the party](#-party).

#### Skipped a level

### Résumé é and 日本語

## 🎉 Party

## 🎉

## Using *emphasis*, `code` and [a link](https://example.org/)

## Duplicate

## Duplicate

[^same]: Cited twice, so it links back to both marks.
[^other]: Cited once.
"""
IDS = [
    "checking-for-full-source-coverage-using---all",
    "skipped-a-level",
    "résumé-é-and-日本語",
    "-party",
    "heading",
    "using-emphasis-code-and-a-link",
    "duplicate",
    "duplicate-1",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of two posts with the same headings and footnotes, shown whole on list pages."""
    posts = {
        f"{name}.md": post(name.title(), BODY, front="tags: [readme]\n")
        for name in ("first", "second")
    }
    root = write_site(tmp_path_factory.mktemp("headings") / "site", posts, title="Headings")
    report = build(root)
    assert not report.problems, [str(problem) for problem in report.problems]
    return root / "public"


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    with serve(site) as served:
        yield served


def _pages(site: Path) -> list[Path]:
    return [
        site / "posts" / "first" / "index.html",
        site / "index.html",
        site / "tags" / "readme" / "index.html",
    ]


def test_ids_self_links_levels_and_footnotes_on_the_posts_page(site: Path) -> None:
    html = (site / "posts" / "first" / "index.html").read_text()
    body = html[html.index('<div class="post-body">') : html.index('id="related-title"')]
    headings = re.findall(r'<h(\d) id="([^"]*)">', body)
    assert [anchor for _, anchor in headings] == IDS
    assert [int(level) for level, _ in headings] == [2, 3, 3, 2, 2, 2, 2, 2]
    links = re.findall(r'<a class="heading-link" href="#([^"]*)" aria-label="([^"]*)"></a>', body)
    assert [target for target, _ in links] == IDS
    assert links[0][1] == (
        "Link to this section: Checking for &quot;full&quot; source coverage using --all"
    )
    assert re.findall(r'id="(fn[^"]*)"', body) == [
        "fnref-1",
        "fnref-1-2",
        "fnref-2",
        "fn-1",
        "fn-2",
    ]
    assert sitecheck.outline_problems(site / "posts" / "first" / "index.html") == []


def test_list_pages_namespace_every_id_and_link_per_post(site: Path) -> None:
    html = (site / "index.html").read_text()
    for name in ("first", "second"):
        for anchor in IDS:
            assert f'id="{name}-{anchor}"' in html
            assert f'class="heading-link" href="#{name}-{anchor}"' in html
        assert f'href="#{name}-fnref-1-2"' in html
    assert sitecheck.outline_problems(site / "index.html") == []


def test_every_page_is_valid_and_every_anchor_resolves(site: Path, vnu_jar: Path) -> None:
    assert sitecheck.broken_links(site, "https://example.org/") == []
    assert sitecheck.nu_errors(vnu_jar, _pages(site)) == []


def test_feeds_carry_no_self_links(site: Path) -> None:
    feed = (site / "feed.xml").read_text()
    assert "checking-for-full-source-coverage-using---all" in feed
    assert "heading-link" not in feed


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_self_links_show_on_focus_with_contrast_and_axe_finds_nothing(
    chromium: Browser, origin: str, scheme: str, width: int
) -> None:
    visit = open_page(chromium, origin, "/posts/first/", width=width, scheme=scheme)
    page = visit.page
    try:
        assert visit.problems() == []
        link = page.locator(".post-body .heading-link").first
        assert link.evaluate("a => getComputedStyle(a).opacity") == "0"
        link.focus()
        shown = link.evaluate(
            """a => [getComputedStyle(a).opacity, getComputedStyle(a, '::before').content,
                     getComputedStyle(a).color, getComputedStyle(document.body).backgroundColor]"""
        )
        assert shown[:2] == ["1", '"#"']
        assert _contrast(shown[2], shown[3]) >= 4.5
        heading = page.locator(".post-body h2").nth(1)
        heading.hover()
        opacity, colour = heading.locator(".heading-link").evaluate(
            "a => [getComputedStyle(a).opacity, getComputedStyle(a).color]"
        )
        assert opacity == "1"
        assert _contrast(colour, shown[3]) >= 4.5
        # axe with a self-link shown, as a keyboard user sees the page.
        link.focus()
        assert axe_violations(page) == []
    finally:
        page.context.close()


def _contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two computed `rgb(...)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
