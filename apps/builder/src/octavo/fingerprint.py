"""Digests of what a build is made from: the engine's code, the site's templates, the settings
a parse depends on, and files' bytes.

A page's own fingerprint is the digest of its view (`octavo_render.ViewDigester`); these digests
are what every page is made from besides its view (`Builder.structure`), and what every stored
parse depends on besides its file (`parse_key`).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from octavo.layout import ENGINE_PACKAGES
from octavo.plugins import PLUGIN_GROUPS, plugin_versions
from octavo_content import SiteConfig
from octavo_parser import MARKDOWN_GROUP


def digest(*parts: object) -> str:
    """A short, stable digest of plain values (strings, numbers, tuples of them)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def bytes_digest(data: bytes) -> str:
    """The digest of file contents."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _files_digest(files: Iterable[tuple[str, bytes]]) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for name, data in sorted(files):
        # A name that is not UTF-8 is an error of the walk; here it must not raise first.
        hasher.update(name.encode("utf-8", "surrogateescape") + b"\0")
        hasher.update(bytes_digest(data).encode())
    return hasher.hexdigest()


def _package_files(package: str) -> Iterable[tuple[str, bytes]]:
    root = resources.files(package)
    pending = [root]
    while pending:
        folder = pending.pop()
        for item in folder.iterdir():
            if item.is_dir():
                if item.name != "__pycache__":
                    pending.append(item)
            elif not item.name.endswith(".pyc"):
                yield f"{package}/{item.name}", item.read_bytes()


def engine_digest(
    packages: tuple[str, ...] = ENGINE_PACKAGES, plugins: tuple[str, ...] = PLUGIN_GROUPS
) -> str:
    """The digest of Octavo's own code and theme, and of the plugins installed (by version):
    what turns the same content into other bytes."""
    return digest(_code_digest(packages), _plugins(plugins, tuple(sys.path)))


# Read once per process (20 ms a build, twice per build of `octavo serve`): a process runs the
# code it imported, so a new version of the engine takes a new process in any case.
@cache
def _code_digest(packages: tuple[str, ...]) -> str:
    return _files_digest(file for package in packages for file in _package_files(package))


# The plugins found on one `sys.path`, read once: an install into a folder already on the path
# takes a new process, as for the parser's Markdown plugins (found once per process); a folder
# put on the path (a plugin installed there) is looked at anew.
@cache
def _plugins(groups: tuple[str, ...], path: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return plugin_versions(groups)


def templates_digest(templates: Path) -> str:
    """The digest of the site's own templates."""
    if not templates.is_dir():
        return "none"
    return _files_digest(
        (path.relative_to(templates).as_posix(), path.read_bytes())
        for path in templates.rglob("*")
        if path.is_file()
    )


def parse_key(config: SiteConfig) -> str:
    """What a parsed post depends on beside its own bytes: the parser and the settings."""
    # The whole configuration, not a list of the settings the parser reads: a list is one more
    # thing to keep in step (base_url, which local links and feed HTML print, was missing from
    # it). A change to any setting parses every post again, as Hugo and Zola rebuild on one.
    settings = config.model_dump_json()
    parser = engine_digest(("octavo_content", "octavo_parser"), (MARKDOWN_GROUP,))
    return digest(parser, settings)
