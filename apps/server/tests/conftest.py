"""Fixtures for the server's tests: small sites on disk."""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # so tests can import serving_helpers

from serving_helpers import DEMO, FEED, PAGE, write


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A built folder as the builder leaves it, with precompressed siblings for some files."""
    root = tmp_path / "public"
    write(root / "index.html", PAGE.format("Home"))
    write(root / "404.html", PAGE.format("Page not found"))
    write(root / "tags" / "python" / "index.html", PAGE.format("Python"))
    write(root / "feed.xml", FEED)
    write(root / "sitemap.xml", '<?xml version="1.0"?><urlset></urlset>')
    write(root / "robots.txt", "User-agent: *\n")
    write(root / "theme" / "style.3f9a1c2e.css", "body { color: black; }\n")
    write(root / "theme" / "plain.css", "body { color: black; }\n")
    write(root / "big.bin", bytes(range(256)) * 4096)  # 1 MiB: streamed, not kept in memory
    write(root / ".octavo-manifest", "index.html\n")
    page = (root / "index.html").read_bytes() * 20
    write(root / "long.html", page)
    write(root / "long.html.gz", gzip.compress(page))
    # Any bytes do: the server sends the file as it is, it never decodes it.
    write(root / "long.html.br", b"brotli:" + page[:100])
    return root


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A copy of the demo site, free to edit."""
    site = tmp_path / "site"
    shutil.copytree(DEMO, site, ignore=shutil.ignore_patterns("public", ".octavo-*"))
    return site
