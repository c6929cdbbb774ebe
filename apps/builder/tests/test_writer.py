"""The writer: all or nothing, never rewriting unchanged bytes, deleting only what it wrote."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import brotli
import pytest

from octavo import OutputWriter
from octavo.layout import LEGACY_MANIFEST, manifest_path, updating_path


def writer_of(out: Path, *, compress: bool = False) -> OutputWriter:
    """A writer of `out` whose records go to `records` beside it, as a site's `.octavo` does."""
    return OutputWriter(out, records=out.parent / "records", compress=compress)


def publish(out: Path, pages: dict[str, bytes], changed: list[str] | None = None) -> OutputWriter:
    writer = writer_of(out)
    writer.start()
    for url in pages if changed is None else changed:
        writer.put(url, pages[url])
    files = [file for url in pages for file in writer.files_of(url)]
    writer.commit(files, list(pages) if changed is None else changed)
    writer.finish()
    return writer


def test_first_build_is_swapped_in_whole(tmp_path: Path) -> None:
    out = tmp_path / "public"
    writer = writer_of(out)
    writer.start()
    writer.put("/", b"one")
    assert not out.exists()  # nothing visible before commit
    writer.commit(["index.html"], ["/"])
    assert (out / "index.html").read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "records"]


def test_update_replaces_changed_files_and_removes_what_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/": b"one", "/old/": b"old", "/same.txt": b"same"})
    same = (out / "same.txt").stat()
    publish(out, {"/": b"two", "/same.txt": b"same"}, changed=["/"])
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "old").exists()
    assert (out / "same.txt").stat().st_mtime_ns == same.st_mtime_ns  # not rewritten
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "same.txt"]


def test_abandoned_update_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/a.txt": b"a"})
    failed = writer_of(out)
    failed.start()
    failed.put("/a.txt", b"changed")
    failed.abandon()
    assert (out / "a.txt").read_bytes() == b"a"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]
    # The folder is still the build recorded: the next build trusts what it knows of it.
    again = writer_of(out).previous
    assert again is not None
    assert not again.interrupted


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
    (problem,) = writer_of(out).problems()
    assert "notes.txt" in problem.message
    assert writer_of(tmp_path / "empty").problems() == []


def test_compressed_copies_decode_to_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "public"
    writer = writer_of(out, compress=True)
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
    writer = writer_of(tmp_path / "public")
    writer.start()
    with pytest.raises(ValueError, match="outside the output folder"):
        writer.put(url, b"x")
    assert not (tmp_path / "escape.txt").exists()


def test_the_manifest_and_the_update_marker_are_kept_with_the_records(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/": b"one", "/a.txt": b"a"})
    records = tmp_path / "records"
    manifest = manifest_path(records, out)
    assert manifest.parent == records / "outputs"
    assert manifest.read_text().splitlines()[2:] == ["a.txt", "index.html"]
    update = writer_of(out)
    update.start()
    update.put("/", b"two")
    update.commit(["index.html", "a.txt"], ["/"])
    assert updating_path(records, out).exists()  # until the build's records are saved
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "index.html"]
    update.finish()
    assert not updating_path(records, out).exists()
    assert manifest_path(records, tmp_path / "other") != manifest


def test_a_folder_whose_record_was_deleted_is_refused_with_a_hint(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/": b"one"})
    manifest_path(tmp_path / "records", out).unlink()
    (problem,) = writer_of(out).problems()
    assert "index.html" in problem.message
    assert problem.hint is not None
    assert "record" in problem.hint
    assert "delete the folder" in problem.hint


def test_a_replaced_folder_is_not_taken_for_the_recorded_one(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/": b"one", "/a.txt": b"a"})
    shutil.rmtree(out)
    out.mkdir()  # may well get the deleted folder's inode number
    (out / "a.txt").write_text("mine")
    writer = writer_of(out)
    previous = writer.previous
    assert previous is None or previous.interrupted  # never trusted as the recorded build
    shutil.rmtree(out)
    assert writer_of(out).previous is None


def test_a_folder_changed_by_another_hand_is_kept_but_not_trusted(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish(out, {"/": b"one"})
    (out / "CNAME").write_text("blog.example.org")
    previous = writer_of(out).previous
    assert previous is not None
    assert previous.interrupted  # what the cache recorded of the folder may be stale
    publish(out, {"/": b"one"}, changed=[])
    previous = writer_of(out).previous
    assert previous is not None
    assert not previous.interrupted
    assert (out / "CNAME").exists()


def test_a_manifest_an_older_writer_kept_in_the_output_is_moved_out(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "a.txt").write_text("a")
    (out / "b.txt").write_text("b")
    (out / LEGACY_MANIFEST).write_text("octavo-manifest 2 0123abcd\na.txt\nb.txt\n")
    previous = writer_of(out).previous
    assert previous is not None
    assert previous.legacy
    assert previous.interrupted  # nothing the cache recorded of it is trusted
    publish(out, {"/a.txt": b"a"})
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]
    assert manifest_path(tmp_path / "records", out).is_file()
