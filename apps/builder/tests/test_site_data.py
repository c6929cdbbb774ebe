"""Site data reaches every template: `[extra]` of octavo.toml as `site.extra`, the files of
`data/` as `site.data`; any edit to either makes every page again, the no-op answer included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo import Builder, main

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
LONG_AGO = 1_600_000_000  # a file time well outside the "racy" window
# A base template that prints the site's data on every page.
BASE = (
    '{% extends "theme/base.html" %}{% block footer %}'
    '<p class="data">{{ site.extra.motto }} / {{ site.data.authors.ada.name }}'
    " / {{ site.data.team|join(',') }} / {{ config.extra.motto }}</p>{% endblock %}\n"
)


def make_site(root: Path, extra: str = 'motto = "Hi"') -> Path:
    (root / "content").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "data" / "authors").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG + f"[extra]\n{extra}\n")
    (root / "templates" / "base.html").write_text(BASE)
    (root / "data" / "authors" / "ada.yaml").write_text("name: Ada Lovelace\n")
    (root / "data" / "team.json").write_text('["Ada", "Grace"]')
    (root / "content" / "a.md").write_text("---\ntitle: A\ndate: 2024-01-01\n---\nText.\n")
    age(root)
    return root


def age(root: Path) -> None:
    """Date every file of the site long ago, as files are between a user's edits."""
    for path in root.rglob("*"):
        os.utime(path, (LONG_AGO, LONG_AGO))


def shown(site: Path, page: str = "posts/a/index.html") -> str:
    text = (site / "public" / page).read_text()
    return text.split('<p class="data">')[1].split("</p>")[0]


def test_extra_and_data_files_reach_every_template(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    for page in ("posts/a/index.html", "index.html", "archive/index.html", "404.html"):
        assert shown(site, page) == "Hi / Ada Lovelace / Ada,Grace / Hi"


def test_an_edit_to_a_data_file_makes_every_page_again(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    assert Builder(site).build().rendered == 0  # up to date
    (site / "data" / "authors" / "ada.yaml").write_text("name: Ada King\n")
    age(site)
    report = Builder(site).build()
    assert report.written > 3
    assert shown(site) == "Hi / Ada King / Ada,Grace / Hi"
    assert shown(site, "tags/index.html") == "Hi / Ada King / Ada,Grace / Hi"


def test_a_new_data_file_is_seen_by_the_no_op_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "s")
    assert main(["build", str(site)]) == 0
    (site / "data" / "team.json").unlink()
    (site / "data" / "team.toml").write_text('lead = "Grace"\n')
    age(site)
    capsys.readouterr()
    assert main(["build", str(site)]) == 0
    assert "(up to date)" not in capsys.readouterr().out
    assert shown(site) == "Hi / Ada Lovelace / lead / Hi"  # a table joins its keys


def test_an_edit_to_extra_makes_every_page_again(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    (site / "octavo.toml").write_text(CONFIG + '[extra]\nmotto = "Bye"\n')
    age(site)
    assert Builder(site).build().ok
    assert shown(site) == "Bye / Ada Lovelace / Ada,Grace / Bye"


def test_bad_data_files_are_errors_naming_each_file_and_line(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    (site / "data" / "broken.yaml").write_text("a: 1\nb: [\n")
    (site / "data" / "team.yaml").write_text("- Linus\n")  # team.json gives site.data.team
    (site / "data" / "authors.toml").write_text('x = "y"\n')  # the folder authors/ gives it
    (site / "data" / "notes.csv").write_text("a,b\n")
    (site / "data" / ".DS_Store").write_bytes(b"\0")
    report = Builder(site).build()
    assert not report.ok
    found = {(problem.path, problem.line, problem.severity) for problem in report.problems}
    assert found == {
        ("data/broken.yaml", 2, "error"),
        ("data/team.yaml", None, "error"),
        ("data/authors/ada.yaml", None, "error"),
        ("data/notes.csv", None, "warning"),
    }
    (clash,) = [p for p in report.problems if p.path == "data/team.yaml"]
    assert "data/team.json" in clash.message
    (folder,) = [p for p in report.problems if p.path == "data/authors/ada.yaml"]
    assert "data/authors.toml" in folder.message


def test_the_output_may_not_be_the_data_folder(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    report = Builder(site, site / "data" / "out").build()
    assert not report.ok and "data" in report.errors[0].message
