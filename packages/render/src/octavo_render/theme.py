"""The default theme's static files, read from package data, named by their content's hash."""

from __future__ import annotations

import functools
import hashlib
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import PurePosixPath

# Theme files are served under this site path, apart from anything the site ships itself.
THEME_PATH = "/theme/"
STYLESHEET = THEME_PATH + "style.css"
ICON = THEME_PATH + "icon.svg"
# The search page's script: runs Pagefind's search and lists the results.
SEARCH_SCRIPT = THEME_PATH + "search.js"
# Hex digits of the SHA-256 in a file's name: enough to tell versions apart, short to read.
HASH_LENGTH = 8


def static_files(folder: Traversable, prefix: str) -> dict[str, bytes]:
    """Given a package folder and the site path it maps to, returns every file under it by path."""
    found: dict[str, bytes] = {}
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.is_dir():
            found.update(static_files(item, prefix + item.name + "/"))
        elif item.is_file():
            found[prefix + item.name] = item.read_bytes()
    return found


def hashed_path(site_path: str, data: bytes) -> str:
    """Given a site path and the file's bytes, returns the path with a content hash in its name.

    `/theme/style.css` becomes `/theme/style.3f9a1c2e.css`: a new version gets a new name, so a
    server may tell browsers to cache theme files forever.
    """
    path = PurePosixPath(site_path)
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


@functools.cache
def _hashed_assets() -> tuple[tuple[str, str, bytes], ...]:
    """Returns each theme file once: its plain site path, its hashed site path, its bytes."""
    plain = static_files(files("octavo_render") / "theme" / "static", THEME_PATH)
    return tuple((path, hashed_path(path, data), data) for path, data in plain.items())


def theme_assets() -> dict[str, bytes]:
    """Returns the theme's static files by hashed site path, such as `/theme/style.3f9a1c2e.css`."""
    return {hashed: data for _, hashed, data in _hashed_assets()}


def asset_path(site_path: str) -> str:
    """Given a theme file's plain site path, such as `/theme/style.css`, returns its hashed one."""
    for plain, hashed, _ in _hashed_assets():
        if plain == site_path:
            return hashed
    raise KeyError(f"the default theme has no file {site_path}")
