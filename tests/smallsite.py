"""Small sites for the cross-package tests: a config and a few posts, built once, warnings kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from octavo import Builder, BuildReport

BASE_URL = "https://example.org/"
# Builds happen "now" at a fixed day, after every post's date: none is scheduled.
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def post(title: str, body: str, *, date: str = "2024-05-01", front: str = "") -> str:
    """Given a title and a Markdown body, returns a post file's text (`front`: more keys)."""
    return f"---\ntitle: {title}\ndate: {date}\n{front}---\n{body}"


def write_site(root: Path, posts: dict[str, str], *, title: str = "Test") -> Path:
    """Given a folder and post files by name (under content/), writes the site; returns it."""
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        f'title = "{title}"\nbase_url = "{BASE_URL}"\ntimezone = "UTC"\n'
    )
    for name, text in posts.items():
        (root / "content" / name).write_text(text)
    return root


def build(root: Path) -> BuildReport:
    """Given a site, builds it into its public/ folder; returns the report, which must be ok."""
    report = Builder(root, now=NOW).build()
    assert report.ok, [str(problem) for problem in report.problems]
    return report
