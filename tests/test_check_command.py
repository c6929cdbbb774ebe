"""`octavo check`, run as a command: issue 11's acceptance, the demo, and the check judged by
the built site itself (every link of every post page followed in the output, as a browser would)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import sitecheck
from sitecheck import DEMO

from octavo import Builder

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def octavo(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "octavo", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def write(root: Path, files: dict[str, str]) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def post(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: 2024-01-01\n---\n{body}"


def test_a_broken_link_a_broken_anchor_and_a_missing_image_are_named_and_fail(
    tmp_path: Path,
) -> None:
    site = write(
        tmp_path / "site",
        {
            "content/hello.md": post(
                "Hello",
                "## Start here\n\nSee [the guide](/posts/guide/).\n\n"  # line 7
                "Jump to [the end](#the-end).\n\n"  # line 9
                "![A lighthouse](lighthouse.jpg)\n",  # line 11
            ),
        },
    )
    done = octavo("check", site)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "error: content/hello.md:7: link: '/posts/guide/' is not in the site" in done.stdout
    assert "error: content/hello.md:9: anchor: '#the-end' names no element" in done.stdout
    assert "error: content/hello.md:11: image: 'lighthouse.jpg' is not in the site" in done.stdout
    assert not (site / "public").exists()

    as_json = octavo("check", "--format", "json", site)
    assert as_json.returncode == 1
    assert [(item["line"], item["kind"]) for item in json.loads(as_json.stdout)] == [
        (7, "link"),
        (9, "anchor"),
        (11, "image"),
    ]


def test_the_demo_passes(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo, ignore=shutil.ignore_patterns("public", ".octavo"))
    done = octavo("check", demo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(": 0 errors, 0 warnings.\n")


def test_the_check_finds_exactly_the_links_a_reader_would_find_broken(tmp_path: Path) -> None:
    """Build the site, follow every link of every post page in the output, and compare."""
    site = write(
        tmp_path / "site",
        {
            "content/a.md": post(
                "A",
                "## Setup\n\n### Setup\n\nText[^1] and [dup](#setup-1), [gone](#setup-2).\n\n"
                "[B](/posts/b/) [B part](../b/#part-two) [B nothing](/posts/b/#part-three)\n\n"
                "[C](../c/) [source](b.md) [tags](/tags/) [feed](/feed.xml)\n\n"
                "[^1]: A note, [back to setup](#setup).\n",
            ),
            "content/b/index.md": post(
                "B",
                '## Part two\n\n<div id="raw">raw</div>\n\n[A](/posts/a/#setup)'
                " [raw](#raw) [pic](photo.png) [A's note](/posts/a/#fn-9)\n",
            ),
            "content/b/photo.png": "",
            "content/pages/about.md": "---\ntitle: About\n---\n[B](/posts/b/#part-two) [x](/x/)\n",
        },
    )
    (site / "octavo.toml").write_text(CONFIG + "raw_html = true\n")
    checked = octavo("check", "--format", "json", site)
    found = json.loads(checked.stdout)
    reported = Counter(item["file"] for item in found if item["kind"] in ("link", "anchor"))

    report = Builder(site).build()
    assert report.ok, report.errors
    output = site / "public"
    pages = {
        "content/a.md": output / "posts" / "a" / "index.html",
        "content/b/index.md": output / "posts" / "b" / "index.html",
        "content/pages/about.md": output / "about" / "index.html",
    }
    followed: Counter[str] = Counter()
    for problem in sitecheck.broken_links(output, "https://example.org/"):
        for source, page in pages.items():
            if problem.startswith(f"{page}: "):
                followed[source] += 1
    assert reported == followed
    assert sum(reported.values()) == 6  # #setup-2, #part-three, ../c/, b.md, #fn-9, /x/
    # The build warns of the same links the check calls errors.
    warned = Counter(w.path for w in report.warnings if w.field in ("link", "anchor"))
    assert warned == reported
