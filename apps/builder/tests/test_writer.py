"""The writer: all or nothing, and only what it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import OutputWriter


def test_publish_swaps_in_the_new_build_whole(tmp_path: Path) -> None:
    out = tmp_path / "public"
    first = OutputWriter(out)
    first.start()
    first.write("/", b"one")
    first.write("/old/", b"old")
    first.publish()
    second = OutputWriter(out)
    assert second.problems() == []
    second.start()
    second.write("/", b"two")
    assert (out / "index.html").read_bytes() == b"one"  # untouched until publish
    second.publish()
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_abandon_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "public"
    writer = OutputWriter(out)
    writer.start()
    writer.write("/a.txt", b"a")
    writer.publish()
    failed = OutputWriter(out)
    failed.start()
    failed.write("/a.txt", b"changed")
    failed.abandon()
    assert (out / "a.txt").read_bytes() == b"a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


@pytest.mark.parametrize("url", ["/../escape.txt", "/a/../../escape.txt"])
def test_nothing_is_written_outside_the_output(tmp_path: Path, url: str) -> None:
    writer = OutputWriter(tmp_path / "public")
    writer.start()
    with pytest.raises(ValueError, match="outside the output folder"):
        writer.write(url, b"x")
    assert not (tmp_path / "escape.txt").exists()
