"""The static file server: an ASGI app answering GET and HEAD from a built site folder, with
conditional requests, ranges, precompressed encodings, redirects and the site's 404 page."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Awaitable, Callable, MutableMapping
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import quote

import anyio

from octavo_server.files import Entry, FileCache, Headers, Injector, Representation
from octavo_server.headers import SECURITY_HEADERS
from octavo_server.paths import Found, Malformed, Missing, Redirect, real_root, under_prefix

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CHUNK = 64 * 1024
# How long a missing file waits for a running build: publishing takes milliseconds, but a build
# may wait minutes for another build of the site to let go of its lock.
BUILD_WAIT_SECONDS = 5.0
NOT_FOUND_PAGE = "/404.html"
# Ranges are for large media: a ranged request gets the plain file, never a compressed one.
UNSATISFIABLE = (-1, -1)
FALLBACK_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title>'
    b"</head><body><h1>Not found</h1><p>Nothing has been built at this address.</p></body></html>"
)


class LiveBuilds(Protocol):
    """What the static server needs from the writing loop."""

    # Counts builds; when it moves, the files on disk have changed.
    build: int
    # The path the site is served under (`/blog/`), from the last build's base_url.
    prefix: str

    def inject(self, page: bytes) -> bytes:
        """Given an HTML page, returns it with the reload script."""
        ...

    async def idle(self) -> None:
        """Returns once no build is publishing."""
        ...


class StaticSite:
    """Serves the files under `root`. With `live`, it is in writing mode: pages get the reload
    script, nothing is cached by the browser without asking, and a file missing while a build
    publishes is looked up again once the build is done. The folder is served under `prefix`
    (`/blog/` for a base_url such as `https://user.github.io/blog/`), as the site will be; in
    writing mode the prefix is the live site's, which follows its config."""

    def __init__(
        self, root: str | os.PathLike[str], *, live: LiveBuilds | None = None, prefix: str = "/"
    ) -> None:
        self.root = real_root(root)
        self.live = live
        self.prefix = prefix
        inject: Injector | None = live.inject if live else None
        self.files = FileCache(
            self.root, ttl=None if live else 1.0, writing=live is not None, inject=inject
        )
        self._build_seen = live.build if live else 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        if scope["method"] not in {"GET", "HEAD"}:
            await send_text(send, 405, b"Method Not Allowed", [(b"allow", b"GET, HEAD")])
            return
        prefix = self.live.prefix if self.live is not None else self.prefix
        inner = under_prefix(prefix, scope["path"])
        if isinstance(inner, Malformed):
            await send_text(send, 400, b"Bad Request")
            return
        if isinstance(inner, Redirect):
            await send_redirect(scope, send, inner.location, status=302)
            return
        if isinstance(inner, Missing):
            await self.send_not_found(scope, send)
            return
        path = inner
        if self.live is not None and self.live.build != self._build_seen:
            self._build_seen = self.live.build
            self.files.clear()
        result, entry = self.files.get(path)
        if isinstance(result, Missing) and self.live is not None:
            # The builder swaps folders with two renames; between them nothing is there.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.live.idle(), BUILD_WAIT_SECONDS)
            self.files.clear()
            result, entry = self.files.get(path)
        if isinstance(result, Malformed):
            await send_text(send, 400, b"Bad Request")
        elif isinstance(result, Redirect):
            await send_redirect(scope, send, quote(prefix[:-1]) + result.location)
        elif isinstance(result, Found) and entry is not None:
            await self.send_file(scope, send, entry)
        else:
            await self.send_not_found(scope, send)

    async def send_file(self, scope: Scope, send: Send, entry: Entry) -> None:
        """Answers with the file: 304, 206, 416 or 200, in the best encoding accepted."""
        request = dict(scope["headers"])
        ranged = b"range" in request and scope["method"] == "GET"
        chosen = entry.identity if ranged else chosen_encoding(entry, request)
        if is_not_modified(request, chosen, entry):
            await send_head(send, 304, chosen.not_modified_headers)
            await send({"type": "http.response.body", "body": b""})
            return
        span = requested_range(request, chosen, entry) if ranged else None
        if span == UNSATISFIABLE:
            extra = [(b"content-range", f"bytes */{chosen.size}".encode())]
            await send_text(send, 416, b"Range Not Satisfiable", extra)
        elif span is not None:
            start, end = span
            headers = [
                *chosen.headers,
                (b"content-range", f"bytes {start}-{end}/{chosen.size}".encode()),
                (b"content-length", str(end - start + 1).encode()),
            ]
            await send_head(send, 206, headers)
            await send_body(scope, send, chosen, start, end + 1)
        else:
            await send_head(send, 200, chosen.full_headers())
            await send_body(scope, send, chosen, 0, chosen.size)

    async def send_not_found(self, scope: Scope, send: Send) -> None:
        """Answers 404 with the site's own 404 page when it has one."""
        result, entry = self.files.get(NOT_FOUND_PAGE)
        if not isinstance(result, Found) or entry is None:
            await self.send_bare_not_found(scope, send)
            return
        page = entry.identity
        headers = [
            (b"content-type", entry.content_type.encode()),
            (b"cache-control", b"no-cache"),
            *SECURITY_HEADERS,
            (b"content-length", str(page.size).encode()),
        ]
        await send_head(send, 404, headers)
        await send_body(scope, send, page, 0, page.size)

    async def send_bare_not_found(self, scope: Scope, send: Send) -> None:
        """Answers 404 for a site without a 404 page; in writing mode as a page with the reload
        script, so a first build that failed still shows its errors and recovers."""
        if self.live is None:
            await send_text(send, 404, b"Not Found")
            return
        page = self.live.inject(FALLBACK_PAGE)
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"cache-control", b"no-store"),
            *SECURITY_HEADERS,
            (b"content-length", str(len(page)).encode()),
        ]
        await send_head(send, 404, headers)
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else page}
        )


def accepted_codings(header: bytes) -> set[str]:
    """Given an Accept-Encoding value, returns the codings it accepts (q above zero)."""
    accepted = set()
    for item in header.decode("latin-1").lower().split(","):
        name, _, params = item.partition(";")
        weight = params.strip().removeprefix("q=").strip() if params else "1"
        try:
            if float(weight) > 0:
                accepted.add(name.strip())
        except ValueError:
            continue
    return accepted


def chosen_encoding(entry: Entry, request: dict[bytes, bytes]) -> Representation:
    """Returns the brotli, gzip or plain representation, in that order of preference."""
    if not entry.encoded:
        return entry.identity
    accepted = accepted_codings(request.get(b"accept-encoding", b""))
    for encoding in ("br", "gzip"):
        if encoding in entry.encoded and (encoding in accepted or "*" in accepted):
            return entry.encoded[encoding]
    return entry.identity


def etag_matches(header: bytes, etag: bytes) -> bool:
    """Given If-None-Match, returns True when it names the ETag (weak comparison) or is `*`."""
    if header.strip() == b"*":
        return True
    return any(tag.strip().removeprefix(b"W/") == etag for tag in header.split(b","))


def is_not_modified(request: dict[bytes, bytes], chosen: Representation, entry: Entry) -> bool:
    """True when the client's copy is current: If-None-Match first, else If-Modified-Since."""
    if not chosen.validated:
        return False
    none_match = request.get(b"if-none-match")
    if none_match is not None:
        return etag_matches(none_match, chosen.etag)
    since = request.get(b"if-modified-since")
    if since is None:
        return False
    try:
        return entry.modified <= parsedate_to_datetime(since.decode("latin-1")).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False


def requested_range(
    request: dict[bytes, bytes], chosen: Representation, entry: Entry
) -> tuple[int, int] | None:
    """Returns the single byte range asked for (inclusive), UNSATISFIABLE, or None for the
    whole file (no range, several ranges, or an If-Range naming another version)."""
    if_range = request.get(b"if-range")
    if if_range is not None and if_range not in {chosen.etag, entry.last_modified}:
        return None
    unit, _, spec = request[b"range"].decode("latin-1").partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    size = chosen.size
    try:
        if not first:
            start, end = max(size - int(last), 0), size - 1
            return (start, end) if int(last) > 0 and size > 0 else UNSATISFIABLE
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    except ValueError:
        return None
    if start < 0 or start > end:
        return UNSATISFIABLE if start >= size else None
    return start, end


async def send_head(send: Send, status: int, headers: Headers) -> None:
    """Sends the status line and headers."""
    await send({"type": "http.response.start", "status": status, "headers": headers})


async def send_body(
    scope: Scope, send: Send, chosen: Representation, start: int, stop: int
) -> None:
    """Sends bytes start..stop of the representation, from memory or from disk; none for HEAD."""
    if scope["method"] == "HEAD":
        await send({"type": "http.response.body", "body": b""})
    elif chosen.body is not None:
        await send({"type": "http.response.body", "body": chosen.body[start:stop]})
    else:
        await stream_file(send, chosen.path, start, stop)


async def stream_file(send: Send, path: str, start: int, stop: int) -> None:
    """Sends a large file in chunks read off the event loop."""
    async with await anyio.open_file(path, "rb") as file:
        await file.seek(start)
        remaining = stop - start
        while remaining > 0:
            chunk = await file.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            await send({"type": "http.response.body", "body": chunk, "more_body": remaining > 0})
    if remaining > 0:  # the file shrank under us: end the response all the same
        await send({"type": "http.response.body", "body": b""})


async def send_text(send: Send, status: int, text: bytes, extra: Headers | None = None) -> None:
    """Sends a short plain-text answer."""
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(text)).encode()),
        (b"cache-control", b"no-store"),
        *SECURITY_HEADERS,
        *(extra or []),
    ]
    await send_head(send, status, headers)
    await send({"type": "http.response.body", "body": text})


async def send_redirect(scope: Scope, send: Send, location: str, status: int = 301) -> None:
    """Sends a redirect (permanent unless told) to `location`, keeping the query string."""
    query: bytes = scope.get("query_string", b"")
    target = location.encode() + (b"?" + query if query else b"")
    text = b"Moved Permanently" if status == 301 else b"Found"
    await send_text(send, status, text, [(b"location", target)])
