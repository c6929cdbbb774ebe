"""External links (`octavo check --external`): asked of their servers at once, each within a
timeout and all within a deadline, and remembered between runs.

Each URL is asked with HEAD, then with GET where HEAD fails (many servers refuse or mishandle
HEAD). A URL that answered well is not asked again for a day (`SITE/.octavo/links.json`, a JSON
file of outcomes with the time each was found); one that failed is asked again on every run. A
server that refuses robots (403), asks to slow down (429) or does not answer in time is a
warning, not an error: the page may well be there.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

# How long a good answer is believed.
GOOD_FOR = 24 * 60 * 60
# Statuses that say "not to you, not now" rather than "not here".
_WARNING_STATUSES = frozenset({401, 403, 429})
_USER_AGENT = "octavo-check/1 (link checker; +https://github.com/)"
_CACHE_VERSION = 1


@dataclass(frozen=True)
class Outcome:
    """What asking one URL gave: its final status (None when no answer came) and why not."""

    url: str
    status: int | None
    reason: str
    # When it was found, as a POSIX timestamp.
    checked: float

    @property
    def severity(self) -> Literal["ok", "warning", "error"]:
        """ok for an answer under 400; warning for one that may not mean the page is gone (401,
        403, 429, no answer in time); error for every other failure."""
        if self.status is not None and self.status < 400:
            return "ok"
        if self.status in _WARNING_STATUSES or self.reason.startswith(("timed out", "not asked")):
            return "warning"
        return "error"


Fetch = Callable[[str, str, float], int]


def fetch_status(url: str, method: str, timeout: float) -> int:
    """Given a URL, a method and a timeout, returns the status of its final answer (redirects
    followed); an HTTP error status is returned, any other failure raised as OSError."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as answer:
        return answer.code


def ask(url: str, timeout: float, fetch: Fetch = fetch_status) -> Outcome:
    """Given a URL, returns its outcome: HEAD, then GET when HEAD did not answer well."""
    status: int | None = None
    reason = ""
    for method in ("HEAD", "GET"):
        try:
            status = fetch(url, method, timeout)
            reason = f"HTTP {status}"
        except TimeoutError:
            status, reason = None, f"timed out after {timeout:g} s"
        except (OSError, ValueError, http.client.HTTPException) as failure:
            status, reason = None, _failure_reason(failure)
        if status is not None and status < 400:
            break
    return Outcome(url, status, reason, time.time())


def _failure_reason(failure: Exception) -> str:
    """Given why a request failed, returns it in a few words."""
    inner = getattr(failure, "reason", None)
    if isinstance(inner, TimeoutError | socket.timeout):
        return "timed out"
    return str(inner or failure) or type(failure).__name__


class LinkCache:
    """The outcomes of earlier runs, by URL: a JSON file that may be missing or damaged (then
    empty: it is only a shortcut)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.outcomes: dict[str, Outcome] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == _CACHE_VERSION:
                for found in data["links"]:
                    outcome = Outcome(**found)
                    self.outcomes[outcome.url] = outcome
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.outcomes = {}

    def good(self, url: str, now: float) -> Outcome | None:
        """Given a URL, returns its outcome when it was good less than `GOOD_FOR` ago."""
        outcome = self.outcomes.get(url)
        if outcome is None or outcome.severity != "ok" or now - outcome.checked > GOOD_FOR:
            return None
        return outcome

    def save(self, outcomes: Iterable[Outcome]) -> None:
        """Record `outcomes` with the ones kept; written whole, then renamed into place."""
        for outcome in outcomes:
            self.outcomes[outcome.url] = outcome
        data = {"version": _CACHE_VERSION, "links": [asdict(o) for o in self.outcomes.values()]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data, indent=0), encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass  # the next run asks again


def check_urls(
    urls: Iterable[str],
    cache: LinkCache,
    *,
    timeout: float = 10.0,
    deadline: float = 60.0,
    workers: int = 16,
    fetch: Fetch = fetch_status,
) -> dict[str, Outcome]:
    """Given URLs, returns the outcome of each: from the cache when it was good lately, else
    asked, `workers` at a time, each within `timeout` seconds; those not answered when
    `deadline` seconds have passed are warnings (not asked). Saves what was asked."""
    started = time.time()
    outcomes: dict[str, Outcome] = {}
    to_ask = []
    for url in dict.fromkeys(urls):
        known = cache.good(url, started)
        if known is not None:
            outcomes[url] = known
        else:
            to_ask.append(url)
    if not to_ask:
        return outcomes
    asked: dict[Future[Outcome], str] = {}
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="octavo-link")
    try:
        for url in to_ask:
            asked[pool.submit(ask, url, timeout, fetch)] = url
        pending = set(asked)
        while pending:
            left = deadline - (time.time() - started)
            if left <= 0:
                break
            done, pending = wait(pending, timeout=left, return_when=FIRST_COMPLETED)
            for future in done:
                outcomes[asked[future]] = future.result()
    finally:
        # Requests still waiting are not waited for: each ends within its own timeout.
        pool.shutdown(wait=False, cancel_futures=True)
    asked_urls = set(to_ask)
    cache.save(outcome for url, outcome in outcomes.items() if url in asked_urls)
    now = time.time()
    for url in to_ask:
        if url not in outcomes:
            reason = f"not asked: the check's deadline of {deadline:g} s passed first"
            outcomes[url] = Outcome(url, None, reason, now)
    return outcomes
