"""The ASGI apps: serving mode is the static server alone; writing mode adds the reload
script, the build event stream and the watcher."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Mount, Route

from octavo_server.headers import SECURITY_HEADERS
from octavo_server.live import EVENTS_URL, RELOAD_SCRIPT_URL, LiveSite
from octavo_server.static import StaticSite

# Names the folder for `uvicorn --factory octavo_server.app:app_from_environment`, which is
# how several worker processes each build their own app.
ROOT_VARIABLE = "OCTAVO_SERVE_ROOT"
# And the path the folder is served under (`/blog/`), `/` when unset.
PREFIX_VARIABLE = "OCTAVO_SERVE_PREFIX"
SECURITY = {name.decode(): value.decode() for name, value in SECURITY_HEADERS}


def serving_app(root: Path, prefix: str = "/") -> StaticSite:
    """Given a built folder, returns the app that serves it under `prefix` (`/blog/`; no reload,
    long-lived caching). Bare ASGI, without Starlette's router and middleware: it has one job
    and must be fast."""
    return StaticSite(root, prefix=prefix)


def app_from_environment() -> StaticSite:
    """Returns the serving app for the folder named by OCTAVO_SERVE_ROOT, under the path in
    OCTAVO_SERVE_PREFIX."""
    return serving_app(Path(os.environ[ROOT_VARIABLE]), os.environ.get(PREFIX_VARIABLE, "/"))


def writing_app(live: LiveSite) -> Starlette:
    """Given a live site, returns the app that serves its last good build with live reload."""
    live.output.mkdir(parents=True, exist_ok=True)
    static = StaticSite(live.output, live=live)
    script = files("octavo_server").joinpath("reload.js").read_bytes()

    async def reload_script(request: Request) -> Response:
        headers = {"cache-control": "no-cache", **SECURITY}
        return Response(script, media_type="text/javascript; charset=utf-8", headers=headers)

    async def events(request: Request) -> StreamingResponse:
        headers = {"cache-control": "no-store", **SECURITY}
        return StreamingResponse(live.events(), media_type="text/event-stream", headers=headers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        watcher = asyncio.create_task(live.watch())
        try:
            yield
        finally:
            live.close()
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    routes = [
        Route(RELOAD_SCRIPT_URL, reload_script),
        Route(EVENTS_URL, events),
        Mount("/", app=static),
    ]
    return Starlette(routes=routes, lifespan=lifespan)
