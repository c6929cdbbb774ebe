"""The digest of a view: a page's fingerprint is the digest of the very data its template gets.

Nothing a template can print is left out, because nothing is chosen: every value of the view is
walked. A post stands in by the content hash of its file, whether the view holds the post itself
(a light post: everything but its HTML) or a reference to its HTML (`BodyRef`), since a post is
made from its file and the site's settings alone. The walk collects the posts a view shows, so a
build knows which pages an edit to a post can change. A value of a type the walk does not know is
an error, never skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel

from octavo_content import LightPost
from octavo_render.bodies import BodyRef

# The field names of each dataclass a view holds, and how its digest opens: once per type.
_FIELDS: dict[type, tuple[str, ...]] = {}
_OPENING: dict[type, bytes] = {}


@dataclass(frozen=True)
class ViewPrint:
    """A view's digest, and the source paths of the posts whose content it holds."""

    digest: str
    shows: frozenset[str]


class ViewDigester:
    """Digests views: a page's fingerprint, and the posts it shows."""

    def __init__(self, content_digests: Mapping[str, str], renders_with: str = "") -> None:
        """`content_digests`: each post's content hash by source path. `renders_with`: a digest
        of what turns a view into bytes (the templates, the engine, the settings they read),
        which every page's digest includes."""
        self._contents = content_digests
        self._renders_with = renders_with

    def digest(self, value: object) -> ViewPrint:
        """The digest of `value` and the posts it shows."""
        shows: set[str] = set()
        hasher = hashlib.blake2b(digest_size=16)
        hasher.update(self._renders_with.encode())
        self._feed(value, hasher, shows)
        return ViewPrint(hasher.hexdigest(), frozenset(shows))

    def _feed(self, value: object, hasher: Any, shows: set[str]) -> None:
        # The commonest values first, by exact type: a cold build digests every page's view.
        kind = type(value)
        if kind is str:
            text: str = value  # type: ignore[assignment]
            hasher.update(b"s%d:" % len(text))
            hasher.update(text.encode("utf-8", "surrogatepass"))
            return
        names = _FIELDS.get(kind)
        if names is not None:  # a dataclass of a type seen before
            hasher.update(_OPENING[kind])
            for name in names:
                self._feed(getattr(value, name), hasher, shows)
            hasher.update(b">")
            return
        if value is None or isinstance(value, bool | int | float):
            hasher.update(f"<{value!r}>".encode())
        elif isinstance(value, str):  # Markup too: what it prints is its text
            hasher.update(b"s%d:" % len(value))
            hasher.update(value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, BodyRef):
            if value.digest != self._content_of(value.source):
                raise ValueError(f"a reference to {value.source}'s HTML has another content hash")
            hasher.update(f"<{type(value).__name__} {value.source} {value.part}>".encode())
            hasher.update(value.digest.encode())
            shows.add(value.source)
        elif isinstance(value, tuple | list):
            hasher.update(b"(%d" % len(value))
            for item in value:
                self._feed(item, hasher, shows)
            hasher.update(b")")
        elif isinstance(value, dict):
            hasher.update(b"{%d" % len(value))
            for key in sorted(value, key=repr):
                self._feed(key, hasher, shows)
                self._feed(value[key], hasher, shows)
            hasher.update(b"}")
        elif isinstance(value, datetime | date | time):
            hasher.update(f"<{type(value).__name__} {value.isoformat()}>".encode())
        elif isinstance(value, LightPost):
            # A post is made from its file and the settings alone: its content hash stands for it.
            hasher.update(f"<post {value.source} {self._content_of(value.source)}>".encode())
            shows.add(value.source)
        elif isinstance(value, BaseModel):
            hasher.update(type(value).__qualname__.encode())
            hasher.update(value.model_dump_json().encode("utf-8", "surrogatepass"))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            _FIELDS[kind] = tuple(field.name for field in dataclasses.fields(value))
            _OPENING[kind] = f"<{kind.__module__}.{kind.__qualname__}".encode()
            self._feed(value, hasher, shows)
        else:
            raise TypeError(f"a view holds a {type(value).__qualname__}, which has no digest")

    def _content_of(self, source: str) -> str:
        try:
            return self._contents[source]
        except KeyError:
            raise ValueError(f"a view shows {source}, whose content hash is unknown") from None
