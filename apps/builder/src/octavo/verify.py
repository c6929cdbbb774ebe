"""`octavo build --verify`: the output of an incremental build must equal a clean build's."""

from __future__ import annotations

import filecmp
import tempfile
from pathlib import Path

from octavo.builder import Builder
from octavo.layout import manifest_path
from octavo.moves import recorded_moves


def tree_differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two folders: missing on a side, or other bytes."""

    def files(root: Path) -> set[str]:
        return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}

    ours, theirs = files(left), files(right)
    differences = [f"only in {left}: {name}" for name in sorted(ours - theirs)]
    differences += [f"only in {right}: {name}" for name in sorted(theirs - ours)]
    differences += [
        f"differs: {name}"
        for name in sorted(ours & theirs)
        if not filecmp.cmp(left / name, right / name, shallow=False)
    ]
    return differences


def verify(builder: Builder) -> list[str]:
    """Build `builder`'s site again from nothing into a temporary folder; list what differs."""
    with tempfile.TemporaryDirectory(prefix="octavo-verify-") as scratch:
        output = Path(scratch).resolve() / "clean"
        try:
            clean = Builder(
                builder.paths.root,
                output,
                include_drafts=builder.include_drafts,
                now=builder.now,
                jobs=builder.jobs,
                use_cache=False,
                compress=builder.compress,
                base_url=builder.base_url,
                search=builder.search,
                # A clean build has no history: it keeps the redirects the output's build kept.
                moved=recorded_moves(builder.paths),
            ).build()
            if not clean.ok:
                return [str(error) for error in clean.errors]
            return tree_differences(builder.paths.output, output)
        finally:
            # The clean build's record goes with its folder.
            manifest_path(builder.paths.records, output).unlink(missing_ok=True)
