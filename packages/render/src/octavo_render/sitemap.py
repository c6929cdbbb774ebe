"""What the sitemap lists: one site path per entry, with when it last changed if known."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Crawlers look for the sitemap here; robots.txt names it.
SITEMAP_PATH = "/sitemap.xml"


@dataclass(frozen=True)
class SitemapEntry:
    """A page of the site for the sitemap: its site path, such as `/posts/hello/`, and `lastmod`."""

    path: str
    lastmod: datetime | None


@dataclass(frozen=True)
class SitemapUrl:
    """A sitemap entry as the template prints it: absolute `loc`, W3C datetime `lastmod` or None."""

    loc: str
    lastmod: str | None
