"""`octavo build --base-url URL` and OCTAVO_BASE_URL: one build served from another address
(a deploy preview's), never mixed up with a build made for the config's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo import main
from octavo.cli import BASE_URL_VARIABLE

CONFIG_URL = "https://example.org/blog/"
PREVIEW_URL = "https://deploy-preview-7.example.net/"
OTHER_URL = "https://other.example.com/sub/"
LONG_AGO = 1_600_000_000
POST = (
    "---\ntitle: {title}\ndate: 2024-05-0{day}\ntags: [python, web]\n---\n"
    "See [{other}](/posts/{other}/).\n"
)


def make_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(f'title = "T"\nbase_url = "{CONFIG_URL}"\ntimezone = "UTC"\n')
    (root / "content" / "one.md").write_text(POST.format(title="one", day=1, other="two"))
    (root / "content" / "two.md").write_text(POST.format(title="two", day=2, other="one"))
    # Dated long ago, as between a user's edits: a file changed within the last moments makes
    # every build's signature unique, which would hide a missing part of the signature.
    for path in [root / "octavo.toml", *(root / "content").rglob("*")]:
        os.utime(path, (LONG_AGO, LONG_AGO))
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """The site's files in a built folder (not the builder's records)."""
    files = (path for path in folder.rglob("*") if path.is_file())
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in files
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    }


def page(site: Path) -> str:
    return (site / "public" / "posts" / "one" / "index.html").read_text()


@pytest.fixture(autouse=True)
def no_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BASE_URL_VARIABLE, raising=False)


def test_the_flag_overrides_the_config_for_that_build_only(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    assert main(["build", str(site), "--base-url", PREVIEW_URL]) == 0
    assert 'href="/posts/two/"' in page(site)
    assert "/blog/" not in page(site)
    assert main(["build", str(site)]) == 0
    assert 'href="/blog/posts/two/"' in page(site)


@pytest.mark.parametrize("first", [CONFIG_URL, PREVIEW_URL])
def test_a_build_for_another_address_equals_a_clean_build_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: str
) -> None:
    # With the address left out of the no-op signature or of the cache's keys, the second
    # build would answer "up to date" or reuse pages linking to the first address.
    site = make_site(tmp_path / "s")
    assert main(["build", str(site), "--base-url", first]) == 0
    capsys.readouterr()
    assert main(["build", str(site), "--base-url", OTHER_URL]) == 0
    assert "up to date" not in capsys.readouterr().out
    clean = tmp_path / "clean"
    assert main(["build", str(site), "-o", str(clean), "--no-cache", "--base-url", OTHER_URL]) == 0
    assert tree(site / "public") == tree(clean)
    assert 'href="/sub/posts/two/"' in page(site)
    # --verify builds again from nothing with the same address, and finds no difference.
    assert main(["build", str(site), "--verify", "--base-url", PREVIEW_URL]) == 0
    assert 'href="/posts/two/"' in page(site)


def test_the_variable_overrides_the_config_and_the_flag_overrides_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "s")
    monkeypatch.setenv(BASE_URL_VARIABLE, PREVIEW_URL)
    assert main(["build", str(site)]) == 0
    assert 'href="/posts/two/"' in page(site)
    assert main(["build", str(site), "--base-url", OTHER_URL]) == 0
    assert 'href="/sub/posts/two/"' in page(site)
    # An empty variable (a CI template left blank) leaves the config's address.
    monkeypatch.setenv(BASE_URL_VARIABLE, "")
    assert main(["build", str(site)]) == 0
    assert 'href="/blog/posts/two/"' in page(site)


@pytest.mark.parametrize("given", ["example.org/blog", "/blog/", "ftp://example.org/"])
def test_a_wrong_address_is_a_usage_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    given: str,
) -> None:
    site = make_site(tmp_path / "s")
    assert main(["build", str(site), "--base-url", given]) == 2
    error = capsys.readouterr().err
    assert "--base-url" in error and "not an absolute address" in error
    assert "Traceback" not in error
    monkeypatch.setenv(BASE_URL_VARIABLE, given)
    assert main(["build", str(site)]) == 2
    error = capsys.readouterr().err
    assert BASE_URL_VARIABLE in error and repr(given) in error
    assert not (site / "public").exists()


def test_the_builder_reports_a_wrong_address_given_to_it(tmp_path: Path) -> None:
    from octavo import Builder

    report = Builder(make_site(tmp_path / "s"), base_url="example.org").build()
    (problem,) = report.problems
    assert problem.field == "base_url" and "not an absolute address" in problem.message
    assert problem.path == "--base-url"
