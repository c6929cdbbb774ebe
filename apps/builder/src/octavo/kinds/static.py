"""The site's static files: everything under `static/`, copied as it is, at the same path."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.fingerprint import digest
from octavo.layout import STATIC_DIR
from octavo.pages import Claimant, FilePage, Page, Site
from octavo.reading import read_static


def pages(site: Site) -> Iterator[Page]:
    """A file for each static file the load's walk listed (it reported what it could not read)."""
    for file in site.static_files:
        # A stat, not the bytes: a build reads only the static files that changed.
        fingerprint = digest("static", file.source, file.mtime_ns, file.size)
        yield FilePage(
            "/" + file.source.removeprefix(f"{STATIC_DIR}/"),
            Claimant(f"static file {file.source}", file.source),
            partial(read_static, file),
            partial(str, fingerprint),
        )
