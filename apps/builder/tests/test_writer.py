"""The writer: all or nothing, never rewriting unchanged bytes, deleting only what it wrote."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from octavo import OutputWriter


def publish(out: Path, pages: dict[str, bytes], changed: list[str] | None = None) -> OutputWriter:
    writer = OutputWriter(out)
    writer.start()
    for url in pages if changed is None else changed:
        writer.put(url, pages[url])
    files = [file for url in pages for file in writer.files_of(url)]
    writer.commit(files, list(pages) if changed is None else changed)
    writer.finish()
    return writer


def test_first_build_is_swapped_in_whole(tmp_path: Path) -> None:
    out = tmp_path / "public"
    writer = OutputWriter(out)
    writer.start()
    writer.put("/", b"one")
    assert not out.exists()  # nothing visible before commit
    writer.commit(["index.html"], ["/"])
    assert (out / "index.html").read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_update_replaces_changed_files_and_removes_what_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/": b"one", "/old/": b"old", "/same.txt": b"same"})
    same = (out / "same.txt").stat()
    publish(out, {"/": b"two", "/same.txt": b"same"}, changed=["/"])
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "old").exists()
    assert (out / "same.txt").stat().st_mtime_ns == same.st_mtime_ns  # not rewritten
    assert sorted(p.name for p in out.iterdir()) == [".octavo-manifest", "index.html", "same.txt"]


def test_abandoned_update_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/a.txt": b"a"})
    failed = OutputWriter(out)
    failed.start()
    failed.put("/a.txt", b"changed")
    failed.abandon()
    assert (out / "a.txt").read_bytes() == b"a"
    assert sorted(p.name for p in out.iterdir()) == [".octavo-manifest", "a.txt"]


def test_files_the_user_added_to_a_built_folder_are_never_deleted(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/a.txt": b"a", "/b.txt": b"b"})
    (out / "CNAME").write_text("blog.example.org")
    publish(out, {"/a.txt": b"a"}, changed=[])
    assert (out / "CNAME").read_text() == "blog.example.org"
    assert not (out / "b.txt").exists()


def test_a_folder_octavo_did_not_build_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep")
    (problem,) = OutputWriter(out).problems()
    assert "notes.txt" in problem.message
    assert OutputWriter(tmp_path / "empty").problems() == []


def test_compressed_copies_decode_to_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "public"
    writer = OutputWriter(out, compress=True)
    writer.start()
    page = b"<!DOCTYPE html><title>x</title>" * 50
    writer.put("/", page)
    writer.put("/logo.png", b"\x89PNG")
    files = writer.files_of("/") + writer.files_of("/logo.png")
    writer.commit(files, ["/", "/logo.png"])
    assert gzip.decompress((out / "index.html.gz").read_bytes()) == page
    assert brotli.decompress((out / "index.html.br").read_bytes()) == page
    assert not (out / "logo.png.gz").exists()  # images are compressed already


@pytest.mark.parametrize("url", ["/../escape.txt", "/a/../../escape.txt"])
def test_nothing_is_written_outside_the_output(tmp_path: Path, url: str) -> None:
    writer = OutputWriter(tmp_path / "public")
    writer.start()
    with pytest.raises(ValueError, match="outside the output folder"):
        writer.put(url, b"x")
    assert not (tmp_path / "escape.txt").exists()
