"""Writing mode gives back what each connection took: `octavo serve` in a process of its own,
rounds of clients that pipeline requests (the event stream among them) and hang up abruptly,
and its resident memory measured from /proc."""

from __future__ import annotations

import socket
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from serving_helpers import free_port

ROUNDS = 10
CLIENTS = 300
# Pages before the event stream, and requests queued behind it that are never answered: the
# stream of a pipelined request is the one its server is slowest to hear hang up.
PIPELINE = b"".join(
    b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    for target in (
        b"/",
        b"/tags/python/",
        b"/_octavo/events",
        b"/_octavo/reload.js",
        b"/no/such/page/",
        b"/feed.xml",
    )
)
TIMEOUT = 2.0
STREAM_STARTED = b"retry: 500"

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="reads resident memory from /proc"
)


def resident_kib(pid: int) -> int:
    """Returns a process's resident set size in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS line")


def wait_until_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "octavo serve exited before listening"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("octavo serve was not listening within 30 s")


@pytest.fixture
def serving(demo_site: Path, tmp_path: Path) -> Iterator[tuple[int, int]]:
    """`octavo serve` in writing mode, as a user starts it; yields its pid and port."""
    port = free_port()
    command = [sys.executable, "-m", "octavo", "serve", str(demo_site)]
    command += ["--port", str(port), "-o", str(tmp_path / "preview")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_listening(port, process)
        yield process.pid, port
        assert process.poll() is None, "octavo serve died under the load"
    finally:
        process.terminate()
        try:
            _, errors = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, errors = process.communicate(timeout=10)
    # The server says nothing about clients that hang up: that is ordinary traffic.
    assert b"Traceback" not in errors, errors.decode("utf-8", "replace")[-3000:]


def hang_up_abruptly(port: int, number: int) -> None:
    """One client: pipelines the requests, reads until the event stream has started (every
    third client not at all), then resets the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        connection.sendall(PIPELINE)
        received = b""
        deadline = time.monotonic() + TIMEOUT
        while number % 3 and STREAM_STARTED not in received and time.monotonic() < deadline:
            try:
                chunk = connection.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            received += chunk
        # Linger zero: close sends a reset, as a killed client or a dropped network does.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def one_round(port: int, pool: ThreadPoolExecutor) -> None:
    for outcome in pool.map(lambda n: hang_up_abruptly(port, n), range(CLIENTS)):
        assert outcome is None


def status_of_home(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        return connection.recv(64).split(b"\r\n", 1)[0]


def test_clients_that_hang_up_leave_nothing_behind(serving: tuple[int, int]) -> None:
    pid, port = serving
    figures = []
    with ThreadPoolExecutor(32) as pool:
        for _ in range(ROUNDS):
            one_round(port, pool)
            time.sleep(0.3)  # lets the server hear the last resets
            figures.append(resident_kib(pid))
    warm, last = figures[0], figures[-1]
    print(f"resident KiB after each round: {figures}")
    assert last <= warm * 1.10, f"grew from {warm} KiB to {last} KiB: {figures}"
    assert status_of_home(port) == b"HTTP/1.1 200 OK"
