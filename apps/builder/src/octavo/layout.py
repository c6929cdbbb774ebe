"""Where a site's files and Octavo's own records are: the names the builder, the writer, the
cache and the no-op fast path share, in one place.

Standard library only: `octavo.freshness` answers a build with nothing to do from these names
without loading pydantic, jinja2 or mistune. `octavo_content.CONFIG_FILE` is the one copy kept
elsewhere (the content model imports nothing of ours); a test checks the two agree.

The writer's record of an output folder (its manifest) lives in the site's records folder, not
in the output, so the published folder holds nothing but the site. A manifest opens with a head:

    octavo-manifest 3 TOKEN DEV:INO:CTIME_NS
    "/the/resolved/output/path"

then one published file per line, relative to the output. DEV:INO:CTIME_NS is the output
folder's identity once the build was published: a folder deleted or replaced since (even one
given the same inode number) has another, and nothing recorded about it is trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

# The site's own files and folders.
CONFIG_FILE = "octavo.toml"
CONTENT_DIR = "content"
STATIC_DIR = "static"
TEMPLATES_DIR = "templates"
# Site data for templates: YAML, TOML and JSON files (octavo.sitedata).
DATA_DIR = "data"
# The folders a build reads, in the order the no-op signature hashes them.
SITE_PARTS = (CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR, DATA_DIR)
# Where a build goes unless `-o` says otherwise.
OUTPUT_DIR = "public"

# Octavo's records, in the site: the build cache, the build lock and the writer's manifests.
RECORDS_DIR = ".octavo"
CACHE_FILE = "cache.sqlite"
LOCK_FILE = "build.lock"
OUTPUTS_DIR = "outputs"
MANIFEST_SUFFIX = ".manifest"
# Resized copies of images, named by a digest of the original's bytes and the copy's size.
IMAGES_DIR = "images"
# What `octavo check --external` learnt of each external link, and when (octavo.external).
LINKS_FILE = "links.json"
# Present from the moment an update starts renaming files into place until the build's records
# are saved: found at the start of a build, it says the last update was interrupted, so nothing
# recorded about the folder is trusted.
UPDATING_SUFFIX = ".updating"
MANIFEST_HEADER = "octavo-manifest 3 "
# The build cache's meta keys about one output folder: each prefix followed by the folder's path.
OUTPUT_KEYS = ("built:", "fresh:", "moved:", "search:", "structure:", "token:", "urls:")

# The code whose files the no-op signature and the engine digest cover.
ENGINE_PACKAGES = ("octavo_content", "octavo_parser", "octavo_tags", "octavo_render", "octavo")

# Text files that `--compress` gives `.gz` and `.br` copies.
COMPRESSIBLE = (".html", ".css", ".js", ".xml", ".txt", ".svg", ".json")

# The writer's names in and beside the output. Changed files of an update wait in STAGING until
# the rename pass (inside the output: the same file system, so a rename moves them); a first
# build is staged in FRESH_STAGING + the output's name, beside it.
STAGING = ".octavo-staging"
FRESH_STAGING = ".octavo-new-"
# Where writers before this one kept their manifest and marker, inside the output: cleared, and
# still no page's name.
LEGACY_MANIFEST = ".octavo-manifest"
LEGACY_UPDATING = ".octavo-updating"
# Pending files that writers before this one left beside their targets.
OLD_PENDING = ".octavo-new"
# The top-level names of the output no page or static file may take.
RESERVED = frozenset({STAGING, LEGACY_MANIFEST, LEGACY_UPDATING})


def records_of(site: Path) -> Path:
    """The folder of `site`'s records: its cache, lock and manifests."""
    return site / RECORDS_DIR


def cache_path(site: Path) -> Path:
    """Where `site`'s build cache is."""
    return records_of(site) / CACHE_FILE


def _output_key(output: Path) -> str:
    return hashlib.blake2b(os.fsencode(output), digest_size=8).hexdigest()


def manifest_path(records: Path, output: Path) -> Path:
    """Where the manifest of the (resolved) `output` folder is kept, in the records folder."""
    return records / OUTPUTS_DIR / (_output_key(output) + MANIFEST_SUFFIX)


def updating_path(records: Path, output: Path) -> Path:
    """Where the marker of an update of `output` in progress is kept."""
    return records / OUTPUTS_DIR / (_output_key(output) + UPDATING_SUFFIX)


def fresh_staging(output: Path) -> Path:
    """The folder beside `output` where its first build is staged."""
    return output.parent / (FRESH_STAGING + output.name)


def folder_identity(folder: Path) -> str | None:
    """`DEV:INO:CTIME_NS` of the folder at `folder` (no link followed), None when there is none."""
    try:
        found = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode):  # a link to a folder is not one
        return None
    return f"{found.st_dev}:{found.st_ino}:{found.st_ctime_ns}"


def same_folder(identity: str, other: str | None) -> bool:
    """True when two identities name one folder (its status may have changed since)."""
    return other is not None and identity.rsplit(":", 1)[0] == other.rsplit(":", 1)[0]


@dataclass(frozen=True)
class ManifestHead:
    """The first two lines of a manifest: the build's token, the folder's identity, its path."""

    token: str
    identity: str
    output: str


def manifest_head(line: str, path_line: str) -> ManifestHead | None:
    """The head of a manifest from its first two lines, None when they are not one."""
    if not line.startswith(MANIFEST_HEADER):
        return None
    fields = line.removeprefix(MANIFEST_HEADER).split(" ")
    try:
        output = json.loads(path_line)
    except ValueError:
        return None
    if len(fields) != 2 or not all(fields) or not isinstance(output, str):
        return None
    return ManifestHead(fields[0], fields[1], output)


def read_head(manifest: Path) -> ManifestHead | None:
    """The head of the manifest at `manifest`, None when there is none or it is not one."""
    try:
        with manifest.open(encoding="utf-8") as file:
            return manifest_head(file.readline().rstrip("\n"), file.readline().rstrip("\n"))
    except (OSError, UnicodeDecodeError):
        return None
