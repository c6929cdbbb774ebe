"""Work on every core: parsing and rendering in a pool of forked processes.

Forked workers inherit the parent's memory (the posts, the route table, the jinja2 environment),
so only small indices and results cross the process boundary. A mistune `Markdown` with plugins
does not pickle, so each worker builds its own in the pool initializer.

`Pool.terminate` (which leaving a `with Pool` calls) stops the workers that are still running with
SIGTERM. Forked workers inherit the program's signal handlers, and a program that handles SIGTERM
itself (`octavo serve`: uvicorn does) left them alive, blocked on the pool's queue lock, with the
build waiting for them forever. So every worker first gives SIGTERM its default action back.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import Pool
from typing import Any, TypeVar

from octavo_content import ImageInfo, LightPost, SiteConfig, placement_digest
from octavo_parser import ParseResult, parse_post

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more to start than it saves.
SMALLEST_POOL_JOB = 48

# Set in the parent just before forking; read by the workers.
_SHARED: dict[str, Any] = {}


def default_jobs() -> int:
    """How many processes to use by default: one per core this process may run on.

    One where processes cannot be forked (Windows): the workers share the parent's memory by
    forking, and a build in one process is slower but the same.
    """
    if not can_fork():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """True where worker processes can be forked from this one."""
    return "fork" in multiprocessing.get_all_start_methods()


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """Runs first in each worker: SIGTERM ends it whatever the forking program made of SIGTERM,
    then the pool's own initializer."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    if initializer is not None:
        initializer(*initargs)


@contextmanager
def _forked_pool(
    jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> Iterator[Pool]:
    """A pool of `jobs` forked workers that SIGTERM ends. SIGTERM is blocked in this thread while
    it forks them (a worker inherits the mask), so none arrives before a worker resets it."""
    context = multiprocessing.get_context("fork")
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        pool = context.Pool(jobs, initializer=_start_worker, initargs=(initializer, initargs))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    with pool:
        yield pool


def _warm_parser(config: SiteConfig, images: Mapping[str, ImageInfo]) -> None:
    from octavo_parser.markdown import markdown_for
    from octavo_parser.words import site_words

    _SHARED["config"] = config
    _SHARED["images"] = images
    markdown_for(config.raw_html, site_words(config))


@dataclass(frozen=True)
class Parsed:
    """A post file parsed: the parser's result, and the post's light form and placement digest
    (made in the worker too: they cost a build as much as a tenth of its parse otherwise)."""

    result: ParseResult
    light: LightPost | None
    placement: str


def _parse(item: tuple[bytes, str]) -> Parsed:
    result = parse_post(item[0], item[1], _SHARED["config"], _SHARED["images"])
    if result.post is None:
        return Parsed(result, None, "")
    light = result.post.light()
    return Parsed(result, light, placement_digest(light))


def parse_many(
    items: Sequence[tuple[bytes, str]],
    config: SiteConfig,
    jobs: int,
    images: Mapping[str, ImageInfo] | None = None,
) -> Iterator[Parsed]:
    """Parse `(source bytes, path)` pairs, in order, on up to `jobs` processes, with the
    site's measured images (by site-relative path)."""
    measured = images or {}
    if jobs <= 1 or len(items) < SMALLEST_POOL_JOB or not can_fork():
        _SHARED["config"], _SHARED["images"] = config, measured
        yield from map(_parse, items)
        return
    with _forked_pool(jobs, _warm_parser, (config, measured)) as pool:
        yield from pool.imap(_parse, items, chunksize=_chunk(len(items), jobs))


def _run_shared(index: int) -> Any:
    return _SHARED["work"](index)


def map_forked(work: Callable[[int], R], count: int, jobs: int) -> Iterator[R]:
    """`work(i)` for i in range(count), in order, in forked processes sharing this one's memory."""
    if jobs <= 1 or count < SMALLEST_POOL_JOB or not can_fork():
        yield from map(work, range(count))
        return
    _SHARED["work"] = work
    try:
        with _forked_pool(jobs) as pool:
            yield from pool.imap(_run_shared, range(count), chunksize=_chunk(count, jobs))
    finally:
        del _SHARED["work"]


def _chunk(count: int, jobs: int) -> int:
    # Enough chunks per worker to balance uneven pages, few enough to keep overhead low.
    return max(1, min(64, count // (jobs * 8)))
