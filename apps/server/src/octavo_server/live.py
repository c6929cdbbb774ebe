"""Writing mode: build the site, watch it, rebuild on each change, and tell open pages over
Server-Sent Events whether to reload, swap their stylesheets, or show the build's errors."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

from rich.console import Console
from watchfiles import Change, DefaultFilter, awatch

from octavo import Builder, BuildReport, Resident
from octavo.layout import CONFIG_FILE
from octavo.report import show
from octavo_content import ContentError, ContentErrors, SiteConfig
from octavo_server.paths import site_prefix

RELOAD_SCRIPT_URL = "/_octavo/reload.js"
EVENTS_URL = "/_octavo/events"
# What the site's own files are; everything else in the folder (output, caches) is ignored.
WATCHED_FOLDERS = frozenset({"content", "templates", "static", "data"})
# Quiet for this long before a rebuild: an editor's save is a burst of events.
SETTLE_MS = 30
KEEPALIVE_SECONDS = 15.0
Changes = set[tuple[Change, str]]


class SiteFilter(DefaultFilter):
    """Passes changes to a site's content, templates, static files and config, and nothing
    under the output folder (which may sit inside the site)."""

    def __init__(self, site: Path, output: Path) -> None:
        super().__init__()
        self.site = site.resolve()
        self.output = output.resolve()

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        changed = Path(path)
        if changed == self.output or self.output in changed.parents:
            return False
        if not changed.is_relative_to(self.site):
            return False
        parts = changed.relative_to(self.site).parts
        return parts == (CONFIG_FILE,) or (len(parts) > 1 and parts[0] in WATCHED_FOLDERS)


def is_stylesheet_only(changes: Changes, site: Path) -> bool:
    """True when every change is a stylesheet under static/ that still exists: pages can swap
    their stylesheets instead of reloading."""
    static = site.resolve() / "static"
    return bool(changes) and all(
        kind != Change.deleted and path.endswith(".css") and Path(path).is_relative_to(static)
        for kind, path in changes
    )


def error_fields(report: BuildReport) -> tuple[dict[str, object], ...]:
    """Given a build's report, returns what the overlay shows of each error."""
    return tuple(
        {
            "path": error.path,
            "line": error.line,
            "field": error.field,
            "message": error.message,
            "hint": error.hint,
        }
        for error in report.errors
    )


def stopped(site: Path, failure: Exception, *, shown: bool) -> BuildReport:
    """Given a build that raised instead of reporting, returns a failed report saying so;
    `shown` says whether an earlier good build is still served."""
    served = "the last good build is still served; " if shown else ""
    problem = ContentError(
        path=str(site),
        message=f"the build stopped: {type(failure).__name__}: {failure}",
        hint=f"{served}the details are in the terminal running `octavo serve`, and saving a "
        "file builds again",
    )
    return BuildReport(problems=(problem,))


def script_tag(build: int) -> bytes:
    """Returns the tag that loads the reload client, naming the build the page comes from."""
    return f'<script src="{RELOAD_SCRIPT_URL}" data-build="{build}" defer></script>'.encode()


def with_script(page: bytes, tag: bytes) -> bytes:
    """Given an HTML page, returns it with the tag at the end of its head (or body)."""
    lowered = page.lower()
    for closing in (b"</head>", b"</body>"):
        at = lowered.find(closing)
        if at >= 0:
            return page[:at] + tag + page[at:]
    return page + tag


class LiveSite:
    """One site in writing mode: its builds, their outcome, and the pages listening."""

    def __init__(
        self,
        site: Path,
        output: Path,
        *,
        console: Console | None = None,
        base_url: str | None = None,
        search: bool = False,
    ) -> None:
        self.site = site
        self.output = output
        # Stands for the config's base_url (`octavo serve --base-url`), as in `octavo build`.
        self.base_url = base_url
        # Whether builds make the search page and index (`octavo serve --search`): Pagefind
        # indexes every post again when one changes, which a save would wait for.
        self.search = search
        # The path the site is served under: base_url's, read again at each build.
        self.prefix = "/"
        self.console = console or Console(soft_wrap=True)
        self.build = 0
        self.errors: tuple[dict[str, object], ...] = ()
        # Whether a good build is in the output folder: before the first, a failed build has
        # no last good build to show.
        self.shown = False
        self.stylesheet_only = False
        self._lock = asyncio.Lock()
        self._listeners: set[asyncio.Queue[str | None]] = set()
        self._stop = asyncio.Event()
        # What each build keeps in memory for the next: a save rebuilds in a fraction of the
        # time a command-line build takes (docs/benchmarks.md).
        self.resident = Resident()

    def build_now(self, changes: Changes | None = None) -> BuildReport:
        """Builds the site with its drafts and records the outcome; the last good build stays
        in the output folder when this one fails, whether it reports errors or raises."""
        # The watcher says which files changed, so the build need not walk them all; without
        # its word (the first build, a caller's), the build walks the site.
        self.resident.edited(None if changes is None else [path for _, path in changes])
        try:
            report = Builder(
                self.site,
                self.output,
                include_drafts=True,
                base_url=self.base_url,
                resident=self.resident,
                search=self.search,
            ).build()
        except Exception as failure:
            # A bug in a build, a full disk or a busy lock must not stop the preview: the
            # page shows the error, and the next save builds again, keeping nothing of this one.
            self.resident.forget()
            self.console.print_exception()
            report = stopped(self.site, failure, shown=self.shown)
        if report.ok:
            self.prefix = self.served_prefix()
        self.build += 1
        self.shown = self.shown or report.ok
        self.errors = error_fields(report)
        self.stylesheet_only = report.ok and is_stylesheet_only(changes or set(), self.site)
        show(report, self.console)
        return report

    def served_prefix(self) -> str:
        """The path the last good build is served under: its base_url's path."""
        if self.base_url is not None:
            return site_prefix(self.base_url)
        try:
            return site_prefix(SiteConfig.load(self.site).base_url)
        except ContentErrors:  # changed since the build: the next build reports it
            return self.prefix

    async def rebuild(self, changes: Changes) -> BuildReport:
        """Builds off the event loop, then tells every listening page."""
        async with self._lock:
            report = await asyncio.to_thread(self.build_now, changes)
        self.broadcast(self.message())
        return report

    async def idle(self) -> None:
        """Returns once no build is running."""
        async with self._lock:
            return

    def inject(self, page: bytes) -> bytes:
        """Given an HTML page, returns it with the reload script."""
        return with_script(page, script_tag(self.build))

    def message(self) -> str:
        """Returns the current state as one Server-Sent Event."""
        state = {
            "build": self.build,
            "stylesheet_only": self.stylesheet_only,
            "errors": self.errors,
            "shown": self.shown,
        }
        return f"event: build\ndata: {json.dumps(state)}\n\n"

    def broadcast(self, message: str | None) -> None:
        """Queues a message for every listening page; None ends their streams."""
        for queue in self._listeners:
            queue.put_nowait(message)

    async def events(self) -> AsyncIterator[str]:
        """Yields one page's event stream: the current state, then one event per build."""
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._listeners.add(queue)
        try:
            # A quick retry, so pages find the server again after a restart.
            yield "retry: 500\n" + self.message()
            while not self._stop.is_set():
                try:
                    message = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                if message is None:
                    return
                yield message
        finally:
            self._listeners.discard(queue)

    async def watch(self) -> None:
        """Rebuilds on every change to the site until `close`."""
        watch_filter = SiteFilter(self.site, self.output)
        async for changes in awatch(
            self.site,
            watch_filter=watch_filter,
            debounce=1000,
            step=SETTLE_MS,
            stop_event=self._stop,
        ):
            await self.rebuild(changes)

    def close(self) -> None:
        """Stops watching and ends every event stream; call it on the event loop."""
        self._stop.set()
        self.broadcast(None)
