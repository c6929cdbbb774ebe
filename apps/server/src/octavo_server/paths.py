"""From a request's path to a file under the served root, and never to anything outside it."""

# Paths are str on the request path: os.path costs less than pathlib for each request.
# ruff: noqa: PTH112, PTH116, PTH118

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

# Percent-encodings still present after the server decoded the path once: a double-encoded
# dot, slash, backslash or NUL is an attempt to smuggle a path past a decoder, never a file name.
DOUBLE_ENCODED = re.compile(r"%(2e|2f|5c|00)", re.IGNORECASE)
# Control characters (NUL included) and backslashes have no place in a site's URLs.
FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\]")
# Hidden files (editors' files, say) are not part of the site; .well-known is.
VISIBLE_DOTFILES = frozenset({".well-known"})
# The builder's own files in the output folder: the `.octavo-staging` folder of an update, the
# `X.octavo-new` files an interrupted build of an older version leaves, and the manifest and
# marker older versions kept there (`.octavo-manifest`, `.octavo-updating`). Never part of the
# site, whatever VISIBLE_DOTFILES comes to hold.
BUILDER_PREFIX = ".octavo-"
BUILDER_SUFFIX = ".octavo-new"


@dataclass(frozen=True, slots=True)
class Found:
    """A regular file inside the root: its real path."""

    path: str


@dataclass(frozen=True, slots=True)
class Redirect:
    """A folder asked for without its trailing slash: where to send the client."""

    location: str


@dataclass(frozen=True, slots=True)
class Missing:
    """Nothing to serve at this path: 404."""


@dataclass(frozen=True, slots=True)
class Malformed:
    """A path no browser sends, such as one with `..` or NUL: 400."""


Lookup = Found | Redirect | Missing | Malformed
MISSING = Missing()
MALFORMED = Malformed()


def real_root(root: str | os.PathLike[str]) -> str:
    """Given the folder to serve, returns its real path; fails loudly if it is not a folder."""
    real = os.path.realpath(root)
    if not os.path.isdir(real):
        raise NotADirectoryError(f"{root} is not a folder; nothing to serve")
    return real


def url_segments(url_path: str) -> list[str] | Malformed:
    """Given a decoded request path, returns its non-empty segments, or MALFORMED."""
    if DOUBLE_ENCODED.search(url_path) or FORBIDDEN.search(url_path):
        return MALFORMED
    segments = [segment for segment in url_path.split("/") if segment]
    if any(segment in {".", ".."} for segment in segments):
        return MALFORMED
    return segments


def inside(root: str, real: str) -> bool:
    """True when the real path is the root or below it."""
    return real == root or real.startswith(root + os.sep)


def regular_file_inside(root: str, candidate: str) -> str | None:
    """Given a path under the root, returns its real path if it is a regular file that a
    symlink does not take outside the root; None otherwise."""
    real = os.path.realpath(candidate)
    if not inside(root, real):
        return None
    try:
        mode = os.stat(real).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    # A FIFO or a device would block or stream forever: only regular files are served.
    return real if stat.S_ISREG(mode) else None


def is_served_name(segment: str) -> bool:
    """True when a path segment may name a file of the site: not hidden, not the builder's."""
    # Lower-cased: on a case-insensitive disk `INDEX.HTML.OCTAVO-NEW` opens the same file.
    lowered = segment.lower()
    if lowered.startswith(BUILDER_PREFIX) or lowered.endswith(BUILDER_SUFFIX):
        return False
    return not segment.startswith(".") or segment in VISIBLE_DOTFILES


def lookup(root: str, url_path: str) -> Lookup:
    """Given the real root and a decoded request path, returns what to serve."""
    segments = url_segments(url_path)
    if isinstance(segments, Malformed):
        return MALFORMED
    if not all(is_served_name(segment) for segment in segments):
        return MISSING
    candidate = os.path.join(root, *segments)
    real = os.path.realpath(candidate)
    # The path may not leave the root, whether by a symlink or otherwise.
    if not inside(root, real):
        return MISSING
    if os.path.isdir(real):
        if segments and not url_path.endswith("/"):
            # Rebuilt from the checked segments, so `//evil.example` cannot become the Location.
            return Redirect("/" + quote("/".join(segments)) + "/")
        index = regular_file_inside(root, os.path.join(real, "index.html"))
        return Found(index) if index else MISSING
    if url_path.endswith("/"):
        return MISSING
    found = regular_file_inside(root, real)
    return Found(found) if found else MISSING


def site_prefix(base_url: str | None) -> str:
    """Given a site's base_url, returns the path the site is served under, `/` or `/blog/`:
    a GitHub Pages project site serves its output folder at `https://user.github.io/blog/`."""
    if not base_url:
        return "/"
    # Requests' paths come decoded; so must the prefix they are compared with.
    segments = [segment for segment in unquote(urlsplit(base_url).path).split("/") if segment]
    return "/" + "".join(segment + "/" for segment in segments)


def under_prefix(prefix: str, url_path: str) -> str | Redirect | Missing | Malformed:
    """Given the site's prefix and a decoded request path, returns the path inside the output
    folder; a Redirect for `/` and for the prefix without its slash; MALFORMED for a path no
    browser sends; MISSING for anything else outside the prefix (the site's 404 page, whose
    links lead back in, says more than a redirect that turns a typo into another 404)."""
    if prefix == "/":
        return url_path
    if url_path.startswith(prefix):
        return url_path[len(prefix) - 1 :]
    if isinstance(url_segments(url_path), Malformed):
        return MALFORMED
    if url_path in {"/", prefix[:-1]}:
        return Redirect(quote(prefix))
    return MISSING
