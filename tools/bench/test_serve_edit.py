"""The serve-mode edit bench on a small corpus: every save gets its reload event, and the output
of the resident server equals a clean build of the same files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent / "serve_edit.py"


def test_each_edit_reloads_and_the_output_equals_a_clean_build() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--posts", "40", "--rounds", "3"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "edit to reload event, 3 rounds: median " in done.stdout
    assert "the output equals a clean build of the same files, byte for byte" in done.stdout
