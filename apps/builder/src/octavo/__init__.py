"""Octavo, the builder: `octavo build` turns a folder of Markdown posts into a site."""

from octavo.builder import Builder, BuildReport
from octavo.cli import COMMAND_GROUP, main
from octavo.routes import Claimant, Route, RouteTable
from octavo.scaffold import create_site
from octavo.site import SitePaths
from octavo.writer import OutputWriter

__all__ = [
    "COMMAND_GROUP",
    "BuildReport",
    "Builder",
    "Claimant",
    "OutputWriter",
    "Route",
    "RouteTable",
    "SitePaths",
    "create_site",
    "main",
]
