"""Helpers for the server's tests: a real uvicorn on a free port, `octavo serve` as a subprocess,
a Chromium tab that counts CSP violations, files on disk."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

REPO = Path(__file__).resolve().parents[3]
DEMO = REPO / "examples" / "demo"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


@contextmanager
def octavo_serve(
    arguments: list[str],
    log: Path,
    *,
    ready: str = "/",
    seconds: float = 20,
    env: dict[str, str] | None = None,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Runs `python -m octavo serve ARGUMENTS --port P` until `ready` answers 200; yields its
    root URL and process, and ends it (SIGTERM, then SIGKILL) at the end. Output goes to `log`."""
    port = free_port()
    command = [sys.executable, "-m", "octavo", "serve", *arguments, "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env or dict(os.environ)
        )
        try:
            deadline = time.monotonic() + seconds
            while True:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, (
                    f"octavo serve did not answer within {seconds} s"
                )
                try:
                    if httpx.get(url + ready, timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            yield url, process
        finally:
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@contextmanager
def browser_tab() -> Iterator[Any]:
    """A Chromium tab (Debian's, driven by Playwright) that counts Content-Security-Policy
    violations in `window.cspViolations` (Playwright's init scripts bypass CSP)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.set_default_timeout(10_000)
            tab.add_init_script(
                "window.cspViolations = [];"
                "document.addEventListener('securitypolicyviolation',"
                " (e) => window.cspViolations.push(e.violatedDirective));"
            )
            yield tab
        finally:
            browser.close()
