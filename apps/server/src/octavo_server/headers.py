"""What the server says about a file: its media type, how long it may be cached, and the
security headers sent with every response."""

from __future__ import annotations

import mimetypes
import re

from octavo.layout import COMPRESSIBLE

# The default theme needs nothing beyond this: its stylesheet and the reload script are
# same-origin files, JSON-LD blocks are data (not scripts), and posts may show remote images.
# 'wasm-unsafe-eval' lets the search page compile Pagefind's WebAssembly (a same-origin file);
# it allows no eval() of JavaScript.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data: https:; "
    "media-src 'self' https:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
)

# A name carrying a content hash (`style.3f9a1c2e.css`) never changes its bytes: a new
# version gets a new name, so browsers may keep it for a year without asking again.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.[A-Za-z0-9]+$")
IMMUTABLE = "public, max-age=31536000, immutable"
# Pages and feeds change with every publication; short, so a fix shows within a minute.
SHORT = "public, max-age=60"
# Unhashed assets (images, a site's own CSS) change rarely.
MEDIUM = "public, max-age=3600"
# While writing, the browser must ask every time: the answer is a cheap 304 on loopback.
REVALIDATE = "no-cache"

TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
}
BINARY_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".wasm": "application/wasm",
}
# The build compresses these kinds beside the file (`X.gz`, `X.br`).
COMPRESSIBLE_SUFFIXES = frozenset(COMPRESSIBLE)
ATOM = "application/atom+xml"


def suffix_of(path: str) -> str:
    """Given a path, returns its lower-case extension with the dot, or ''."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def is_atom_feed(head: bytes) -> bool:
    """Given the start of an XML file, returns True when its root element is an Atom feed."""
    return re.search(rb"<feed[\s>]", head[:1024]) is not None


def media_type(path: str, head: bytes = b"") -> str:
    """Given a file's path and its first bytes, returns its Content-Type."""
    suffix = suffix_of(path)
    if suffix == ".xml" and is_atom_feed(head):
        # Feed URLs come from configurable permalinks, so the content decides, not the name.
        return ATOM
    known = TEXT_TYPES.get(suffix) or BINARY_TYPES.get(suffix)
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


def cache_control(path: str, *, html: bool, writing: bool) -> str:
    """Given a file's path and the mode, returns its Cache-Control."""
    if FINGERPRINTED.search(path):
        return IMMUTABLE
    if writing:
        return REVALIDATE
    return SHORT if html or suffix_of(path) in {".xml", ".txt"} else MEDIUM
