"""Phase 3, route: every output claims its URL before anything renders."""

from __future__ import annotations

from collections.abc import Iterator

from octavo.pages import Claimant, Page
from octavo.writer import is_safe_relative
from octavo_content import MAX_NAME_BYTES, ContentError, output_file


class RouteTable:
    """Output file -> route. Two claims on one file are an error naming every claimant.

    A route is keyed by the file it writes, not by its URL: `/` and `/index.html` are one file.
    Keys are case-folded, since two names that differ only in case are one file on the file
    systems of macOS and Windows.
    """

    def __init__(self) -> None:
        self._claims: dict[str, list[Page]] = {}
        # Folders a later step fills (the search index), by output folder: no page may claim
        # a file in one.
        self._reserved: dict[str, tuple[str, Claimant]] = {}
        self._urls: tuple[str, ...] | None = None

    def reserve(self, folder_url: str, claimant: Claimant) -> None:
        """Keep the folder at `folder_url` (`/pagefind/`) for `claimant`'s files."""
        key = folder_url.strip("/").casefold() + "/"
        self._reserved[key] = (folder_url, claimant)

    def claim(self, page: Page) -> None:
        """Record that `page` wants its URL."""
        key = output_file(page.url).casefold()
        self._claims.setdefault(key, []).append(page)
        self._urls = None

    @property
    def urls(self) -> tuple[str, ...]:
        """The URL of every route, in order; made once (a resident reuses the table)."""
        if self._urls is None:
            self._urls = tuple(page.url for page in self)
        return self._urls

    def claims(self, url: str) -> int:
        """How many pages claim the file that serves `url`."""
        return len(self._claims.get(output_file(url).casefold(), ()))

    def __iter__(self) -> Iterator[Page]:
        for routes in self._claims.values():
            yield routes[0]

    def __len__(self) -> int:
        return len(self._claims)

    def conflicts(self) -> list[ContentError]:
        """Errors for every claim that cannot be written: twice claimed, clashing or reserved."""
        return [
            *self._twice_claimed(),
            *self._clashes(),
            *self._unwritable(),
            *self._in_reserved(),
        ]

    def _in_reserved(self) -> list[ContentError]:
        """Errors for pages that claim a file in a reserved folder, or the folder as a file."""
        errors = []
        for key, routes in self._claims.items():
            for folder, (url, claimant) in self._reserved.items():
                if not (key.startswith(folder) or key == folder.rstrip("/")):
                    continue
                route = routes[0]
                errors.append(
                    ContentError(
                        path=route.claimant.path,
                        line=route.claimant.line,
                        field="url",
                        message=f"{route.url} is inside {url}, which {claimant.what} takes",
                        expected=f"no page or static file under {url}",
                        hint="give the page another URL, or move the file out of that folder "
                        "(or turn search off: search = false in octavo.toml)",
                    )
                )
        return errors

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
