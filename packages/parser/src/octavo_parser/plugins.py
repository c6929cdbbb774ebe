"""Markdown extensions from installed distributions: mistune plugins found by entry point.

A distribution registers a plugin in the entry point group `octavo.markdown`; the object the
entry point names is a plain mistune plugin, a callable given the `Markdown` to extend (mistune's
own convention: it registers its rules and its renderer methods). Every process's Markdown gets
the plugins installed, after Octavo's own, in the order of their entry point names.
"""

from __future__ import annotations

import functools
from importlib.metadata import entry_points

from mistune.plugins import Plugin

MARKDOWN_GROUP = "octavo.markdown"

# A mistune plugin: given the Markdown to extend, it registers its rules and renderers.
MarkdownPlugin = Plugin


@functools.cache
def markdown_plugins() -> tuple[MarkdownPlugin, ...]:
    """The installed plugins, in the order of their entry point names."""
    found = sorted(entry_points(group=MARKDOWN_GROUP), key=lambda point: point.name)
    return tuple(point.load() for point in found)
