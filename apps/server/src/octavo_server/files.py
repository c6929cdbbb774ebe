"""Files as the server sends them: bytes and headers computed once per file version and kept
in memory, so a request for a small file costs a dictionary look-up and two ASGI messages."""

# Paths are str on the request path: os.path costs less than pathlib for each request.
# ruff: noqa: PTH116, PTH123

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate

from octavo_server.headers import (
    COMPRESSIBLE_SUFFIXES,
    SECURITY_HEADERS,
    cache_control,
    media_type,
    suffix_of,
)
from octavo_server.paths import Found, Lookup, lookup, regular_file_inside

Headers = list[tuple[bytes, bytes]]
# Files up to this size are kept in memory; larger ones are streamed from disk.
MEMORY_LIMIT = 512 * 1024
# Bounds on the cache, so no sequence of requests can make it grow without end.
CACHE_BYTES = 64 * 1024 * 1024
CACHE_KEYS = 8192
# Precompressed siblings, in order of preference.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
# Adds the reload script to an HTML page in writing mode.
Injector = Callable[[bytes], bytes]


@dataclass(frozen=True, slots=True)
class Representation:
    """One encoding of a file: its bytes (None when streamed from disk) and its headers."""

    path: str
    size: int
    body: bytes | None
    etag: bytes
    # Everything but Content-Length, which a range changes.
    headers: Headers
    # What a 304 repeats: validators, caching and Vary.
    not_modified_headers: Headers
    # False for writing mode's pages, which carry no ETag and are never answered with 304.
    validated: bool

    def full_headers(self) -> Headers:
        """Returns the headers of a 200 response with the whole body."""
        return [*self.headers, (b"content-length", str(self.size).encode())]


@dataclass(frozen=True, slots=True)
class Entry:
    """A file and its precompressed variants, as of one version of the file."""

    signature: tuple[int, int, int]
    modified: int
    last_modified: bytes
    content_type: str
    identity: Representation
    encoded: dict[str, Representation]


def signature(path: str) -> tuple[int, int, int] | None:
    """Given a path, returns what changes when its file changes (inode, mtime, size)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def read_small(path: str, size: int) -> bytes | None:
    """Given a file and its size, returns its bytes if it is small enough to keep."""
    if size > MEMORY_LIMIT:
        return None
    with open(path, "rb") as file:
        return file.read()


def strong_etag(body: bytes | None, stamp: tuple[int, int, int], suffix: str) -> bytes:
    """Returns an ETag from the bytes when kept (the same page rebuilt keeps its ETag),
    else from the file's mtime and size."""
    if body is not None:
        tag = hashlib.blake2b(body, digest_size=8).hexdigest()
    else:
        tag = f"{stamp[1]:x}-{stamp[2]:x}"
    return f'"{tag}{suffix}"'.encode()


def representation(
    path: str,
    body: bytes | None,
    stamp: tuple[int, int, int],
    *,
    encoding: str | None,
    shared: Headers,
    validators: bool,
) -> Representation:
    """Builds one encoding's headers; `shared` holds the type, caching and Vary headers."""
    suffix = {"br": "-br", "gzip": "-gz"}.get(encoding or "", "")
    etag = strong_etag(body, stamp, suffix)
    own: Headers = []
    if encoding:
        own.append((b"content-encoding", encoding.encode()))
    if validators:
        own.append((b"etag", etag))
    size = len(body) if body is not None else stamp[2]
    headers = [*shared, *own]
    not_modified = [(name, value) for name, value in headers if name != b"content-type"]
    return Representation(path, size, body, etag, headers, not_modified, validators)


def load_entry(path: str, root: str, *, writing: bool, inject: Injector | None) -> Entry | None:
    """Given a regular file's real path, returns its entry, or None if it vanished."""
    stamp = signature(path)
    if stamp is None:
        return None
    try:
        body = read_small(path, stamp[2])
    except OSError:
        return None
    content_type = media_type(path, body[:1024] if body is not None else b"")
    html = content_type.startswith("text/html")
    modified = stamp[1] // 1_000_000_000
    last_modified = formatdate(modified, usegmt=True).encode()
    # In writing mode a page carries the reload script and the build number, so it is never
    # stored or compared: a 304 would keep an old build number and reload forever.
    injected = html and writing and inject is not None and body is not None
    if injected and inject is not None and body is not None:
        body = inject(body)
    variants = {} if writing else precompressed(path, root)
    shared: Headers = [
        (b"content-type", content_type.encode()),
        (
            b"cache-control",
            b"no-store" if injected else cache_control(path, html=html, writing=writing).encode(),
        ),
        *SECURITY_HEADERS,
        (b"accept-ranges", b"bytes"),
    ]
    if not injected:
        shared.append((b"last-modified", last_modified))
    if variants:
        shared.append((b"vary", b"Accept-Encoding"))
    identity = representation(
        path, body, stamp, encoding=None, shared=shared, validators=not injected
    )
    encoded = {
        encoding: representation(
            variant_path,
            variant_body,
            variant_stamp,
            encoding=encoding,
            shared=shared,
            validators=True,
        )
        for encoding, (variant_path, variant_body, variant_stamp) in variants.items()
    }
    return Entry(stamp, modified, last_modified, content_type, identity, encoded)


def precompressed(
    path: str, root: str
) -> dict[str, tuple[str, bytes | None, tuple[int, int, int]]]:
    """Given a text file, returns its `.br` and `.gz` siblings by encoding name."""
    if suffix_of(path) not in COMPRESSIBLE_SUFFIXES:
        return {}
    found = {}
    for encoding, extension in ENCODINGS:
        # A sibling is checked like any request: a symlink out of the root is not followed.
        variant = regular_file_inside(root, path + extension)
        stamp = signature(variant) if variant else None
        if variant is None or stamp is None:
            continue
        try:
            found[encoding] = (variant, read_small(variant, stamp[2]), stamp)
        except OSError:
            continue
    return found


@dataclass(slots=True)
class Cached:
    """A request path's look-up, its file's entry, and when both were last checked."""

    result: Lookup
    entry: Entry | None
    checked: float


class FileCache:
    """Request path -> (look-up, entry). In serving mode an answer is checked against the disk
    again after `ttl` seconds (a rebuild may have swapped the folder); in writing mode the
    build loop calls `clear` after each build instead (ttl None)."""

    def __init__(
        self, root: str, *, ttl: float | None, writing: bool, inject: Injector | None = None
    ) -> None:
        self.root = root
        self.ttl = ttl
        self.writing = writing
        self.inject = inject
        self._cached: dict[str, Cached] = {}
        self._bytes = 0

    def clear(self) -> None:
        """Forget every answer."""
        self._cached = {}
        self._bytes = 0

    def get(self, url_path: str) -> tuple[Lookup, Entry | None]:
        """Given a decoded request path, returns its look-up and, when found, its entry."""
        cached = self._cached.get(url_path)
        now = time.monotonic()
        if cached is not None and (self.ttl is None or now - cached.checked < self.ttl):
            return cached.result, cached.entry
        result = lookup(self.root, url_path)
        entry = self._entry(result, cached)
        self._remember(url_path, Cached(result, entry, now))
        return result, entry

    def _entry(self, result: Lookup, cached: Cached | None) -> Entry | None:
        if not isinstance(result, Found):
            return None
        previous = cached.entry if cached else None
        if (
            previous is not None
            and cached is not None
            and cached.result == result
            and signature(result.path) == previous.signature
        ):
            return previous
        return load_entry(result.path, self.root, writing=self.writing, inject=self.inject)

    def _remember(self, url_path: str, cached: Cached) -> None:
        size = _kept_bytes(cached.entry)
        if len(self._cached) >= CACHE_KEYS or self._bytes + size > CACHE_BYTES:
            # Crude but bounded: start again rather than track recency per request.
            self.clear()
        old = self._cached.get(url_path)
        self._bytes += size - _kept_bytes(old.entry if old else None)
        self._cached[url_path] = cached


def _kept_bytes(entry: Entry | None) -> int:
    if entry is None:
        return 0
    representations = [entry.identity, *entry.encoded.values()]
    return sum(len(r.body) for r in representations if r.body is not None)
