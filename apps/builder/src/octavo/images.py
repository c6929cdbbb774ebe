"""Local images: measured before posts are parsed, resized while pages render, cached by content.

The parser prints an image's size and the `srcset` of its copies from what is measured here
(`ImageInfo`, by the image's site-relative path); the images page kind writes those copies, each
made by `resized` in the render phase's workers. A copy is kept in `SITE/.octavo/images/`, named
by a digest of the original's bytes and the copy's size and type, so a later build (into any
output folder) reads it instead of resizing again.

Pillow is the Python standard for reading and writing images; it is used here only, never by
the parser or the renderer.
"""

from __future__ import annotations

import io
import os
import posixpath
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from octavo.fingerprint import bytes_digest, digest
from octavo.freshness import SourceFile, read_regular
from octavo_content import ImageInfo, ImageVariant

if TYPE_CHECKING:
    from PIL.Image import Image as PillowImage

# The files measured: those a browser shows that Pillow reads.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
# The widths of the resized copies, each made when the original is wider: a phone, a laptop's
# column at 2x, a large screen.
WIDTHS = (480, 960, 1600)
WEBP = "image/webp"
# The types whose copies are made (a GIF or another animation is shown as it is).
_RESIZED = {"image/jpeg": ".jpg", "image/png": ".png", WEBP: ".webp"}
# Bump when the copies' encoding changes, so that cached copies are made again. WebP's method 1
# is six times faster than its default (4), for files 2% larger; a baseline JPEG four times
# faster than a progressive one.
_ENCODING = "2 jpeg82 webp80m1 lanczos"
# EXIF orientations that turn an image a quarter: a browser shows it with width and height swapped.
_TURNED = frozenset({5, 6, 7, 8})


def is_image(source: str) -> bool:
    """Given a file's site-relative path, returns whether it is an image Octavo measures."""
    return source.lower().endswith(IMAGE_SUFFIXES)


def measured_images(files: Iterable[SourceFile]) -> dict[str, ImageInfo]:
    """Given the site's files, returns what is known of each image that can be read, by path.

    An image that cannot be read is left out: it is shown without size or copies. Pillow is
    loaded only for a site with images, with the encoders its copies use, so that the render
    phase's workers inherit them instead of each loading them.
    """
    found = {}
    images = [file for file in files if is_image(file.source)]
    if images:
        from PIL import JpegImagePlugin, PngImagePlugin, WebPImagePlugin  # noqa: F401
    for file in images:
        info = measure(file.path, file.source)
        if info is not None:
            found[file.source] = info
    return found


def measure(path: Path, source: str) -> ImageInfo | None:
    """Given an image file, returns its size as browsers show it, its type and its copies."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            media_type = Image.MIME.get(image.format or "", "")
            animated = bool(getattr(image, "is_animated", False))
            orientation = image.getexif().get(0x0112)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None
    if orientation in _TURNED:
        width, height = height, width
    stem = posixpath.splitext(posixpath.basename(source))[0]
    variants = () if animated else variants_of(stem, width, height, media_type)
    return ImageInfo(width=width, height=height, type=media_type, variants=variants)


def variants_of(stem: str, width: int, height: int, media_type: str) -> tuple[ImageVariant, ...]:
    """Given an image's name without suffix, size and type, returns the copies made of it:
    each width of `WIDTHS` below its own, in its type and in WebP, and WebP at its own width
    when it is no wider than the widest of `WIDTHS`."""
    suffix = _RESIZED.get(media_type)
    if suffix is None:
        return ()
    variants = []
    for wide in (w for w in WIDTHS if w < width):
        high = max(1, round(height * wide / width))
        if media_type != WEBP:
            variants.append(_variant(stem, wide, high, media_type))
        variants.append(_variant(stem, wide, high, WEBP))
    # WebP at the image's own width when no copy is as wide as the widest shown: pages show
    # images at most 42rem wide, which the 1600 pixel copy covers even on a 2.5x screen.
    if media_type != WEBP and width <= WIDTHS[-1]:
        variants.append(_variant(stem, width, height, WEBP))
    return tuple(variants)


def _variant(stem: str, width: int, height: int, media_type: str) -> ImageVariant:
    """Given an image's name, a size and a type, returns that copy, named `stem-480w.webp`."""
    name = f"{stem}-{width}w{_RESIZED[media_type]}"
    return ImageVariant(name=name, width=width, height=height, type=media_type)


def resized(file: SourceFile, variant: ImageVariant, cache: Path | None) -> bytes:
    """Given an image file and one of its copies, returns the copy's bytes: from the cache
    folder when a build made it before from the same bytes, else made now and kept there."""
    data = read_regular(file.path)
    original = bytes_digest(data)
    kept = None
    if cache is not None:
        key = digest(original, variant.width, variant.height, variant.type, _ENCODING)
        kept = cache / (key + _RESIZED[variant.type])
        try:
            return kept.read_bytes()
        except OSError:
            pass
    made = _resize(data, variant, original)
    if kept is not None:
        _keep(kept, made)
    return made


# The last images decoded and resized in this process, by the original's digest and the size:
# an image's copies are made one after the other, and one size serves two types.
_RECENT: dict[tuple[str, int, int], PillowImage] = {}
_RECENT_SIZE = 3


def _resize(data: bytes, variant: ImageVariant, original: str = "") -> bytes:
    """Given an image's bytes, returns them resized to the variant's size, in its type."""
    image = _sized(data, original or bytes_digest(data), variant.width, variant.height)
    out = io.BytesIO()
    if variant.type == WEBP:
        alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image.convert("RGBA" if alpha else "RGB").save(out, "WEBP", quality=80, method=1)
    elif variant.type == "image/jpeg":
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
    else:
        image.save(out, "PNG")
    return out.getvalue()


def _sized(data: bytes, original: str, width: int, height: int) -> PillowImage:
    """Given an image's bytes and digest, returns it turned upright and resized to a size."""
    from PIL import Image, ImageOps

    key = (original, width, height)
    if key not in _RECENT:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.format == "JPEG":  # decoded at a half, quarter... when that is enough
                turned = opened.getexif().get(0x0112) in _TURNED
                opened.draft("RGB", (height, width) if turned else (width, height))
            upright = ImageOps.exif_transpose(opened) or opened
            upright.load()
            if upright.size != (width, height):
                # Reduced by a whole factor first, then filtered: as good, twice as fast.
                size = (width, height)
                upright = upright.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        while len(_RECENT) >= _RECENT_SIZE:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[key] = upright
    return _RECENT[key]


def _keep(path: Path, data: bytes) -> None:
    """Store a copy in the cache folder, whole or not at all (workers may race on one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except OSError:
        pass  # a cache: the next build makes the copy again
