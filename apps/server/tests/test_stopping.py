"""Stopping `octavo serve` the ways a terminal, a process manager or a container stops it:
Ctrl-C (SIGINT) and SIGTERM both end it promptly, quietly, and remove the temporary folder its
preview was built in."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from serving_helpers import octavo_serve


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stopped_server_leaves_no_temporary_folder(
    demo_site: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    log = tmp_path / "serve.log"
    # The preview is built in a folder made by tempfile, under TMPDIR.
    environment = {**os.environ, "TMPDIR": str(scratch)}
    with octavo_serve([str(demo_site)], log, seconds=30, env=environment) as (_, process):
        assert [path.name[:13] for path in scratch.iterdir()] == ["octavo-serve-"]
        process.send_signal(stop)
        process.wait(timeout=15)
    assert list(scratch.iterdir()) == [], log.read_text()
    assert "Traceback" not in log.read_text()
