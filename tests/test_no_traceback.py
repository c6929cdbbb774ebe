"""Issue 8's acceptance, as a user meets it: `octavo build`, run as a command on one input of each
category that used to print a Python traceback, exits 1 with `path:line: field: message (hint)`
lines (or builds), and never prints a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
GOOD = "---\ntitle: Good\ndate: 2024-01-01\n---\nBody.\n"


def post(front: str, body: str = "Body.") -> str:
    return f"---\n{front}\n---\n{body}\n"


def make_site(root: Path, files: dict[str, str | bytes], config: str = CONFIG) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(config)
    for name, data in {"good.md": GOOD, **files}.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data)
    return root


def octavo(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "octavo", "build", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


LONG = "x" * 256
Setup = Callable[[Path], tuple[Path, list[str]]]


def site_with(files: dict[str, str | bytes], config: str = CONFIG) -> Setup:
    def setup(root: Path) -> tuple[Path, list[str]]:
        return make_site(root / "site", files, config), []

    return setup


def permalink(pattern: str, key: str = "post") -> Setup:
    return site_with({}, CONFIG + f'[permalinks]\n{key} = "{pattern}"\n')


def non_utf8_name(root: Path) -> tuple[Path, list[str]]:
    site = make_site(root / "site", {})
    (site / "content" / os.fsdecode(b"caf\xe9.md")).write_text(GOOD)
    return site, []


def folder_named_md(root: Path) -> tuple[Path, list[str]]:
    site = make_site(root / "site", {})
    (site / "content" / "x.md").mkdir()
    (root / "elsewhere").mkdir()
    (site / "content" / "y.md").symlink_to(root / "elsewhere")
    return site, []


def output_at(where: str) -> Setup:
    def setup(root: Path) -> tuple[Path, list[str]]:
        site = make_site(root / "site", {})
        (root / "a-file").write_text("x")
        return site, ["-o", where.replace("SITE", str(site)).replace("ROOT", str(root))]

    return setup


def clash(root: Path) -> tuple[Path, list[str]]:
    site = make_site(root / "site", {})
    (site / "static" / "feed.xml").mkdir(parents=True)
    (site / "static" / "feed.xml" / "x.txt").write_text("x")
    return site, []


def corrupt_cache(root: Path) -> tuple[Path, list[str]]:
    site = make_site(root / "site", {})
    subprocess.run([sys.executable, "-m", "octavo", "build", str(site)], check=True)
    (site / ".octavo" / "cache.sqlite").write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)
    (site / "content" / "new.md").write_text(GOOD.replace("Good", "New"))
    return site, []


CASES: dict[str, Setup] = {
    "long title": site_with({"t.md": post(f"title: {LONG}\ndate: 2024-01-01")}),
    "long tag": site_with({"t.md": post(f"title: T\ndate: 2024-01-01\ntags: [{LONG}]")}),
    "long slug": site_with({"t.md": post(f"title: T\ndate: 2024-01-01\nslug: {LONG}")}),
    "first day": site_with({"t.md": post("title: T\ndate: 0001-01-01T00:00:00-05:00")}),
    "last day": site_with({"t.md": post("title: T\ndate: 9999-12-31T23:59:59+14:00")}),
    "yaml bomb": site_with(
        {"t.md": post('title: T\ndate: 2024-01-01\na: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]')}
    ),
    "duplicate key": site_with({"t.md": post("title: T\ndate: 2024-01-01\ntitle: U")}),
    "non-UTF-8 name": non_utf8_name,
    "folder named x.md": folder_named_md,
    "lone brace": permalink("/posts/{slug/"),
    "positional field": permalink("/posts/{0}/"),
    "dot-dot": permalink("/../{slug}/"),
    "slug in page": permalink("/page/{slug}/", "page"),
    "file/folder clash": clash,
    "output /": output_at("/"),
    "output in .octavo": output_at("SITE/.octavo"),
    "output below a file": output_at("ROOT/a-file/out"),
    "corrupt cache": corrupt_cache,
}

ERROR_LINE = re.compile(r"^error: \S.*?(:\d+)?: (\S+: )?.+", re.MULTILINE)


@pytest.mark.parametrize("case", CASES)
def test_a_mistake_is_told_as_an_error_never_a_traceback(tmp_path: Path, case: str) -> None:
    site, extra = CASES[case](tmp_path)
    done = octavo(site, *extra)
    printed = done.stdout + done.stderr
    assert "Traceback" not in printed, printed
    if done.returncode == 0:  # built: what it could not take was said as a warning
        assert case in ("corrupt cache",), printed
        assert "warning:" in printed
        return
    assert done.returncode == 1, printed
    assert ERROR_LINE.search(done.stderr), printed
