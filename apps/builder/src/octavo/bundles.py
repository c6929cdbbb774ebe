"""Page bundles: a post written as `content/my-post/index.md` takes the files beside it along.

Every file of a bundle's folder that is not Markdown, in its subfolders too but not in another
bundle's, is copied beside the post's page, keeping its path below the folder:
`content/my-post/files/a.pdf` is `/posts/my-post/files/a.pdf` when the post is `/posts/my-post/`.
Relative links in the post resolve the same way (`octavo_parser.local`), so they find them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from typing import Protocol

from octavo.freshness import SourceFile
from octavo.layout import STATIC_DIR
from octavo_content import BUNDLE_STEM, ContentError, LightPost, Reference

_MARKDOWN = (".md", ".markdown")


# The names of a bundle's own Markdown file (any case): `index.md`, `index.markdown`.
_BUNDLE_NAMES = frozenset(BUNDLE_STEM + suffix for suffix in _MARKDOWN)


def is_bundle(source: str) -> bool:
    """Given a post's site-relative path, returns whether it makes its folder a bundle."""
    folder, _, name = source.rpartition("/")
    return "/" in folder and name.lower() in _BUNDLE_NAMES


def page_folder(url: str) -> str:
    """Given a page's site path, returns the folder its relative links start from."""
    return url if url.endswith("/") else posixpath.dirname(url).rstrip("/") + "/"


def bundle_files(
    posts: Iterable[LightPost], files: Iterable[SourceFile]
) -> Iterator[tuple[str, SourceFile, LightPost]]:
    """Given the published posts and the content folder's files, returns each file a bundle
    copies, with its site path and its post."""
    listed = tuple(files)
    # Every bundle's folder, a draft's too: a file in it is never a parent bundle's.
    folders = {posixpath.dirname(file.source) for file in listed if is_bundle(file.source)}
    if not folders:  # a site of posts alone: nothing to walk
        return
    posts_by_folder = {
        posixpath.dirname(post.source): post for post in posts if is_bundle(post.source)
    }
    for file in listed:
        if file.source.lower().endswith(_MARKDOWN):
            continue
        folder = _bundle_of(file.source, folders)
        post = posts_by_folder.get(folder) if folder is not None else None
        if post is not None and folder is not None:
            below = file.source[len(folder) + 1 :]
            yield page_folder(post.url) + below, file, post


def _bundle_of(source: str, folders: set[str]) -> str | None:
    """Given a file's path, returns the nearest bundle folder it is in, if any."""
    folder = posixpath.dirname(source)
    while "/" in folder:
        if folder in folders:
            return folder
        folder = posixpath.dirname(folder)
    return None


def copied_files(
    posts: Iterable[LightPost], content: Iterable[SourceFile], static: Iterable[SourceFile]
) -> dict[str, SourceFile]:
    """Given the published posts and the site's files, returns each file copied into the site
    (by bundles and from static/) by its site-relative path."""
    found = {file.source: file for file in static}
    found.update((file.source, file) for _, file, _ in bundle_files(posts, content))
    return found


def static_url(source: str) -> str:
    """Given a static file's site-relative path, returns its site path."""
    return "/" + source.removeprefix(f"{STATIC_DIR}/")


def missing_files(posts: Iterable[LightPost], routes: Routes) -> list[ContentError]:
    """Given the published posts and every page claimed, returns an error for each image or
    linked file a post points at that no page of the site is (a bundle file, a static file)."""
    errors = []
    for post in posts:
        for reference in post.references:
            if routes.claims(reference.path):
                continue
            errors.append(
                ContentError(
                    path=post.source,
                    line=reference.line,
                    field=reference.kind,
                    message=f"'{reference.written}' is not in the site: nothing is at"
                    f" {reference.path}",
                    expected=f"a file at {reference.file}" if reference.file else None,
                    hint=_missing_hint(post, reference),
                )
            )
    return errors


def _missing_hint(post: LightPost, reference: Reference) -> str:
    if reference.written.startswith("/"):
        return f"put the file in static{reference.path}, or correct the path"
    if not is_bundle(post.source):
        return (
            "make the post a bundle (move it to a folder of its own as index.md) and put the"
            " file beside it, or correct the path"
        )
    return "put the file beside the post in its folder, or correct the path"


class Routes(Protocol):
    """What `missing_files` asks of the route table."""

    def claims(self, url: str) -> int:
        """How many pages claim the file that serves `url`."""
        ...
