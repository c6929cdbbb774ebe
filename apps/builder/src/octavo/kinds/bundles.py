"""Bundle files: what sits beside a post's `index.md`, copied beside the post's page."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.fingerprint import digest
from octavo.pages import Claimant, FilePage, Page, Site
from octavo.reading import read_static


def pages(site: Site) -> Iterator[Page]:
    """A file for each file of each published post's or page's bundle (not its Markdown)."""
    for url, file, post in site.bundle_files:
        # A stat, not the bytes, as for static files: a build reads only what changed.
        fingerprint = digest("bundle", file.source, file.mtime_ns, file.size)
        yield FilePage(
            url,
            Claimant(f"file {file.source} of the bundle of {post.source}", file.source),
            partial(read_static, file),
            partial(str, fingerprint),
        )
