"""Stopping `octavo serve` the ways a terminal, a process manager or a container stops it:
Ctrl-C (SIGINT) and SIGTERM both end it promptly, quietly, and remove the temporary folder its
preview was built in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from serving_helpers import free_port


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stopped_server_leaves_no_temporary_folder(
    demo_site: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port = free_port()
    command = [sys.executable, "-m", "octavo", "serve", str(demo_site), "--port", str(port)]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        # The preview is built in a folder made by tempfile, under TMPDIR.
        environment = {**os.environ, "TMPDIR": str(scratch)}
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=environment)
        try:
            deadline = time.monotonic() + 30
            while True:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "octavo serve did not answer within 30 s"
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert [path.name[:13] for path in scratch.iterdir()] == ["octavo-serve-"]
            process.send_signal(stop)
            process.wait(timeout=15)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    assert list(scratch.iterdir()) == [], log.read_text()
    assert "Traceback" not in log.read_text()
