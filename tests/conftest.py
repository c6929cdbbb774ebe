"""Fixtures shared by the cross-package tests: the repository, the demo build, the HTML checker."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo import Builder, BuildReport

sys.path.insert(0, str(Path(__file__).parent))  # so tests can import sitecheck

from sitecheck import DEMO, REPO, VNU_JAR


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
