"""The search index: Pagefind's index of the site's posts and pages, made after they render.

Pagefind (`pagefind[bin]` on PyPI carries its binary) reads each post's and page's HTML from
memory, as its Python API does, and hands back the index files, which the builder's writer
stages and publishes with the rest of the build under `/pagefind/` (`INDEX_URL`): nothing
half-written, and a file of an earlier index that this one no longer has is removed as any
page's is. The templates say what is indexed (`data-pagefind-body` on the article: its title,
headings, text and tags; `data-pagefind-ignore` on what is not).

An index is made from the bytes of the pages it indexes and nothing else: when none of them
changed since the last build into the same folder (`SearchState.inputs`), the index files stay
as they are. Pagefind's output is the same for the same pages given in the same order, so an
index made again equals a clean build's.

The service is spoken to directly (`pagefind --service`, base64 JSON messages ended by commas,
as the `pagefind` package's `PagefindIndex` does): that client waits a tenth of a second before
reading each answer, ten pages a second, which would take a 10,000-post site 17 minutes.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import subprocess
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import IO, Any

from octavo.fingerprint import digest
from octavo.pages import Claimant
from octavo_content import ContentError
from octavo_render import SEARCH_INDEX

# Pagefind's files are served from this folder of the site; no other page may take a file in it.
INDEX_URL = SEARCH_INDEX
CLAIMANT = Claimant("the search index", "octavo.toml", None)
# What Pagefind is told: the heading self-links the Markdown renderer adds are no words.
INDEX_CONFIG: dict[str, Any] = {"exclude_selectors": [".heading-link"]}
# Pagefind's ready-made interfaces: the theme has its own, which runs under a strict CSP.
_UNUSED = re.compile(r"pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)")


@dataclass(frozen=True)
class SearchState:
    """What the index in an output folder was made from, and the digest of each of its files."""

    inputs: str
    # URL (`/pagefind/pagefind.js`) -> digest of its bytes.
    files: Mapping[str, str]

    def dumps(self) -> str:
        """The state as JSON, for the build cache."""
        return json.dumps({"inputs": self.inputs, "files": dict(sorted(self.files.items()))})

    @classmethod
    def loads(cls, text: str | None) -> SearchState | None:
        """The state saved by `dumps`, or None for none (or one that cannot be read)."""
        try:
            data = json.loads(text or "")
            return cls(str(data["inputs"]), {str(k): str(v) for k, v in data["files"].items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


class SearchFailed(Exception):
    """Pagefind could not be run, or answered with an error."""


def pagefind_version() -> str:
    """The installed Pagefind binary's version ("none" when it is not installed)."""
    try:
        return version("pagefind-bin")
    except PackageNotFoundError:
        return "none"


def index_inputs(pages: Iterable[tuple[str, str]]) -> str:
    """The digest of what an index is made from: each indexed page's URL and bytes digest, in
    order, the Pagefind version and what it is told."""
    return digest(pagefind_version(), INDEX_CONFIG, tuple(pages))


def search_index(pages: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """Given each indexed page's URL and HTML, in order, returns the index's files by URL
    (`/pagefind/pagefind.js`). Raises SearchFailed when Pagefind cannot make it."""
    with Pagefind() as service:
        files = service.index(pages)
    return {
        INDEX_URL + path: data
        for path, data in sorted(files.items())
        if not _UNUSED.fullmatch(path.rsplit("/", 1)[-1])
    }


def search_error(failure: Exception) -> ContentError:
    """The error of a build whose search index could not be made."""
    return ContentError(
        path="octavo.toml",
        field="search",
        message=f"the search index could not be made: {failure}",
        expected="Pagefind installed with Octavo (the pagefind[bin] package)",
        hint="reinstall Octavo, or build without search: octavo build --no-search, "
        "or search = false in octavo.toml",
    )


class Pagefind:
    """One `pagefind --service` process, spoken to in order: requests are written by a thread
    while the answers are read, so neither pipe fills up and waits for the other."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._buffer = bytearray()
        self._next_id = 0

    def __enter__(self) -> Pagefind:
        try:
            from pagefind.service import get_executable
        except ImportError as missing:
            raise SearchFailed("the pagefind package is not installed") from missing
        binary = get_executable()
        if binary is None:
            raise SearchFailed("the pagefind binary is not installed (pagefind[bin])")
        try:
            self._process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as failure:
            raise SearchFailed(f"cannot run {binary}: {failure}") from failure
        return self

    def __exit__(self, *exc: object) -> None:
        process = self._process
        if process is None:
            return
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(OSError):  # the service has gone: nothing to flush
                process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def index(self, pages: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
        """Given pages (URL, HTML), returns the files of their index by path in the folder."""
        index_id = self._ask([{"type": "NewIndex", "config": INDEX_CONFIG}])[0]["index_id"]
        requests: list[dict[str, Any]] = [
            {
                "type": "AddFile",
                "index_id": index_id,
                "url": url,
                "file_path": None,
                "file_contents": html.decode("utf-8", "replace"),
            }
            for url, html in pages
        ]
        requests.append({"type": "GetFiles", "index_id": index_id})
        answers = self._ask(requests)
        return {file["path"]: base64.b64decode(file["content"]) for file in answers[-1]["files"]}

    def _ask(self, payloads: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send every payload, in order; returns their answers in the same order."""
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        first = self._next_id + 1
        self._next_id += len(payloads)
        failures: list[OSError] = []

        def send(stdin: IO[bytes]) -> None:
            try:
                for number, payload in enumerate(payloads, first):
                    message = json.dumps({"message_id": number, "payload": payload})
                    stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
                stdin.flush()
            except OSError as failure:  # the service stopped: the reader says so
                failures.append(failure)

        writer = threading.Thread(target=send, args=(process.stdin,), daemon=True)
        writer.start()
        answers: dict[int, dict[str, Any]] = {}
        try:
            while len(answers) < len(payloads):
                answer = self._receive(process.stdout)
                payload = answer.get("payload", {})
                if payload.get("type") == "Error":
                    raise SearchFailed(str(payload.get("message", "Pagefind failed")))
                answers[int(answer["message_id"])] = payload
        finally:
            if len(answers) < len(payloads):
                process.kill()  # the writer may wait on a full pipe: end it
            writer.join()
        return [answers[number] for number in range(first, first + len(payloads))]

    def _receive(self, stdout: IO[bytes]) -> dict[str, Any]:
        """The next answer of the service (base64 has no comma: a comma ends a message)."""
        scanned = 0  # the index's answer is tens of megabytes: scan each byte once
        while True:
            end = self._buffer.find(b",", scanned)
            if end >= 0:
                message = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                answer: dict[str, Any] = json.loads(base64.b64decode(message))
                return answer
            scanned = len(self._buffer)
            chunk = stdout.read1(1 << 20) if hasattr(stdout, "read1") else stdout.read(1 << 16)
            if not chunk:
                raise SearchFailed("the pagefind service stopped before answering")
            self._buffer.extend(chunk)
