"""Octavo's renderer: posts, tags and pages in; HTML pages, Atom feeds and a sitemap out, as bytes.

It never parses Markdown and never writes files. It depends on `octavo_content`, `octavo_tags`
and jinja2.
"""

from octavo_render.feeds import FEED_LIMIT
from octavo_render.renderer import Renderer
from octavo_render.sitemap import SitemapEntry

__all__ = ["FEED_LIMIT", "Renderer", "SitemapEntry"]
