"""Octavo's renderer: posts, tags and pages in; HTML pages, feeds (Atom, RSS,
JSON Feed) and a sitemap out, as bytes, in the site's language (`ThemeStrings`).

Each page is a `View` (a template and the frozen data it receives), built from light posts; the
post bodies it prints are referenced (`Html`, `HtmlText`) and supplied when it renders. A view's
digest (`ViewDigester`) is its page's fingerprint. It never parses Markdown and never writes
files. It depends on `octavo_content`, `octavo_tags` and jinja2.
"""

from octavo_render.bodies import BodyNotLoaded, BodyRef, Html, HtmlText
from octavo_render.digest import ViewDigester, ViewPrint
from octavo_render.feeds import FEED_LIMIT, FEED_TYPES, feed_path
from octavo_render.i18n import SHIPPED_LANGUAGES, ThemeStrings, language_problems
from octavo_render.renderer import SEARCH_INDEX, SEARCH_PAGE, Renderer
from octavo_render.sitemap import SitemapEntry
from octavo_render.views import FeedLink, Link, PageView, View

__all__ = [
    "FEED_LIMIT",
    "FEED_TYPES",
    "SEARCH_INDEX",
    "SEARCH_PAGE",
    "SHIPPED_LANGUAGES",
    "BodyNotLoaded",
    "BodyRef",
    "FeedLink",
    "Html",
    "HtmlText",
    "Link",
    "PageView",
    "Renderer",
    "SitemapEntry",
    "ThemeStrings",
    "View",
    "ViewDigester",
    "ViewPrint",
    "feed_path",
    "language_problems",
]
