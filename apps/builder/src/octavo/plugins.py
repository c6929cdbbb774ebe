"""The plugins installed: which distributions extend the engine, and at which versions.

Page kinds (`octavo.page_kinds`) and Markdown extensions (`octavo.markdown`) come from installed
distributions through entry points. Their distributions' names and versions are part of what a
parse and a page are made from (`octavo.fingerprint`), so upgrading, adding or removing a plugin
makes the cache parse again and the pages render again.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from octavo_parser import MARKDOWN_GROUP

KIND_GROUP = "octavo.page_kinds"
PLUGIN_GROUPS = (KIND_GROUP, MARKDOWN_GROUP)


def plugin_versions(groups: tuple[str, ...] = PLUGIN_GROUPS) -> tuple[tuple[str, str], ...]:
    """The name and version of each distribution that registers a plugin in `groups`."""
    found = set()
    for group in groups:
        for point in entry_points(group=group):
            dist = point.dist
            found.add(
                (point.group, point.name, dist.name if dist else "", dist.version if dist else "")
            )
    return tuple(
        sorted((f"{group}:{name}={dist}", version) for group, name, dist, version in found)
    )
