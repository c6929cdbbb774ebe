"""Real READMEs from the npm registry, fetched at test time and built as posts (issue 11).

    hatch test tests/test_npm_readmes.py

The corpus is the 200 packages of `npmcorpus.PACKAGES` at their latest versions (kept a day in the
pytest cache): fetching takes about 30 s, the module two to three minutes on two cores. Each README
is a post titled with the package's name, tagged `npm` and its group; list pages show posts whole.
The figures of the last run are written to `test-artifacts/npm-readmes.json` (and printed with -s).

What each test counts, and why that is the engine's part:
- Nu Html Checker: every error on every page. The site leaves `raw_html` at its default (off), so
  the author's HTML is escaped as text and every element of every page comes from the engine or
  the theme: no error can be blamed on the README.
- Headings: no page skips a level going down, and each has one h1, first (`sitecheck`).
- Anchors: a README's link `[text](#x)` that GitHub resolves, because GitHub's id for one of its
  Markdown headings is `x` (GitHub's own slugger, `github-slugger`, over `markdown-it`, with -1, -2
  for repeats; GitHub writes `user-content-x` and resolves `#x` to it), must find an element with
  id `x` on the post's page. Links GitHub resolves only through raw HTML (`<a name="x">`,
  `<h1 align="center">`) cannot resolve with raw HTML escaped, by the site's choice, and links
  GitHub does not resolve either are the author's: both are counted in the figures, not failed.
- axe-core: no violation of serious or critical impact on a sample of post pages and list pages,
  light and dark.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import npmcorpus
import pytest
import sitecheck
from browser import SCHEMES, axe_violations, open_page, serve
from playwright.sync_api import Browser

from octavo import Builder

FIGURES = sitecheck.REPO / "test-artifacts" / "npm-readmes.json"
# Post pages axe looks at: every SAMPLE_STEP-th package, so each group is in the sample.
SAMPLE_STEP = 25
# How many problems a failure lists in full (the figures file has the counts of all).
SHOWN = 40


class _Anchors(HTMLParser):
    """The ids of a page, its heading ids in order, and its in-page links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.heading_ids: list[str] = []
        self.fragments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        anchor = values.get("id")
        if anchor:
            self.ids.add(anchor)
            if re.fullmatch(r"h[1-6]", tag):
                self.heading_ids.append(anchor)
        href = values.get("href")
        if tag == "a" and href and href.startswith("#"):
            self.fragments.append(unquote(href[1:]))


def _anchors(page: Path) -> _Anchors:
    parsed = _Anchors()
    parsed.feed(page.read_text("utf-8"))
    parsed.close()
    return parsed


class Corpus:
    """The built corpus: the READMEs, GitHub's anchors for each, the output and its pages."""

    def __init__(self, cache: Path, root: Path) -> None:
        self.readmes = npmcorpus.fetch_readmes(cache)
        self.github = npmcorpus.github_anchors(cache, self.readmes)
        npmcorpus.write_site(root, self.readmes)
        self.report = Builder(root, now=datetime(2030, 1, 1, tzinfo=UTC)).build()
        self.output = root / "public"
        self.pages = sitecheck.html_files(self.output)
        self.posts: dict[str, Path] = {}
        for page in (self.output / "posts").glob("*/index.html"):
            (posting,) = sitecheck.json_ld(page)
            self.posts[str(posting["headline"])] = page
        post_pages = set(self.posts.values())
        # Pages that show posts whole: home, tag and term pages, their later pages.
        self.lists = [
            page
            for page in self.pages
            if page not in post_pages and 'class="post-body' in page.read_text("utf-8")
        ]


@pytest.fixture(scope="module")
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The npm READMEs fetched (or taken from the pytest cache) and built once."""
    cache = request.config.cache
    assert cache is not None, "the npm README corpus keeps its downloads in the pytest cache"
    built = Corpus(cache.mkdir("npm-readmes"), tmp_path_factory.mktemp("npm-readmes") / "site")
    # Every other test would pass on an empty site: a build that fails fails them all.
    assert built.report.ok, _listed([str(error) for error in built.report.errors])
    return built


@pytest.fixture(scope="module")
def figures(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """The counts each test reports, written to FIGURES (and printed) when the module ends."""
    found: dict[str, Any] = {
        "packages": len(npmcorpus.all_packages()),
        "readmes": len(corpus.readmes),
        "pages": len(corpus.pages),
        "post_pages": len(corpus.posts),
        "list_pages": len(corpus.lists),
    }
    yield found
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    FIGURES.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nnpm README corpus figures ({FIGURES}):\n{json.dumps(found, indent=2)}")


def _listed(problems: list[str]) -> str:
    """Problems for a failure message: the count, then the first SHOWN of them."""
    more = f"\n... and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    return f"{len(problems)} problems:\n" + "\n".join(problems[:SHOWN]) + more


def test_every_package_gives_a_readme_and_every_readme_a_post(
    corpus: Corpus, figures: dict[str, Any]
) -> None:
    missing = [name for name in npmcorpus.all_packages() if name not in corpus.readmes]
    figures["build_warnings"] = len(corpus.report.warnings)
    assert missing == [], f"packages without a README in their tarball: {missing}"
    assert sorted(corpus.posts) == sorted(corpus.readmes)
    assert corpus.lists, "no list page shows the posts"


_NU_ERROR = re.compile(r"(?P<page>.+?\.html):[^:]*: (?P<message>.*)", re.DOTALL)


def _kind_of(error: str) -> str:
    """A checker error without its page, line and particulars (quoted values), to be counted."""
    match = _NU_ERROR.fullmatch(error)
    message = match.group("message") if match else error
    return re.sub(r"“[^”]*”", "“…”", message)


@pytest.mark.browser
def test_the_nu_html_checker_finds_no_error_on_any_page(
    corpus: Corpus, figures: dict[str, Any], vnu_jar: Path
) -> None:
    errors = sitecheck.nu_errors(vnu_jar, corpus.pages)
    pages = {match.group("page") for match in map(_NU_ERROR.fullmatch, errors) if match}
    kinds = Counter(_kind_of(error) for error in errors)
    figures["nu_errors"] = len(errors)
    figures["nu_error_pages"] = len(pages)
    figures["nu_errors_by_kind"] = dict(kinds.most_common())
    summary = "\n".join(f"{count:6} {kind}" for kind, count in kinds.most_common())
    assert errors == [], f"on {len(pages)} pages, by kind:\n{summary}\n{_listed(errors)}"


def test_no_page_skips_a_heading_level(corpus: Corpus, figures: dict[str, Any]) -> None:
    problems = [
        f"{page.relative_to(corpus.output)}: {problem.split(': ', 1)[1]}"
        for page in corpus.pages
        for problem in sitecheck.outline_problems(page)
    ]
    pages = {problem.split(":", 1)[0] for problem in problems}
    figures["outline_problems"] = len(problems)
    figures["outline_problem_pages"] = len(pages)
    figures["outline_problem_post_pages"] = len([page for page in pages if "posts/" in page])
    assert problems == [], _listed(problems)


def test_every_anchor_github_resolves_resolves_on_the_post_page(
    corpus: Corpus, figures: dict[str, Any]
) -> None:
    failures: list[str] = []
    counts = Counter[str]()
    for package, github in corpus.github.items():
        page = _anchors(corpus.posts[package])
        headings = github.heading_ids()
        for link in github.links:
            # GitHub looks for `user-content-` and the fragment in lower case (its ids are).
            wanted = link.fragment.lower()
            if wanted in headings:
                counts["github_heading"] += 1
                # As written, or rewritten by the build to the id it names in another case.
                if link.fragment in page.ids or (
                    link.fragment not in page.fragments and wanted in page.ids
                ):
                    counts["resolved"] += 1
                    continue
                heading = headings[wanted]
                near = difflib.get_close_matches(wanted, page.heading_ids, n=2, cutoff=0.5)
                failures.append(
                    f"{package} (README line {link.line}): #{link.fragment} is GitHub's id of "
                    f"heading {heading.text!r} (line {heading.line}); the page has no such id, "
                    f"its nearest heading ids: {near}"
                )
            elif wanted in github.raw_ids:
                counts["github_raw_html_only"] += 1
            else:
                counts["github_unresolved"] += 1
        counts["raw_html_links"] += len(github.raw_links)
    figures["anchor_links"] = sum(len(github.links) for github in corpus.github.values())
    figures["anchor_links_to_github_headings"] = counts["github_heading"]
    figures["anchor_links_resolved"] = counts["resolved"]
    figures["anchor_links_failing"] = len(failures)
    figures["anchor_links_github_resolves_through_raw_html_only"] = counts["github_raw_html_only"]
    figures["anchor_links_github_does_not_resolve"] = counts["github_unresolved"]
    figures["anchor_links_in_raw_html_escaped"] = counts["raw_html_links"]
    assert counts["github_heading"] > 500, "the corpus lost the links it is here to test"
    assert failures == [], _listed(failures)


def test_every_in_page_link_that_works_on_a_post_page_works_on_its_list_pages(
    corpus: Corpus, figures: dict[str, Any]
) -> None:
    """A list page shows posts whole, each post's ids and in-page links prefixed with its slug
    and a dash (so ten posts never clash): a link that works on the post's page works there."""
    on_posts = {page.parent.name: _anchors(page) for page in corpus.posts.values()}
    figures["in_page_links_broken_on_post_pages"] = sum(
        fragment not in page.ids for page in on_posts.values() for fragment in page.fragments
    )
    failures = []
    checked = 0
    for page in corpus.lists:
        shown = _ListedPosts()
        shown.feed(page.read_text("utf-8"))
        for slug, fragments in shown.fragments.items():
            for fragment in fragments:
                prefix = slug + "-"
                if not fragment.startswith(prefix):
                    failures.append(
                        f"{page.relative_to(corpus.output)}: {slug}: #{fragment} "
                        f"lacks the post's prefix {prefix!r}"
                    )
                elif fragment.removeprefix(prefix) in on_posts[slug].ids:
                    checked += 1
                    if fragment not in shown.ids:
                        failures.append(
                            f"{page.relative_to(corpus.output)}: {slug}: #{fragment} has no "
                            f"target, where #{fragment.removeprefix(prefix)} works on the post"
                        )
    figures["in_page_links_on_list_pages_checked"] = checked
    figures["in_page_links_on_list_pages_failing"] = len(failures)
    assert checked > 500, "the list pages lost the links this test is here for"
    assert failures == [], _listed(failures)


class _ListedPosts(HTMLParser):
    """A list page's ids, and the in-page links of each post it shows, by the post's slug."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.fragments: dict[str, list[str]] = {}
        self._slug: str | None = None
        self._in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        href = values.get("href") or ""
        if tag == "article":
            self._in_article, self._slug = True, None
        elif tag == "a" and self._in_article:
            post = re.fullmatch(r"/posts/([^/]+)/", href)
            if self._slug is None and post:
                self._slug = post.group(1)
                self.fragments.setdefault(self._slug, [])
            elif self._slug is not None and href.startswith("#"):
                self.fragments[self._slug].append(unquote(href[1:]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False


def _sample(corpus: Corpus) -> list[str]:
    """URL paths axe looks at: every SAMPLE_STEP-th post, the home page, a tag page."""
    posts = [corpus.posts[name] for name in npmcorpus.all_packages()[::SAMPLE_STEP]]
    pages = [*posts, corpus.output / "index.html", corpus.output / "tags" / "web" / "index.html"]
    return ["/" + page.parent.relative_to(corpus.output).as_posix() + "/" for page in pages]


@pytest.fixture(scope="module")
def origin(corpus: Corpus) -> Iterator[str]:
    with serve(corpus.output) as served:
        yield served


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_serious_or_critical_violation(
    corpus: Corpus, figures: dict[str, Any], chromium: Browser, origin: str, scheme: str
) -> None:
    found: list[str] = []
    for path in _sample(corpus):
        visit = open_page(chromium, origin, path, width=1280, scheme=scheme)
        try:
            found += [f"{path}: {violation}" for violation in axe_violations(visit.page)]
        finally:
            visit.page.context.close()
    serious = [line for line in found if "(serious)" in line or "(critical)" in line]
    figures[f"axe_pages_{scheme}"] = len(_sample(corpus))
    figures[f"axe_serious_or_critical_{scheme}"] = len(serious)
    figures[f"axe_other_{scheme}"] = Counter(
        line.split(": ", 2)[1].split(":", 1)[0] for line in found if line not in serious
    )
    assert serious == [], _listed(serious)
