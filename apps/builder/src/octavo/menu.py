"""The site's navigation: the `[[menu]]` entries of `octavo.toml`, each made a link.

An entry names a site path or an address elsewhere (`url`), a page every site has (`target`), or
a file of the content folder (`page`), whose URL only the loaded site knows: so the builder, not
the renderer, looks it up, and reports an entry that names no file at its line in `octavo.toml`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from octavo.layout import CONTENT_DIR
from octavo_content import (
    ContentError,
    LightPost,
    MenuEntry,
    SiteConfig,
    config_line,
    menu_order,
)
from octavo_render import Link


def site_menu(
    config: SiteConfig,
    published: Iterable[LightPost],
    left_out: Iterable[LightPost],
    config_text: str,
    config_path: str,
) -> tuple[tuple[Link, ...] | None, list[ContentError]]:
    """Given the config, the posts and pages published and those left out (drafts, scheduled),
    returns the menu's links in order (None when the site has no `[[menu]]`: the theme's default)
    and the problems of its entries: an error for a file that does not exist, a warning for one
    not published in this build (its entry is left out until it is)."""
    if not config.menu:
        return None, []
    by_source = {post.source: post for post in published}
    unpublished = {post.source for post in left_out}
    number = {id(entry): position for position, entry in enumerate(config.menu)}
    links: list[Link] = []
    problems: list[ContentError] = []
    for entry in menu_order(config.menu):
        position = number[id(entry)]
        if entry.page is None:
            links.append(Link(entry.name, _fixed_url(config, entry)))
            continue
        source = f"{CONTENT_DIR}/{entry.page}"
        found = by_source.get(source)
        if found is not None:
            links.append(Link(entry.name, found.url))
            continue
        field = f"menu.{position}.page"
        line = config_line(config_text, field)
        if source in unpublished:
            problems.append(
                ContentError(
                    path=config_path,
                    line=line,
                    field=field,
                    message=f"{entry.page} is a draft or dated later, so the entry"
                    f" {entry.name!r} is left out of the menu in this build",
                    hint="publish the page, or remove the entry",
                    severity="warning",
                )
            )
            continue
        known = sorted(source.removeprefix(f"{CONTENT_DIR}/") for source in by_source)
        close = difflib.get_close_matches(entry.page, known, n=1)
        problems.append(
            ContentError(
                path=config_path,
                line=line,
                field=field,
                message=f"no file {entry.page} in the content folder",
                expected="the path of a page or post relative to content/, such as"
                " 'pages/about.md'",
                hint=f"did you mean {close[0]!r}?" if close else "check the file's name and folder",
            )
        )
    return tuple(links), problems


def _fixed_url(config: SiteConfig, entry: MenuEntry) -> str:
    """Given an entry with a `url` or a `target`, returns its site path or address."""
    if entry.url is not None:
        return entry.url
    permalinks = config.permalinks
    return {
        "home": permalinks.home_url(),
        "tags": permalinks.tags,
        "archive": permalinks.archive,
        "feed": permalinks.feed,
    }[str(entry.target)]
