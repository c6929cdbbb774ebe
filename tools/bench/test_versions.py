"""The two-revision benchmark: each side runs its own code, and a tiny run reports the right shape.

The end-to-end test builds a 30-post site six times (HEAD and the working tree, three scenarios):
about 10 s on two cores.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import versions

ROW = re.compile(
    r"^\| `(?P<scenario>[a-z-]+)` \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d× \| \d+\.\d\d× "
    r"\| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d× \|$"
)


def _worktrees() -> str:
    return versions._git("worktree", "list")


def _sources_edited() -> bool:
    return bool(versions._git("status", "--porcelain", "--", "packages", "apps"))


def test_each_side_imports_its_own_code() -> None:
    with versions.workdir() as work:
        old = versions.checkout("HEAD", work / "before-src")
        for root in (old, versions.REPO):
            found = versions.imported_from(root)
            assert set(found) == set(versions.ENGINE_MODULES)
            for name, path in found.items():
                assert path.is_relative_to(root.resolve()), (name, path)
        assert str(work) in _worktrees()
    assert str(work) not in _worktrees()
    assert not work.exists()


def test_quick_run_against_head_reports_every_scenario(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code = versions.main(["--before", "HEAD", "--quick", "--posts", "30", "--out", str(out)])
    text = out.read_text(encoding="utf-8")
    assert code == 0, text
    lines = text.splitlines()
    assert lines[0] == "## Octavo before and after (30 posts, median of 1 round(s))"
    assert lines[2].startswith("- before: ")
    assert lines[3].startswith("- after: working tree at ")
    rows = [m["scenario"] for line in lines if (m := ROW.match(line))]
    assert rows == ["cold", "noop", "edit-body"]
    verdict = next(line for line in lines if line.startswith("Output after cold: "))
    if _sources_edited():
        # Others' uncommitted work may change pages on purpose; the verdict must still be given.
        assert re.match(r"Output after cold: (identical|DIFFERENT)", verdict), verdict
    else:
        # The same sources on both sides: every page byte for byte the same.
        assert verdict.startswith("Output after cold: identical, "), verdict
    assert "octavo-versions-" not in _worktrees()


def test_trees_compare_bytes_and_ignore_the_writers_bookkeeping(tmp_path: Path) -> None:
    for side, body in (("a", b"same"), ("b", b"same")):
        (tmp_path / side / "posts" / "x").mkdir(parents=True)
        (tmp_path / side / "posts" / "x" / "index.html").write_bytes(body)
        (tmp_path / side / ".octavo-staging").mkdir()
        (tmp_path / side / ".octavo-staging" / side).write_bytes(b"")
    (tmp_path / "b" / ".octavo-manifest").write_bytes(b"only b")
    same = versions.compare_trees(tmp_path / "a", tmp_path / "b")
    assert same.identical
    assert same.files == 1
    assert versions.output_line([same]).startswith("Output after cold: identical, 1 files")

    (tmp_path / "b" / "posts" / "x" / "index.html").write_bytes(b"other")
    (tmp_path / "b" / "feed.xml").write_bytes(b"")
    diff = versions.compare_trees(tmp_path / "a", tmp_path / "b")
    assert diff.differing == ("posts/x/index.html",)
    assert diff.only_after == ("feed.xml",)
    assert versions.output_line([diff]).startswith("Output after cold: DIFFERENT in 1 of 1")


def test_unknown_scenario_is_refused_before_anything_is_checked_out() -> None:
    with pytest.raises(SystemExit, match="edit-tags"):
        versions.main(["--before", "HEAD", "--scenarios", "cold,edit-tags"])
