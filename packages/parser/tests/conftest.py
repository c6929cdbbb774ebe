"""Shared fixtures: a small site configuration and a writer of post files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from octavo_content import SiteConfig

PostFile = Callable[..., bytes]

# So the tests can import their helper module (parser_catalogues) in importlib mode.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def config() -> SiteConfig:
    """A site in Paris with default settings."""
    return SiteConfig(title="T", base_url="https://example.org/", timezone="Europe/Paris")


def _post_file(front_matter: str, body: str = "Hello.\n", fence: str = "---") -> bytes:
    """The bytes of a post file with the given front matter lines and body."""
    return f"{fence}\n{front_matter.strip()}\n{fence}\n{body}".encode()


@pytest.fixture
def post_file() -> PostFile:
    """A writer of post file bytes: post_file(front_matter, body="Hello.", fence="---")."""
    return _post_file
