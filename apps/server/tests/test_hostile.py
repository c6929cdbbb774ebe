"""Hostile requests against a real uvicorn: every path-escape kind on the wire, and a bounded
fuzz of malformed requests after which the server still answers."""

from __future__ import annotations

import contextlib
import random
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving_helpers import RunningServer, running

from octavo_server import LiveSite, serving_app, writing_app

SECRET = b"TOP-SECRET-OUTSIDE-THE-ROOT"


@pytest.fixture
def server(built: Path, tmp_path: Path) -> Iterator[RunningServer]:
    (tmp_path / "secret.txt").write_bytes(SECRET)
    (built / "link-out.txt").symlink_to(tmp_path / "secret.txt")
    (built / "folder-out").symlink_to(tmp_path)
    with running(serving_app(built)) as running_server:
        yield running_server


def exchange(port: int, request: bytes, timeout: float = 2.0) -> bytes:
    """Sends raw bytes and returns whatever comes back before the server closes or goes quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        connection.shutdown(socket.SHUT_WR)
        received = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = connection.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            received += chunk
        return received


def status_of(response: bytes) -> int:
    """Returns the status code of a raw HTTP response."""
    return int(response.split(b" ", 2)[1])


def get(port: int, target: bytes) -> bytes:
    return exchange(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")


@pytest.mark.parametrize(
    "target",
    [
        b"/../secret.txt",  # dot-dot
        b"/../../../../etc/passwd",
        b"/tags/../../secret.txt",
        b"/%2e%2e/secret.txt",  # percent-encoded dots
        b"/%2E%2E%2Fsecret.txt",
        b"/..%2f..%2fetc%2fpasswd",
        b"/%252e%252e/secret.txt",  # double-encoded dots
        b"/%252e%252e%252fsecret.txt",
        b"/..\\secret.txt",  # backslashes
        b"/..%5c..%5csecret.txt",
        b"/robots.txt%00.html",  # NUL
        b"//etc/passwd",  # absolute paths
        b"/etc/passwd",
        b"http://127.0.0.1/../secret.txt",  # absolute-form request target
        b"/link-out.txt",  # symlinks that leave the root
        b"/folder-out/secret.txt",
        b"/folder-out/",
        b"/.octavo-manifest",  # hidden files
    ],
)
def test_no_escape_reads_outside_the_root(server: RunningServer, target: bytes) -> None:
    response = get(server.port, target)
    assert status_of(response) in {400, 404}, response[:200]
    assert SECRET not in response
    assert b"root:" not in response


def test_a_raw_nul_byte_in_the_request_line_is_refused(server: RunningServer) -> None:
    response = get(server.port, b"/robots.txt\x00")
    assert response == b"" or status_of(response) == 400
    assert status_of(get(server.port, b"/robots.txt")) == 200


def test_a_304_keeps_the_connection_open(server: RunningServer) -> None:
    etag = next(
        line.split(b": ", 1)[1]
        for line in get(server.port, b"/").split(b"\r\n")
        if line.lower().startswith(b"etag:")
    )
    request = b"GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + b"\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=2) as connection:
        for _ in range(3):  # one connection: a 304 must not close it
            connection.sendall(request)
            assert connection.recv(65536).startswith(b"HTTP/1.1 304 Not Modified")


def garbage_requests(seed: int, count: int) -> Iterator[bytes]:
    """Yields malformed requests: broken request lines, headers, bodies and encodings."""
    rng = random.Random(seed)
    fixed = [
        b"\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=99999999999999999999999-\r\n\r\n",
        b"GET /big.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=--1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: \xff\xfe\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br;q=abc, gzip;q=\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: \x01\x02\r\n\r\n",
        b"GET /\xc3\x28 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /%c3%28 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /" + b"a/" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"x" * 100_000 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"X-Many: 1\r\n" * 2000 + b"\r\n",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # a TLS hello
        b"GET / HTTP/1.1\r\nHost: x\r\n",  # never finished
    ]
    yield from fixed
    alphabet = b"GET /%.\\\x00\r\n :HTTP/1.1abc\xff"
    for _ in range(count - len(fixed)):
        length = rng.randint(1, 300)
        noise = bytes(rng.choice(alphabet) for _ in range(length))
        yield b"GET /" + noise if rng.random() < 0.5 else noise


def stays_up_under_garbage(port: int, count: int, seconds: float) -> int:
    """Sends malformed requests for at most `seconds`; returns how many were sent."""
    deadline = time.monotonic() + seconds
    sent = 0
    for request in garbage_requests(seed=5, count=count):
        if time.monotonic() > deadline:
            break
        # The server may reset a connection it refuses; it must still be up.
        with contextlib.suppress(OSError):
            exchange(port, request, timeout=0.5)
        sent += 1
        if sent % 50 == 0:
            assert status_of(get(port, b"/robots.txt")) == 200, f"down after {sent} requests"
    return sent


def test_malformed_requests_do_not_bring_the_server_down(server: RunningServer) -> None:
    sent = stays_up_under_garbage(server.port, count=300, seconds=20)
    assert sent >= 100
    assert server.alive()
    assert status_of(get(server.port, b"/")) == 200


def test_writing_mode_stays_up_too(demo_site: Path, tmp_path: Path) -> None:
    live = LiveSite(demo_site, tmp_path / "preview")
    assert live.build_now().ok
    with running(writing_app(live)) as server:
        stays_up_under_garbage(server.port, count=100, seconds=10)
        assert server.alive()
        assert status_of(get(server.port, b"/")) == 200
