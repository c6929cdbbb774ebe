"""Bad input: every error of a build reported together, with file, line, field and a hint;
exit code 1; the previous output left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import Builder, main

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
GOOD = "---\ntitle: Good\ndate: 2024-01-01\ntags: [a]\n---\nBody.\n"

BAD_FILES: dict[str, bytes] = {
    "no-title.md": b"---\ndate: 2024-01-01\n---\nBody\n",
    "bad-date.md": b"---\ntitle: Bad date\ndate: 2024-13-45\n---\nBody\n",
    "bad-tags.md": b"---\ntitle: Bad tags\ndate: 2024-01-01\ntags: {a: 1}\n---\nBody\n",
    "unterminated.md": b"---\ntitle: Open\ndate: 2024-01-01\nBody\n",
    "bad-yaml.md": b"---\ntitle: Bad yaml\ndate: 2024-01-01\ntags: [a, b\n---\nBody\n",
    "bad-toml.md": b'+++\ntitle = "Bad toml"\ndate = 2024-01-01\ntags = [a]\n+++\nBody\n',
    "latin1.md": "---\ntitle: Caf\xe9\ndate: 2024-01-01\n---\nBody\n".encode("latin-1"),
    "same-a.md": b"---\nurl: /posts/same/\ntitle: Same\ndate: 2024-01-01\n---\nOne\n",
    "same-b.md": b"---\ntitle: Other\nslug: same\ndate: 2024-01-02\n---\nTwo\n",
}

# file -> (line, words the message must hold)
EXPECTED: dict[str, tuple[int, tuple[str, ...]]] = {
    "no-title.md": (1, ("title", "required")),
    "bad-date.md": (3, ("date", "2024-13-45", "2024-05-01")),
    "bad-tags.md": (4, ("tags", "list")),
    "unterminated.md": (1, ("front matter", "---")),
    "bad-yaml.md": (4, ("YAML",)),
    "bad-toml.md": (4, ("TOML",)),
    "latin1.md": (2, ("UTF-8",)),
    "same-a.md": (2, ("/posts/same/", "same-a.md", "same-b.md")),
    "same-b.md": (3, ("/posts/same/", "same-a.md", "same-b.md")),
}


def make_site(root: Path, files: dict[str, bytes], config: str = CONFIG) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(config)
    for name, data in files.items():
        (root / "content" / name).write_bytes(data)
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_all_errors_come_together_with_path_line_and_hint(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"good.md": GOOD.encode(), **BAD_FILES})
    report = Builder(site).build()
    assert not report.ok
    for name, (line, words) in EXPECTED.items():
        mine = [error for error in report.errors if error.path == f"content/{name}"]
        assert mine, f"no error reported for {name}"
        error = mine[0]
        text = str(error)
        assert error.line == line, text
        assert text.startswith(f"content/{name}:{line}: "), text
        assert error.hint, text
        for word in words:
            assert word in text, f"{word!r} missing from: {text}"


def test_failed_build_exits_1_and_leaves_the_previous_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site", {"good.md": GOOD.encode()})
    assert main(["build", str(site)]) == 0
    before = snapshot(site / "public")
    assert "index.html" in before

    (site / "content" / "bad-date.md").write_bytes(BAD_FILES["bad-date.md"])
    (site / "content" / "no-title.md").write_bytes(BAD_FILES["no-title.md"])
    capsys.readouterr()
    assert main(["build", str(site)]) == 1
    printed = capsys.readouterr().err
    assert "content/bad-date.md:3: date:" in printed
    assert "content/no-title.md:1: title:" in printed
    assert "2 errors" in printed
    assert snapshot(site / "public") == before
    assert sorted(p.name for p in site.iterdir()) == [".octavo", "content", "octavo.toml", "public"]


def test_unknown_key_is_a_warning_with_did_you_mean_and_an_error_when_strict(
    tmp_path: Path,
) -> None:
    # (`tag`, the singular, is Jekyll's key for one tag: read, not a typo.)
    post = b"---\ntitle: T\ndate: 2024-01-01\ntgas: [x]\n---\nBody\n"
    lenient = Builder(make_site(tmp_path / "a", {"p.md": post})).build()
    assert lenient.ok
    (warning,) = [w for w in lenient.warnings if w.path == "content/p.md"]
    assert warning.line == 4
    assert warning.hint is not None and "tags" in warning.hint

    strict = Builder(
        make_site(tmp_path / "b", {"p.md": post}, CONFIG + "strict_front_matter = true\n")
    ).build()
    (error,) = strict.errors
    assert (error.path, error.line, error.field) == ("content/p.md", 4, "tgas")
    assert "did you mean 'tags'" in str(error)


def test_bad_config_is_reported_with_its_line(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"good.md": GOOD.encode()}, CONFIG + "per_page = 0\n")
    (error,) = Builder(site).build().errors
    assert str(error).startswith(f"{site / 'octavo.toml'}:4: per_page:")


def test_output_folder_holding_the_content_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"good.md": GOOD.encode()})
    for output in (site, site / "content", tmp_path):
        report = Builder(site, output).build()
        assert not report.ok
        assert "Octavo will not write there" in str(report.errors[0])
    assert snapshot(site / "content") == {"good.md": GOOD.encode()}


def test_output_folder_with_files_octavo_did_not_write_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"good.md": GOOD.encode()})
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    report = Builder(site, mine).build()
    assert not report.ok
    assert "notes.txt" in str(report.errors[0])
    assert (mine / "notes.txt").read_text() == "keep me"
