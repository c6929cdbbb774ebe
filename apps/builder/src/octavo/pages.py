"""Pages: every output of a site, as page kinds declare it, and what a kind is given.

A page kind is a callable that, given the loaded `Site`, yields its pages. A `TemplatePage`
is a URL, who claims it, and its view (built on demand: a rebuild builds the views of just the
pages it may have to render again); its fingerprint is the digest of that view, so there is no
list of fields to keep beside the template. A `FilePage` is a file copied as it is, fingerprinted
by its bytes or its stat.

Kinds come from `octavo.kinds.BUILT_IN` and from installed distributions, through the entry
point group `octavo.page_kinds` (see the builder's README).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from octavo.bundles import bundle_files
from octavo.freshness import SourceFile
from octavo.site import SitePaths
from octavo_content import ImageInfo, LightPost, SiteConfig
from octavo_render import Renderer, View
from octavo_tags import SiteIndexes, TagIndex


@dataclass(frozen=True)
class Claimant:
    """Who claims a URL: a description for messages, and the file and line to point at."""

    what: str
    path: str
    line: int | None = None


@dataclass(frozen=True)
class TemplatePage:
    """An output made by a template from a view."""

    url: str
    claimant: Claimant
    # Built on demand, and only from the loaded site: the same site gives the same view.
    view: Callable[[], View]
    in_sitemap: bool = False
    # When what the page shows last changed, for the sitemap.
    lastmod: datetime | None = None
    # In the search index (posts and standalone pages): its HTML is given to Pagefind.
    searchable: bool = False


@dataclass(frozen=True)
class FilePage:
    """An output whose bytes come as they are: a theme asset, a static file."""

    url: str
    claimant: Claimant
    data: Callable[[], bytes]
    # Cheap to compute on every build: the bytes' digest, or the file's stat.
    fingerprint: Callable[[], str]


Page = TemplatePage | FilePage


@dataclass(frozen=True)
class Site:
    """What a page kind is given: the loaded site and its indexes, all read-only."""

    config: SiteConfig
    paths: SitePaths
    # The published posts, newest first, without their HTML. Never a standalone page: those are
    # in `pages`, so a kind that lists posts cannot list a page by forgetting a filter.
    posts: tuple[LightPost, ...]
    index: TagIndex
    renderer: Renderer
    # The files under static/, as the load's walk listed them.
    static_files: tuple[SourceFile, ...]
    # Every page claimed (the route table); complete once every kind has run, so only a view
    # built on demand may read it, as the sitemap's does.
    routes: Iterable[Page]
    # Old URL -> new URL of posts that moved since earlier builds into the same output, kept by
    # the builder from its cache; the redirects kind leaves a page at each old URL.
    moved: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # The published standalone pages (`kind: page`), by source path, without their HTML.
    pages: tuple[LightPost, ...] = ()
    # Every index: each taxonomy's (tags first, `index` itself), authors, series. None: tags only.
    indexes: SiteIndexes | None = None

    @cached_property
    def taxonomies(self) -> SiteIndexes:
        """The site's indexes: those given, or the tag index alone."""
        return self.indexes or SiteIndexes.of_tags(self.index)

    # The files under content/, as the load's walk listed them (bundles copy theirs).
    content_files: tuple[SourceFile, ...] = ()
    # The local images measured, by site-relative path, and where their resized copies are
    # kept between builds (None: not kept, as in a build without cache).
    images: Mapping[str, ImageInfo] = field(default_factory=lambda: MappingProxyType({}))
    image_cache: Path | None = None

    @cached_property
    def published(self) -> tuple[LightPost, ...]:
        """Every post and page with a page of its own: what has bundles, images, old URLs."""
        return (*self.posts, *self.pages)

    @cached_property
    def bundle_files(self) -> tuple[tuple[str, SourceFile, LightPost], ...]:
        """Each file a published post's or page's bundle copies: its site path, the file, and
        its post (walked once, for the kinds that copy, measure and check them)."""
        return tuple(bundle_files(self.published, self.content_files))

    @cached_property
    def last_change(self) -> datetime | None:
        """When the newest change among the published posts was (None for no post)."""
        return max((post.last_modified for post in self.posts), default=None)


class PageKind(Protocol):
    """A kind of page: given the site, yields its pages."""

    def __call__(self, site: Site) -> Iterable[Page]:
        """The pages of this kind."""
        ...
