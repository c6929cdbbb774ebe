"""Octavo, the builder: `octavo build` turns a folder of Markdown posts into a site.

Names are imported on first use (PEP 562), so `octavo build` with nothing to do starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from octavo.builder import Builder, BuildReport
    from octavo.cli import COMMAND_GROUP, main
    from octavo.kinds import page_kinds
    from octavo.pages import Claimant, FilePage, Page, PageKind, Site, TemplatePage
    from octavo.resident import Resident
    from octavo.routes import RouteTable
    from octavo.scaffold import create_site
    from octavo.site import SitePaths
    from octavo.writer import OutputWriter

_WHERE = {
    "COMMAND_GROUP": "octavo.cli",
    "BuildReport": "octavo.builder",
    "Builder": "octavo.builder",
    "Claimant": "octavo.pages",
    "FilePage": "octavo.pages",
    "OutputWriter": "octavo.writer",
    "Page": "octavo.pages",
    "PageKind": "octavo.pages",
    "Resident": "octavo.resident",
    "Site": "octavo.pages",
    "TemplatePage": "octavo.pages",
    "page_kinds": "octavo.kinds",
    "RouteTable": "octavo.routes",
    "SitePaths": "octavo.site",
    "create_site": "octavo.scaffold",
    "main": "octavo.cli",
}

__all__ = [
    "COMMAND_GROUP",
    "BuildReport",
    "Builder",
    "Claimant",
    "FilePage",
    "OutputWriter",
    "Page",
    "PageKind",
    "Resident",
    "RouteTable",
    "Site",
    "SitePaths",
    "TemplatePage",
    "create_site",
    "main",
    "page_kinds",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'octavo' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
