"""What phases 1 to 3 of a build make (`Routed`), and what a long-running process keeps of them
for its next build (`KeptRoutes`, see `octavo.resident`)."""

from __future__ import annotations

from dataclasses import dataclass

from octavo.cache import BuildCache
from octavo.freshness import SourceFile
from octavo.loading import LoadedSite
from octavo.routes import RouteTable
from octavo.sitedata import SiteData
from octavo_content import ContentError
from octavo_render import Link, Renderer
from octavo_tags import SiteIndexes


@dataclass(frozen=True)
class Routed:
    """What the first three phases made of a site: its posts, indexes and route table."""

    site: LoadedSite
    indexes: SiteIndexes
    menu: tuple[Link, ...] | None
    site_data: SiteData
    renderer: Renderer
    routes: RouteTable
    moved: dict[str, str]
    cache: BuildCache | None
    # The redirects of moved posts as the history gave them (the route phase drops those
    # another page claims), and what phases 2 and 3 reported.
    recorded_moves: dict[str, str]
    problems: tuple[ContentError, ...]
    # Phases 2 and 3 kept from an earlier build in this process, when they were reused.
    reused: KeptRoutes | None = None


@dataclass(frozen=True)
class KeptRoutes:
    """Phases 2 and 3 of the last good build, and what they were made from."""

    routed: Routed
    renders_with: str
    structure: str
    # The redirects of moved posts as the history gave them, before the route phase dropped
    # those another page claims.
    recorded_moves: dict[str, str]
    # Every file of the site but the posts (bundle files, static files): routes copy them.
    other_files: frozenset[SourceFile]
    # The sources of the posts, pages, drafts, scheduled and expired posts, in order.
    partition: tuple[tuple[str, ...], ...]
    # What phases 2 and 3 reported (index, menu and route problems).
    problems: tuple[ContentError, ...]
