"""A real browser over a built site: a loopback server with a strict CSP, Chromium, axe-core."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page
from sitecheck import REPO

AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, quiet: no sandbox (containers), no GPU, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# What a server may send with the theme's pages: nothing inline, nothing from elsewhere.
# Scripts are blocked outright; the JSON-LD data block is not a script the browser runs.
STRICT_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder with a Content-Security-Policy (the strict one unless told another), and
    keeps the test output clean."""

    # The path of the site's base_url (`/blog` for https://example.org/blog/), or "".
    prefix = ""
    policy = STRICT_CSP

    def translate_path(self, path: str) -> str:
        """Given a request path under the site's prefix, returns the file it names."""
        return super().translate_path(path.removeprefix(self.prefix))

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path, prefix: str = "", policy: str = STRICT_CSP) -> Iterator[str]:
    """Given a built site and its base path, serves it on 127.0.0.1 (loopback only), with the
    Content-Security-Policy `policy`.

    Yields the origin, such as `http://127.0.0.1:8123`; pages are at origin + prefix + path.
    """
    attributes = {"prefix": prefix.rstrip("/"), "policy": policy}
    handler_class = type("Handler", (_QuietHandler,), attributes)
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Visit:
    """One page as the browser saw it: what it asked for and what it complained about."""

    page: Page
    origin: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Returns every request that left the site's own origin."""
        return [url for url in self.requests if not url.startswith(self.origin + "/")]

    def problems(self) -> list[str]:
        """Returns failed or 4xx/5xx loads, CSP reports and console errors, one line each."""
        return self.failures + self.console + self.foreign_requests()


def open_page(browser: Browser, origin: str, path: str, *, width: int, scheme: str) -> Visit:
    """Given a served site and a path, returns the page loaded at a width and colour scheme."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if scheme == "dark" else "light",
        reduced_motion="reduce",
    )
    page = context.new_page()
    visit = Visit(page, origin)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("requestfailed", lambda request: visit.failures.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: (
            visit.failures.append(f"{response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            visit.console.append(f"console {message.type}: {message.text}")
            if message.type in {"error", "warning"}
            else None
        ),
    )
    response = page.goto(origin + path, wait_until="load")
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    return visit


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text("utf-8")


def axe_violations(page: Page) -> list[str]:
    """Given a loaded page, runs axe-core in it and returns its violations, one line per node."""
    # Evaluated through the DevTools protocol, so the page's CSP (no scripts) does not block it.
    page.evaluate(_axe_source())
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations;
        }"""
    )
    return [
        f"{violation['id']} ({violation['impact']}): {' '.join(node['target'])}: "
        f"{node.get('failureSummary', '')}"
        for violation in found
        for node in violation["nodes"]
    ]
