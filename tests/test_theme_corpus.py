"""The default theme on every page of the 300-post corpus and the edge site (the demo's own checks
are in test_demo.py): valid HTML, one h1 and no skipped heading level, nothing a strict CSP blocks,
JSON-LD that parses, links that resolve, hashed theme assets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sitecheck
from edgesite import BASE_URL as EDGE_URL
from edgesite import BREAKOUT_TITLE

from octavo import BuildReport

CORPUS_URL = "https://bench.example.org/"
Built = tuple[BuildReport, Path]


@pytest.fixture(scope="module")
def sites(demo_build: Built, corpus_build: Built, edge_build: Built) -> dict[str, Path]:
    """The output folder of each site."""
    return {"demo": demo_build[1], "corpus": corpus_build[1], "edge": edge_build[1]}


@pytest.mark.browser
def test_every_corpus_page_passes_the_nu_html_checker(corpus_build: Built, vnu_jar: Path) -> None:
    _, output = corpus_build
    pages = sitecheck.html_files(output)
    assert len(pages) > 300
    assert sitecheck.nu_errors(vnu_jar, pages) == []


@pytest.mark.browser
def test_every_edge_page_passes_the_nu_html_checker(edge_build: Built, vnu_jar: Path) -> None:
    _, output = edge_build
    assert sitecheck.nu_errors(vnu_jar, sitecheck.html_files(output)) == []


@pytest.mark.parametrize("site", ["demo", "corpus", "edge"])
def test_every_page_has_one_h1_first_and_no_skipped_heading_level(
    sites: dict[str, Path], site: str
) -> None:
    problems = [
        problem
        for page in sitecheck.html_files(sites[site])
        for problem in sitecheck.outline_problems(page)
    ]
    assert problems == []


@pytest.mark.parametrize("site", ["demo", "corpus", "edge"])
def test_no_page_needs_inline_style_inline_script_or_another_origin(
    sites: dict[str, Path], site: str
) -> None:
    pages = sitecheck.html_files(sites[site])
    problems = [problem for page in pages for problem in sitecheck.csp_problems(page)]
    assert problems == []


@pytest.mark.parametrize("site", ["demo", "corpus", "edge"])
def test_json_ld_parses_blog_posting_on_posts_and_blog_on_home_pages(
    sites: dict[str, Path], site: str
) -> None:
    output = sites[site]
    for page in (output / "posts").glob("*/index.html"):
        (posting,) = sitecheck.json_ld(page)
        assert posting["@type"] == "BlogPosting", page
        assert str(posting["url"]).endswith("/" + page.parent.name + "/"), page
    for page in [output / "index.html", *(output / "page").glob("*/index.html")]:
        (blog,) = sitecheck.json_ld(page)
        assert blog["@type"] == "Blog", page
        assert blog["blogPost"], page


def test_json_ld_escapes_what_would_end_the_script_element(edge_build: Built) -> None:
    _, output = edge_build
    for page in sitecheck.html_files(output):
        for block in sitecheck.page_facts(page).json_ld:
            assert "<" not in block and ">" not in block, page
    (post,) = [
        page for page in (output / "posts").glob("*/index.html") if "pwned" in page.parent.name
    ]
    (posting,) = sitecheck.json_ld(post)
    assert posting["headline"] == BREAKOUT_TITLE.strip()
    assert posting["isPartOf"] == {
        "@type": "Blog",
        "name": "Edge </script> & <!-- Co",
        "url": EDGE_URL,
    }


@pytest.mark.parametrize(("site", "base_url"), [("corpus", CORPUS_URL), ("edge", EDGE_URL)])
def test_every_internal_link_resolves(sites: dict[str, Path], site: str, base_url: str) -> None:
    assert sitecheck.broken_links(sites[site], base_url) == []


def test_theme_assets_are_named_by_their_hash_and_linked(sites: dict[str, Path]) -> None:
    output = sites["corpus"]
    names = sorted(path.name for path in (output / "theme").iterdir())
    assert [re.sub(r"\.[0-9a-f]{8}\.", ".HASH.", name) for name in names] == [
        "icon.HASH.svg",
        "search.HASH.js",
        "style.HASH.css",
    ]
    home = (output / "index.html").read_text("utf-8")
    search = (output / "search" / "index.html").read_text("utf-8")
    for name in names:
        if name.endswith(".js"):  # the search page's script, on that page alone
            assert f'src="/theme/{name}"' in search and name not in home
        else:
            assert f'href="/theme/{name}"' in home
