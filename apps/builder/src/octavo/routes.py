"""Phase 3, route: every output claims its URL before anything renders."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from octavo.writer import is_safe_relative
from octavo_content import MAX_NAME_BYTES, ContentError, Post, output_file

Render = Callable[[], bytes]


@dataclass(frozen=True)
class Claimant:
    """Who claims a URL: a description for messages, and the file and line to point at."""

    what: str
    path: str
    line: int | None = None


@dataclass(frozen=True)
class Route:
    """One output: its URL path, who claimed it, and how to make its bytes."""

    url: str
    claimant: Claimant
    render: Render
    # A digest of everything the output is made from: equal to last build's, it is not rendered.
    # Computed on demand, since a rebuild after a body edit needs only a few of them.
    fingerprint: Callable[[], str]
    # The posts whose content the output shows (its fingerprint reads their source digests).
    shows: tuple[Post, ...] = ()
    in_sitemap: bool = False
    # False for outputs whose fingerprint reads files of their own (static files), which the
    # site's structure says nothing about: theirs is computed on every build.
    structural: bool = True


class RouteTable:
    """Output file -> route. Two claims on one file are an error naming every claimant.

    A route is keyed by the file it writes, not by its URL: `/` and `/index.html` are one file.
    Keys are case-folded, since two names that differ only in case are one file on the file
    systems of macOS and Windows.
    """

    def __init__(self) -> None:
        self._claims: dict[str, list[Route]] = {}

    def claim(self, route: Route) -> None:
        """Record that `route` wants its URL."""
        key = output_file(route.url).casefold()
        self._claims.setdefault(key, []).append(route)

    def __iter__(self) -> Iterator[Route]:
        for routes in self._claims.values():
            yield routes[0]

    def __len__(self) -> int:
        return len(self._claims)

    def conflicts(self) -> list[ContentError]:
        """Errors for every claim that cannot be written: twice claimed, clashing or reserved."""
        return [*self._twice_claimed(), *self._clashes(), *self._unwritable()]

    def _twice_claimed(self) -> list[ContentError]:
        """One error per claimant of every file claimed more than once."""
        errors: list[ContentError] = []
        for routes in self._claims.values():
            if len(routes) < 2:
                continue
            names = ", ".join(route.claimant.what for route in routes)
            for route in routes:
                errors.append(
                    ContentError(
                        path=route.claimant.path,
                        line=route.claimant.line,
                        field="url",
                        message=f"{route.url} is claimed {len(routes)} times: {names}",
                        expected="one output per URL",
                        hint="give one of the posts another slug (slug: ...) or rename the file",
                    )
                )
        return errors

    def _clashes(self) -> list[ContentError]:
        """Errors for a file that another claim needs as a folder (`/a` and `/a/b/`)."""
        errors: list[ContentError] = []
        for key, routes in self._claims.items():
            parts = key.split("/")
            for depth in range(1, len(parts)):
                folder = self._claims.get("/".join(parts[:depth]))
                if folder is None:
                    continue
                inner, outer = routes[0], folder[0]
                names = f"{outer.claimant.what} and {inner.claimant.what}"
                for route in (outer, inner):
                    errors.append(
                        ContentError(
                            path=route.claimant.path,
                            line=route.claimant.line,
                            field="url",
                            message=f"{outer.url} is a file, and {inner.url} needs it to be a "
                            f"folder: {names}",
                            expected="no URL that is a file inside another URL",
                            hint="end the URL of the first with / (a folder), "
                            "or give one of them another URL",
                        )
                    )
        return errors

    def _unwritable(self) -> list[ContentError]:
        """Errors for URLs that leave the output, take the writer's names, or are too long."""
        errors = []
        for key, routes in self._claims.items():
            if not is_safe_relative(key):
                why = "it leaves the output folder or takes a name Octavo keeps (.octavo-*)"
            elif any(len(part.encode()) > MAX_NAME_BYTES for part in key.split("/")):
                why = f"a part of it is longer than {MAX_NAME_BYTES} bytes, more than a file name"
            else:
                continue
            errors.append(
                ContentError(
                    path=routes[0].claimant.path,
                    line=routes[0].claimant.line,
                    field="url",
                    message=f"{routes[0].url} cannot be written: {why}",
                    expected=f"a URL inside the site, each part at most {MAX_NAME_BYTES} bytes, "
                    "not starting with /.octavo-",
                    hint="rename the file or change the permalink",
                )
            )
        return errors


_URL_KEY = re.compile(rb"^\s*(slug|title)\s*[:=]", re.MULTILINE)


def url_line(source: bytes) -> int:
    """The line of the front matter key a post's URL comes from: `slug` if given, else `title`."""
    found = {m.group(1): source.count(b"\n", 0, m.start()) + 1 for m in _URL_KEY.finditer(source)}
    return found.get(b"slug") or found.get(b"title") or 1
