"""Every file of a site is read, or the build fails naming it: nothing is silently taken as empty.

Tests run as root, which chmod 000 does not stop: the system's refusals are simulated at the
calls the walk and the reads make (`os.scandir`, `os.open`).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo import Builder, BuildReport, main
from octavo.freshness import site_state

NOW = datetime(2025, 1, 1, tzinfo=UTC)
CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def post(title: str, day: int = 1) -> str:
    return f"---\ntitle: {title}\ndate: 2024-01-{day:02d}\n---\nText of {title}.\n"


def make_site(root: Path) -> Path:
    (root / "content" / "2024").mkdir(parents=True)
    (root / "static").mkdir()
    (root / "octavo.toml").write_text(CONFIG)
    (root / "content" / "alpha.md").write_text(post("Alpha", 1))
    (root / "content" / "2024" / "beta.md").write_text(post("Beta", 2))
    (root / "static" / "notes.txt").write_text("notes\n")
    return root


def built(root: Path) -> BuildReport:
    return Builder(root, now=NOW).build()


def only_error(report: BuildReport) -> str:
    assert not report.ok
    (error,) = report.errors
    return str(error)


class Hung(Exception):
    """The build waited for too long."""


@pytest.fixture(autouse=True)
def never_hang() -> Iterator[None]:
    """A build that would wait forever on a FIFO fails the test instead."""

    def stop(*_: object) -> None:
        raise Hung  # not an OSError, which a read's caller might take for a read error

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`os.scandir` of `folder` fails as it does for a folder without read permission."""
    real_scandir = os.scandir
    refused = str(folder)

    def scandir(path: str) -> object:
        if os.fspath(path) == refused:
            raise PermissionError(13, "Permission denied", refused)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


# D4: an unreadable folder or file fails the build; the published pages stay.


@pytest.mark.parametrize(
    ("folder", "kept"),
    [
        ("content", "posts/alpha/index.html"),
        ("content/2024", "posts/beta/index.html"),
        ("static", "notes.txt"),
    ],
)
def test_an_unreadable_folder_fails_the_build_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, kept: str
) -> None:
    site = make_site(tmp_path / "site")
    assert built(site).ok
    refuse_listing(monkeypatch, site / folder)
    message = only_error(built(site))
    assert message.startswith(f"{folder}: could not be read (Permission denied)")
    assert "chmod" in message
    assert (site / "public" / kept).exists()


def test_the_command_fails_on_an_unreadable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    assert main(["build", str(site)]) == 0
    refuse_listing(monkeypatch, site / "content")
    assert main(["build", str(site)]) == 1
    assert "content: could not be read" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["content/alpha.md", "static/notes.txt"])
def test_an_unreadable_file_fails_the_build_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    site = make_site(tmp_path / "site")
    assert Builder(site, now=NOW, use_cache=False).build().ok
    real_open = os.open
    refused = str(site / name)

    def refusing_open(path: str, flags: int, *args: int, **kwargs: object) -> int:
        if os.fspath(path) == refused:
            raise PermissionError(13, "Permission denied", refused)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    (site / "content" / "2024" / "beta.md").write_text(post("Beta, again", 2))
    report = Builder(site, now=NOW, use_cache=False).build()
    assert not report.ok
    assert any(name in str(error) and "could not be read" in str(error) for error in report.errors)
    assert (site / "public" / "posts" / "alpha" / "index.html").exists()


# D7: only regular files are read; a FIFO, socket or device is an error naming it.


@pytest.mark.parametrize("name", ["content/pipe.md", "static/pipe", "templates/post.html"])
def test_a_fifo_is_an_error_not_a_hang(tmp_path: Path, name: str) -> None:
    site = make_site(tmp_path / "site")
    (site / "templates").mkdir()
    os.mkfifo(site / name)
    message = only_error(built(site))
    assert message.startswith(f"{name}: is a FIFO, not a regular file")


def test_a_fifo_for_a_config_file_does_not_hang_the_freshness_check(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "octavo.toml").unlink()
    os.mkfifo(site / "octavo.toml")
    site_state(site, site / "public", include_drafts=False, compress=False)


# D11: links are followed inside the site, refused when they lead out of it.


def test_a_content_folder_linked_outside_the_site_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    (site / "content").rename(elsewhere)
    (site / "content").symlink_to(elsewhere)
    message = only_error(built(site))
    assert message.startswith("content: is a link to a file or folder outside the site")


@pytest.mark.parametrize("name", ["content/linked", "static/linked", "templates/linked"])
def test_a_folder_linked_outside_the_site_is_refused(tmp_path: Path, name: str) -> None:
    site = make_site(tmp_path / "site")
    (site / "templates").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "gamma.md").write_text(post("Gamma", 3))
    (site / name).symlink_to(tmp_path / "elsewhere")
    message = only_error(built(site))
    assert message.startswith(f"{name}: is a link to a file or folder outside the site")


def test_a_template_linked_outside_the_site_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (tmp_path / "secret.html").write_text("secret\n")
    (site / "templates").mkdir()
    (site / "templates" / "404.html").symlink_to(tmp_path / "secret.html")
    message = only_error(built(site))
    assert message.startswith("templates/404.html: is a link to a file or folder outside")
    assert not (site / "public").exists()


def test_a_folder_linked_inside_the_site_is_followed(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "drafts").mkdir()
    (site / "drafts" / "gamma.md").write_text(post("Gamma", 3))
    (site / "content" / "more").symlink_to(site / "drafts")
    (site / "static" / "shared").symlink_to(site / "drafts")
    report = built(site)
    assert report.ok, report.errors
    assert report.posts == 3
    assert "Text of Gamma." in (site / "public" / "posts" / "gamma" / "index.html").read_text()
    assert (site / "public" / "shared" / "gamma.md").exists()


def test_a_link_to_a_folder_containing_it_is_an_error_not_an_endless_walk(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path / "site")
    (site / "content" / "2024" / "again").symlink_to(site / "content")
    message = only_error(built(site))
    assert message.startswith("content/2024/again: is a link to a folder that contains it")


def test_a_link_to_nothing_is_left_out_with_a_warning(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "content" / "later.md").symlink_to(tmp_path / "drafts" / "later.md")  # not there
    # An editor's lock (Emacs links .#alpha.md to nothing): a name starting with "." is not
    # the site's, so it is passed over without a word.
    (site / "content" / ".#alpha.md").symlink_to(tmp_path / "user@host.1234")
    report = built(site)
    assert report.ok, report.errors
    (warning,) = report.warnings
    assert warning.path == "content/later.md"
    assert "link to nothing" in warning.message


# D6: names that are not UTF-8, and folders named like posts.


@pytest.mark.parametrize("folder", ["content", "static"])
def test_a_name_that_is_not_utf8_is_an_error_showing_its_bytes(tmp_path: Path, folder: str) -> None:
    site = make_site(tmp_path / "site")
    Path(os.fsdecode(os.fsencode(site / folder) + b"/caf\xe9.md")).write_text(post("Cafe", 4))
    report = built(site)
    (error,) = report.errors
    assert error.path == f"{folder}/caf\\xe9.md"
    assert "not UTF-8" in error.message
    assert error.hint is not None and "rename" in error.hint


def test_a_folder_named_like_a_post_is_a_folder(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "content" / "bundle.md").mkdir()
    (site / "content" / "bundle.md" / "gamma.md").write_text(post("Gamma", 3))
    (site / "drafts").mkdir()
    (site / "drafts" / "delta.md").write_text(post("Delta", 4))
    (site / "content" / "linked.md").symlink_to(site / "drafts")
    report = built(site)
    assert report.ok, report.errors
    assert report.posts == 4
