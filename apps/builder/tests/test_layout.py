"""The shared names: one module, which the no-op fast path imports without the engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import octavo_content
from octavo import layout


def test_the_config_file_is_named_alike_by_the_content_model() -> None:
    # The content model imports nothing of ours, so it keeps its own copy of the name.
    assert octavo_content.CONFIG_FILE == layout.CONFIG_FILE


def test_the_fast_path_loads_none_of_the_engine() -> None:
    code = (
        "import sys, octavo.cli, octavo.freshness, octavo.layout\n"
        "heavy = {'pydantic', 'jinja2', 'mistune', 'octavo_content'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_each_output_folder_has_its_own_record_in_the_records_folder() -> None:
    records = Path("/site/.octavo")
    one = layout.manifest_path(records, Path("/site/public"))
    other = layout.manifest_path(records, Path("/elsewhere/public"))
    assert one.parent == other.parent == records / layout.OUTPUTS_DIR
    assert one != other
    assert one == layout.manifest_path(records, Path("/site/public"))  # stable across runs
    assert layout.updating_path(records, Path("/site/public")).parent == one.parent
    assert layout.fresh_staging(Path("/x/public")) == Path("/x/.octavo-new-public")


def test_a_manifest_head_is_read_back_and_nothing_else_is() -> None:
    head = layout.manifest_head("octavo-manifest 3 ab12 1:2:3", '"/site/public"')
    assert head == layout.ManifestHead("ab12", "1:2:3", "/site/public")
    for first, second in [
        ("octavo-manifest 2 ab12", '"/site/public"'),
        ("octavo-manifest 3 ab12", '"/site/public"'),
        ("octavo-manifest 3 ab12 1:2:3", "/site/public"),
        ("octavo-manifest 3 ab12 1:2:3", "7"),
    ]:
        assert layout.manifest_head(first, second) is None
