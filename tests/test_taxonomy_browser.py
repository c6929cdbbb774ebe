"""The pages of taxonomies, authors and series as clients see them: valid HTML5 to the Nu Html
Checker, and no axe-core violation in light and dark, at 375 and 1280 px, under the strict CSP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sitecheck
from browser import SCHEMES, WIDTHS, axe_violations, open_page, serve
from playwright.sync_api import Browser

from octavo import Builder

pytestmark = pytest.mark.browser

CONFIG = """\
title = "Field Notes"
base_url = "https://example.org/"
timezone = "UTC"
per_page = 2

[taxonomies]
tag = "tags"
category = "categories"
genre = "genres"

[authors.ada]
name = "Ada Lovelace"
bio = "Writes about engines, analytical and otherwise."
email = "ada@example.org"
links = [
  {name = "Website", url = "https://ada.example/"},
  {name = "Mastodon", url = "https://m.example/@ada"},
]
"""


def part(number: int) -> str:
    """Given a part number, returns a post of the series "Learning Rust" by Ada."""
    return (
        f"---\ntitle: Learning Rust, part {number}\ndate: 2024-03-0{number}\n"
        f"tags: [Rust]\ncategories: [Systems, Languages]\ngenres: Tutorial\n"
        f"author: Ada\nseries: Learning Rust\npart: {number}\n---\n"
        f"Part {number} of the series.\n\n## Ownership\n\nText.\n"
    )


# Each kind of page new here: a category, an author, a series, a post in a series; and the
# index of a taxonomy's terms.
PAGES = {
    "category": "/categories/systems/",
    "categories": "/categories/",
    "genre": "/genres/tutorial/",
    "author": "/authors/ada/",
    "series": "/series/learning-rust/",
    "post in a series": "/posts/part-2/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of three parts of a series, by one author, in two categories: its output."""
    root = tmp_path_factory.mktemp("taxonomies") / "site"
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    for number in (1, 2, 3):
        (root / "content" / f"part-{number}.md").write_text(part(number))
    report = Builder(root, now=datetime(2025, 1, 1, tzinfo=UTC)).build()
    assert report.ok, [str(problem) for problem in report.problems]
    return root / "public"


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    """The site, served: yields its origin."""
    with serve(site) as served:
        yield served


def test_every_new_kind_of_page_passes_the_nu_html_checker(site: Path, vnu_jar: Path) -> None:
    files = [site / path.strip("/") / "index.html" for path in PAGES.values()]
    files.append(site / "categories" / "systems" / "page" / "2" / "index.html")
    assert all(file.is_file() for file in files)
    assert sitecheck.nu_errors(vnu_jar, files) == []


def test_every_link_of_the_site_resolves(site: Path) -> None:
    assert sitecheck.broken_links(site, "https://example.org/") == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_no_violations_and_the_page_loads_cleanly(
    chromium: Browser, origin: str, kind: str, scheme: str, width: int
) -> None:
    visit = open_page(chromium, origin, PAGES[kind], width=width, scheme=scheme)
    try:
        assert axe_violations(visit.page) == []
        assert visit.problems() == []
        # Nothing wider than the screen, at 375 px as at 1280.
        scroll = visit.page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width
    finally:
        visit.page.context.close()


def test_the_series_nav_is_an_ordered_list_in_a_labelled_nav(
    chromium: Browser, origin: str
) -> None:
    visit = open_page(chromium, origin, PAGES["post in a series"], width=1280, scheme="light")
    try:
        nav = visit.page.get_by_role("navigation", name="Series: Learning Rust")
        assert nav.get_by_role("listitem").all_inner_texts() == [
            "Learning Rust, part 1",
            "Learning Rust, part 2",
            "Learning Rust, part 3",
        ]
        assert "Part 2 of 3" in nav.inner_text()
        current = nav.locator("[aria-current=page]")
        assert current.inner_text() == "Learning Rust, part 2"
        assert nav.get_by_role("link").count() == 3  # the other two parts and the series page
    finally:
        visit.page.context.close()
