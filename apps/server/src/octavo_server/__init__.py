"""Octavo's server: `octavo serve` previews a site with live reload (writing mode) or serves a
built folder fast and safely (serving mode)."""

from octavo_server.app import app_from_environment, serving_app, writing_app
from octavo_server.cli import register
from octavo_server.live import LiveSite
from octavo_server.paths import lookup
from octavo_server.protocol import HangUpProtocol
from octavo_server.static import StaticSite

__all__ = [
    "HangUpProtocol",
    "LiveSite",
    "StaticSite",
    "app_from_environment",
    "lookup",
    "register",
    "serving_app",
    "writing_app",
]
