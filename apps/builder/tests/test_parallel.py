"""The forked worker pools stop when the build is done, even inside a program that handles
SIGTERM itself, as `octavo serve` does (uvicorn installs a SIGTERM handler, and forked workers
inherit it). `Pool.terminate` stops workers with SIGTERM; a worker that only ran the inherited
handler stayed alive, blocked on the pool's queue lock, and the build waited for it forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from octavo.parallel import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="the pools fork their workers")

# Builds in a thread (as the server does, off its event loop) with SIGTERM handled by Python
# code (as uvicorn does). The work fails on its first item while the other workers are busy,
# so the pool is terminated with workers that have not yet finished: they must die on SIGTERM.
PROGRAM = textwrap.dedent(
    """
    import signal, threading, time
    from octavo.parallel import map_forked

    signal.signal(signal.SIGTERM, lambda signum, frame: None)

    def work(index):
        if index == 0:
            raise ValueError("a page that cannot be rendered")
        time.sleep(0.2)
        return index

    outcome = []

    def build():
        try:
            list(map_forked(work, 64, 4))
        except ValueError as error:
            outcome.append(str(error))
        outcome.append(sum(map_forked(lambda index: index, 64, 4)))

    thread = threading.Thread(target=build)
    thread.start()
    thread.join()
    print(outcome)
    """
)


def test_a_failed_forked_build_ends_in_a_process_that_handles_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", PROGRAM],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        # The stuck workers are in the program's process group: end them all with it.
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"the build never ended: a pool worker outlived Pool.terminate\n{output}")
    assert process.returncode == 0, output
    assert output.strip().splitlines()[-1] == "['a page that cannot be rendered', 2016]"
