"""Request paths to files: each way of leaving the root is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo_server.paths import Found, Malformed, Missing, Redirect, lookup, real_root


@pytest.fixture
def root(built: Path, tmp_path: Path) -> str:
    secret = tmp_path / "secret.txt"
    secret.write_text("outside\n")
    (tmp_path / "secret-dir").mkdir()
    (tmp_path / "secret-dir" / "index.html").write_text("outside\n")
    (built / "escape.txt").symlink_to(secret)
    (built / "escape-dir").symlink_to(tmp_path / "secret-dir")
    (built / "inside.txt").symlink_to(built / "robots.txt")
    os.mkfifo(built / "pipe.txt")
    return real_root(built)


def test_a_file_a_folder_and_its_index_are_found(root: str) -> None:
    assert lookup(root, "/robots.txt") == Found(str(Path(root, "robots.txt")))
    assert lookup(root, "/") == Found(str(Path(root, "index.html")))
    assert lookup(root, "/tags/python/") == Found(str(Path(root, "tags/python/index.html")))


def test_redirects_are_built_from_checked_segments(root: str) -> None:
    assert lookup(root, "/tags/python") == Redirect("/tags/python/")
    # Empty segments are dropped, so the Location can never be `//host/...` (an open redirect).
    assert lookup(root, "//tags//python") == Redirect("/tags/python/")


def test_missing_files_and_a_file_with_a_slash_are_missing(root: str) -> None:
    assert lookup(root, "/nothing.html") == Missing()
    assert lookup(root, "/robots.txt/") == Missing()
    assert lookup(root, "/robots.txt/x") == Missing()


@pytest.mark.parametrize(
    "path",
    [
        "/../etc/passwd",  # dot-dot
        "/tags/../../etc/passwd",
        "/./robots.txt",
        "/%2e%2e/etc/passwd",  # double-encoded dots: what is left after one decoding
        "/%2E%2E%2Fetc%2Fpasswd",
        "/..%2fetc/passwd",
        "/..\\..\\etc\\passwd",  # backslashes
        "/robots.txt\x00.html",  # NUL
        "/robots.txt%00",
        "/tags/\npython/",  # control characters
    ],
)
def test_traversal_and_smuggled_characters_are_malformed(root: str, path: str) -> None:
    assert lookup(root, path) == Malformed()


@pytest.mark.parametrize(
    "path",
    [
        "//etc/passwd",  # absolute paths stay under the root
        "/etc/passwd",
        "/escape.txt",  # symlinks that leave the root
        "/escape-dir/",
        "/escape-dir/index.html",
        "/.octavo-manifest",  # hidden files
        "/pipe.txt",  # a FIFO would block the reader
    ],
)
def test_absolute_paths_symlinks_out_hidden_and_special_files_are_missing(
    root: str, path: str
) -> None:
    assert lookup(root, path) == Missing()


def test_a_symlink_inside_the_root_is_followed(root: str) -> None:
    assert lookup(root, "/inside.txt") == Found(str(Path(root, "robots.txt")))


def test_a_root_that_is_not_a_folder_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        real_root(tmp_path / "nothing")
