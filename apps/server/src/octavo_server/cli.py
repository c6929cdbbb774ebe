"""`octavo serve`: registered in the `octavo` command through the `octavo.commands` entry point,
so the builder never imports the server."""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

from octavo import SitePaths
from octavo.layout import CONFIG_FILE
from octavo_server.app import PREFIX_VARIABLE, ROOT_VARIABLE, serving_app, writing_app
from octavo_server.live import LiveSite
from octavo_server.paths import site_prefix
from octavo_server.protocol import HangUpProtocol


def register(subparsers: Any) -> None:
    """Adds `serve` to the `octavo` command's subparsers."""
    serve = subparsers.add_parser(
        "serve",
        help="preview a site with live reload, or serve a built folder (--no-watch)",
        description="Writing mode (default): build SITE with its drafts, serve the last good "
        "build, rebuild on every change and reload open pages. Serving mode (--no-watch): "
        "serve a built folder (or SITE's output folder) as a production static server.",
    )
    serve.add_argument("site", nargs="?", type=Path, default=Path(), help="site or built folder")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    serve.add_argument(
        "--no-watch", dest="watch", action="store_false", help="serving mode: no build, no reload"
    )
    serve.add_argument(
        "-o", "--output", type=Path, help="output folder (writing mode: a temporary folder)"
    )
    # Two workers met the benchmark's targets on a two-core machine shared with the load
    # generator, where one did not always (docs/benchmarks.md).
    serve.add_argument(
        "--workers", type=int, default=2, help="serving mode: worker processes (default 2)"
    )
    serve.add_argument(
        "--base-url",
        metavar="URL",
        help="the address to preview the site at, instead of its base_url (writing mode builds "
        "for it; http://127.0.0.1:8000/ serves a /blog/ site at /)",
    )
    # Pagefind indexes every post again when one changes (about 3 s per 1,000 posts): a save
    # in writing mode would wait for it, so the preview leaves search out unless asked.
    serve.add_argument(
        "--search",
        action="store_true",
        help="writing mode: build the search page and index too (each save indexes again)",
    )
    serve.set_defaults(run=serve_command)


def serve_command(args: argparse.Namespace) -> int:
    """Runs the server until interrupted; returns the exit code."""
    # The `octavo` command turns the cycle collector off, as suits a short build; a server
    # runs for hours, and every connection leaves reference cycles (uvicorn's protocol and
    # its request cycles, asyncio tasks, exceptions and their tracebacks) that only the
    # collector frees.
    gc.enable()
    if args.base_url is not None:
        from octavo_content.config import absolute_base_url

        try:
            args.base_url = absolute_base_url(args.base_url)
        except ValueError as failure:
            print(f"error: --base-url: {failure}", file=sys.stderr)
            return 2
    if args.watch:
        return run_writing(args)
    return run_serving(args)


def served_folder(args: argparse.Namespace) -> Path:
    """Given the arguments of serving mode, returns the folder to serve: a site's output
    folder when given a site, else the folder itself."""
    if (args.site / CONFIG_FILE).is_file():
        output: Path = SitePaths.of(args.site, args.output).output
        return output
    folder: Path = args.output or args.site
    return folder


def served_prefix(args: argparse.Namespace) -> str | None:
    """Given the arguments of serving mode, returns the path to serve the folder under: that
    of --base-url, else of the site's base_url when given a site, else `/`; None (and says
    why) when the site's config is wrong."""
    if args.base_url is not None:
        return site_prefix(args.base_url)
    if not (args.site / CONFIG_FILE).is_file():
        return "/"
    from octavo_content import ContentErrors, SiteConfig

    try:
        return site_prefix(SiteConfig.load(args.site).base_url)
    except ContentErrors as failure:
        for error in failure.errors:
            print(f"error: {error}", file=sys.stderr)
        return None


def run_serving(args: argparse.Namespace) -> int:
    """Serves a built folder, in one process or several."""
    folder = served_folder(args)
    if not folder.is_dir():
        print(f"error: {folder} is not a folder; build the site first", file=sys.stderr)
        return 2
    prefix = served_prefix(args)
    if prefix is None:
        return 2
    print(
        f"Serving {folder} at http://{args.host}:{args.port}{prefix} (Ctrl-C to stop)",
        flush=True,
    )
    options = server_options(args)
    if args.workers > 1:
        # Each worker process builds its own app from the folder named in the environment.
        os.environ[ROOT_VARIABLE] = str(folder.resolve())
        os.environ[PREFIX_VARIABLE] = prefix
        uvicorn.run(
            "octavo_server.app:app_from_environment",
            factory=True,
            workers=args.workers,
            **options,
        )
    else:
        uvicorn.run(serving_app(folder, prefix), **options)
    return 0


def run_writing(args: argparse.Namespace) -> int:
    """Builds the site with its drafts, then serves and rebuilds it until interrupted."""
    if not (args.site / CONFIG_FILE).is_file():
        print(f"error: {args.site} has no {CONFIG_FILE}; is it a site folder?", file=sys.stderr)
        return 2
    # Ctrl-C and SIGTERM (a process manager's, a container's stop) end the preview alike,
    # during the first build or when uvicorn, stopped, raises the signal again: quietly, and
    # with the temporary folder removed (SIGTERM's default action left it behind).
    previous = {stop: signal.signal(stop, _stopped) for stop in _STOP_SIGNALS}
    # Drafts are built only for this preview: by default into a temporary folder, so they
    # never reach the site's publishable output.
    scratch = None if args.output else Path(tempfile.mkdtemp(prefix="octavo-serve-"))
    output = args.output or (scratch / "public" if scratch else Path("public"))
    live = LiveSite(args.site, output, base_url=args.base_url, search=args.search)
    try:
        live.build_now()
        print(
            f"Writing mode: http://{args.host}:{args.port}{live.prefix} shows {args.site} "
            "with drafts; saving a file rebuilds and reloads open pages (Ctrl-C to stop)",
            flush=True,
        )
        config = uvicorn.Config(writing_app(live), http=HangUpProtocol, **server_options(args))
        server = LiveServer(config, live)
        server.run()
    except _Stop:
        pass
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        for stop, handler in previous.items():
            signal.signal(stop, handler)
    return 0


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Stop(Exception):
    """Raised in the main thread by SIGINT or SIGTERM: the preview is to end."""


def _stopped(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def server_options(args: argparse.Namespace) -> dict[str, Any]:
    """Returns uvicorn's settings: quiet (no access log, which costs a third of the speed),
    and quick to stop even with pages listening for builds."""
    return {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "access_log": False,
        "server_header": False,
        "timeout_graceful_shutdown": 1,
    }


class LiveServer(uvicorn.Server):
    """uvicorn's server, ending the pages' event streams at Ctrl-C so it stops at once."""

    def __init__(self, config: uvicorn.Config, live: LiveSite) -> None:
        super().__init__(config)
        self.live = live

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if sig in {signal.SIGINT, signal.SIGTERM}:
            self.live.close()
        super().handle_exit(sig, frame)
