"""Resized copies of the local images posts show: smaller widths, and WebP, beside the original.

The parser printed each copy in the image's `srcset` from what the builder measured; this kind
writes them, where the image itself is copied (a bundle file, a static file). A copy is made in
the render phase, in its workers, only when the original changed (its stat), and read from the
site's image cache when a build made it before from the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from octavo.bundles import page_folder, static_url
from octavo.fingerprint import digest
from octavo.images import resized
from octavo.pages import Claimant, FilePage, Page, Site


def pages(site: Site) -> Iterator[Page]:
    """A file for each copy of each image a published post shows, once per copy."""
    at = {file.source: url for url, file, _ in site.bundle_files}
    files = {file.source: file for file in (*site.static_files, *site.content_files)}
    at.update((file.source, static_url(file.source)) for file in site.static_files)
    made: set[str] = set()
    for post in site.published:
        for reference in post.references:
            info, source = reference.image, reference.file
            if info is None or source is None or at.get(source) != reference.path:
                continue  # not measured, or not where the post points: an error already
            folder = page_folder(reference.path)
            file = files[source]
            for variant in info.variants:
                url = folder + variant.name
                if url in made:
                    continue
                made.add(url)
                fingerprint = digest("image", file.source, file.mtime_ns, file.size, variant)
                yield FilePage(
                    url,
                    Claimant(f"{variant.width} px copy of {file.source}", file.source),
                    partial(resized, file, variant, site.image_cache),
                    partial(str, fingerprint),
                )
