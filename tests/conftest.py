"""Fixtures shared by the cross-package tests: the repository, the demo build, the HTML checker."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from octavo import Builder, BuildReport

sys.path.insert(0, str(Path(__file__).parent))  # so tests can import sitecheck

from browser import CHROMIUM, CHROMIUM_ARGS
from edgesite import write_edge_site
from sitecheck import DEMO, REPO, VNU_JAR

# The benchmark's corpus generator: deterministic posts with code, lists, odd and non-ASCII tags.
CORPUS_SCRIPT = REPO / "tools" / "bench" / "corpus.py"
CORPUS_POSTS = 300


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    """The demo site built once into a temporary folder."""
    output = tmp_path_factory.mktemp("demo") / "public"
    report = Builder(DEMO, output, now=datetime(2026, 11, 26, tzinfo=UTC)).build()
    assert report.ok, "\n".join(str(problem) for problem in report.problems)
    return report, output


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The Nu Html Checker, installed from npm on first use (package.json pins it)."""
    if not VNU_JAR.is_file():
        npm = shutil.which("npm")
        assert npm, "the HTML validation tests need npm (Node.js) to install vnu-jar"
        subprocess.run([npm, "install", "--no-audit", "--no-fund"], cwd=REPO, check=True)
    assert shutil.which("java"), "the HTML validation tests need Java 17 or newer on PATH"
    return VNU_JAR


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    """A generated 300-post site (tools/bench/corpus.py) built once into a temporary folder."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(CORPUS_SCRIPT), "--posts", str(CORPUS_POSTS), "--out", str(folder)],
        check=True,
        capture_output=True,
    )
    output = folder / "public"
    report = Builder(folder / "octavo", output, now=datetime(2100, 1, 1, tzinfo=UTC)).build()
    assert report.ok, "\n".join(str(problem) for problem in report.problems)
    assert report.posts == CORPUS_POSTS
    return report, output


@pytest.fixture(scope="session")
def edge_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    """The edge site (raw HTML, wide code, a draft, breakout titles), built with drafts."""
    site = write_edge_site(tmp_path_factory.mktemp("edge"))
    output = site / "public"
    report = Builder(
        site, output, include_drafts=True, now=datetime(2025, 1, 1, tzinfo=UTC)
    ).build()
    assert report.ok, "\n".join(str(problem) for problem in report.problems)
    return report, output


# Module scope: the browser tests live in one module, so this is one browser per session, and it
# closes before later modules run (Playwright's sync API holds an event loop while it is open).
@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One headless Debian Chromium for the browser tests, driven by Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
