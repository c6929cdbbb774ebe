"""Search in a real browser: the demo previewed by `octavo serve` (its Content-Security-Policy),
a word from one post's body typed in the search box finds that post; the search page with its
results passes axe and the Nu Html Checker; without JavaScript it links to the tags.

Debian's Chromium, driven by Playwright; axe-core and vnu-jar from npm (package.json).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from browser import SCHEMES, WIDTHS, axe_violations, serve
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sitecheck import DEMO, nu_errors

from octavo import BuildReport

pytestmark = pytest.mark.browser

# Counts what the page's Content-Security-Policy blocks (init scripts are not subject to it).
COUNT_CSP_VIOLATIONS = (
    "window.cspViolations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


class _ArticleText(HTMLParser):
    """The text of a page's `<article data-pagefind-body>`: what its search index holds."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag == "article"
        elif tag == "article" and "data-pagefind-body" in dict(attrs):
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def indexed_words(page: Path) -> set[str]:
    """Given a built page, returns the lowercase words of its indexed article."""
    parser = _ArticleText()
    parser.feed(page.read_text("utf-8"))
    return set(re.findall(r"[a-z]{7,}", " ".join(parser.text).casefold()))


def word_of_one_post(output: Path) -> tuple[str, str]:
    """Given the built demo, returns a word that the article of one post alone holds, and that
    post's path: the first such word in alphabetical order."""
    pages = {
        "/" + page.parent.relative_to(output).as_posix() + "/": indexed_words(page)
        for page in output.rglob("index.html")
    }
    posts = [path for path in pages if path.startswith("/posts/")]
    for word in sorted(set().union(*pages.values())):
        holders = [path for path, words in pages.items() if word in words]
        if len(holders) == 1 and holders[0] in posts:
            return word, holders[0]
    raise AssertionError("no word is in one post alone")


@contextmanager
def previewed(site: Path, ready: str) -> Iterator[str]:
    """`octavo serve SITE --search` (writing mode, asked to build the search page and index)
    until `ready` answers; yields the root URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = site.parent / "serve.log"
    command = [sys.executable, "-m", "octavo", "serve", str(site), "--search", "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=os.environ)
        try:
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "octavo serve did not answer in 60 s"
                try:
                    if httpx.get(url + ready, timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def demo_copy(folder: Path) -> Path:
    """A copy of the demo's sources in `folder`."""
    site = folder / "demo"
    shutil.copytree(DEMO, site, ignore=shutil.ignore_patterns("public", ".octavo"))
    return site


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A copy of the demo previewed by `octavo serve`: the root URL and its output folder."""
    site = demo_copy(tmp_path_factory.mktemp("search"))
    with previewed(site, "/search/") as url:
        yield url, site / "public"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _context(chromium: Browser, *, width: int = 1280, scheme: str = "light") -> BrowserContext:
    context = chromium.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if scheme == "dark" else "light",
        reduced_motion="reduce",
    )
    context.add_init_script(COUNT_CSP_VIOLATIONS)
    context.set_default_timeout(15_000)
    return context


def _result_links(page: Page, word: str) -> list[str]:
    """The paths the search results link to, once the live region has announced the search for
    `word` (Playwright's own waiting: the page's CSP forbids the eval of `wait_for_function`)."""
    expect(page.locator("#search-status")).to_contain_text(word)
    links: list[str] = page.eval_on_selector_all(
        "#search-results a", "links => links.map(link => new URL(link.href).pathname)"
    )
    return links


def test_a_word_from_one_posts_body_finds_it_through_the_header_search_box(
    chromium: Browser,
    preview: tuple[str, Path],
    demo_build: tuple[BuildReport, Path],
) -> None:
    url, _ = preview
    word, post = word_of_one_post(demo_build[1])
    context = _context(chromium)
    try:
        page = context.new_page()
        page.goto(url + "/")
        page.get_by_label("Search the posts").fill(word)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q="))
        assert post in _result_links(page, word)
        status = page.locator("#search-status")
        assert status.get_attribute("role") == "status"
        assert word in status.inner_text()
        # The fallback for browsers without JavaScript is gone once search runs.
        assert page.locator("#search-fallback").is_hidden()
        assert page.evaluate("window.cspViolations") == []
    finally:
        context.close()


def test_typing_on_the_search_page_lists_results_that_pass_axe_and_the_html_checker(
    chromium: Browser,
    preview: tuple[str, Path],
    demo_build: tuple[BuildReport, Path],
    vnu_jar: Path,
    tmp_path: Path,
) -> None:
    url, _ = preview
    word, post = word_of_one_post(demo_build[1])
    for scheme in SCHEMES:
        for width in WIDTHS:
            context = _context(chromium, width=width, scheme=scheme)
            try:
                page = context.new_page()
                page.goto(url + "/search/")
                field = page.get_by_label("Words to find in the posts")
                field.focus()
                page.keyboard.type(word)  # no Enter: results follow the typing
                assert post in _result_links(page, word)
                first = page.locator("#search-results li").first
                assert first.locator("a").inner_text()  # a title, not an address
                assert first.locator(".search-excerpt mark").count() >= 1
                # The keyboard reaches the results: from the field, past the button, the first.
                page.keyboard.press("Tab")
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.closest('#search-results') !== null")
                assert axe_violations(page) == [], (scheme, width)
                assert page.evaluate("window.cspViolations") == []
                if (scheme, width) == ("light", 1280):
                    shown = tmp_path / "search-with-results.html"
                    shown.write_text(page.content(), "utf-8")
                    assert nu_errors(vnu_jar, [shown]) == []
            finally:
                context.close()


def test_without_javascript_the_search_page_links_to_the_tags(
    chromium: Browser, preview: tuple[str, Path]
) -> None:
    url, _ = preview
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url + "/search/?q=anything")
        fallback = page.locator("#search-fallback")
        assert fallback.is_visible()
        assert fallback.get_by_role("link", name="tag").get_attribute("href") == "/tags/"
        # Every other page's search box sends its words to the search page.
        page.goto(url + "/")
        assert page.locator("form.site-search").get_attribute("action") == "/search/"
    finally:
        context.close()


def test_a_site_under_a_path_loads_pagefind_and_links_results_under_that_path(
    chromium: Browser,
    tmp_path: Path,
    demo_build: tuple[BuildReport, Path],
) -> None:
    site = demo_copy(tmp_path)
    config = site / "octavo.toml"
    text = config.read_text()
    root_line = 'base_url = "https://demo.example.org/"'
    assert root_line in text
    config.write_text(text.replace(root_line, 'base_url = "https://demo.example.org/blog/"'))
    word, post = word_of_one_post(demo_build[1])
    with previewed(site, "/blog/search/") as url:
        context = _context(chromium)
        try:
            page = context.new_page()
            loaded: list[str] = []
            page.on("request", lambda request: loaded.append(new_path(request.url)))
            page.goto(url + "/blog/search/?q=" + word)
            assert "/blog" + post in _result_links(page, word)
            assert "/blog/pagefind/pagefind.js" in loaded
            assert page.evaluate("window.cspViolations") == []
        finally:
            context.close()


def new_path(url: str) -> str:
    """The path of a URL."""
    return httpx.URL(url).path


# The least a server must allow for the search page (the render package's README says so):
# the strict policy of the theme's tests, with the theme's script and Pagefind's WebAssembly.
SEARCH_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@pytest.mark.parametrize("wasm", [True, False], ids=["wasm-unsafe-eval", "script-src-self-alone"])
def test_the_least_policy_search_needs_and_what_the_page_says_without_it(
    chromium: Browser, demo_build: tuple[BuildReport, Path], wasm: bool
) -> None:
    word, post = word_of_one_post(demo_build[1])
    policy = SEARCH_CSP if wasm else SEARCH_CSP.replace(" 'wasm-unsafe-eval'", "")
    with serve(demo_build[1], policy=policy) as url:
        context = _context(chromium)
        try:
            page = context.new_page()
            page.goto(url + "/search/?q=" + word)
            if wasm:
                assert post in _result_links(page, word)
                assert page.evaluate("window.cspViolations") == []
            else:
                # WebAssembly is refused: the page says search could not start and keeps its
                # links to the tags and the archive.
                expect(page.locator("#search-status")).to_contain_text("could not start")
                assert page.locator("#search-fallback").is_visible()
                assert page.locator("#search-results li").count() == 0
        finally:
            context.close()
