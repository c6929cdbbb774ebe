"""Helpers for the server's tests: a real uvicorn on a free port, files on disk."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

REPO = Path(__file__).resolve().parents[3]
DEMO = REPO / "examples" / "demo"


def free_port() -> int:
    """Returns a loopback port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RunningServer:
    """A uvicorn server running an app on its own thread and event loop."""

    def __init__(self, app: Any, http: Any = "auto") -> None:
        self.port = free_port()
        config = uvicorn.Config(
            app,
            http=http,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.loop: asyncio.AbstractEventLoop | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start within 10 s"
            assert self.thread.is_alive(), "the server thread died"
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def alive(self) -> bool:
        return self.thread.is_alive() and not self.server.should_exit


@contextmanager
def running(app: Any, http: Any = "auto") -> Iterator[RunningServer]:
    """Runs the app on a free loopback port for the duration of the block."""
    server = RunningServer(app, http)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def write(path: Path, text: str | bytes) -> Path:
    """Writes a file, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


FEED = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>\n'
PAGE = '<!DOCTYPE html><html lang="en"><head><title>{0}</title></head><body>{0}</body></html>'
