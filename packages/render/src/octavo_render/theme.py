"""The default theme's static files, read from package data."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

# Theme files are served under this site path, apart from anything the site ships itself.
THEME_PATH = "/theme/"
STYLESHEET = THEME_PATH + "style.css"


def static_files(folder: Traversable, prefix: str) -> dict[str, bytes]:
    """Given a package folder and the site path it maps to, returns every file under it by path."""
    found: dict[str, bytes] = {}
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.is_dir():
            found.update(static_files(item, prefix + item.name + "/"))
        elif item.is_file():
            found[prefix + item.name] = item.read_bytes()
    return found


def theme_assets() -> dict[str, bytes]:
    """Returns the default theme's static files by site path, such as `/theme/style.css`."""
    return static_files(files("octavo_render") / "theme" / "static", THEME_PATH)
