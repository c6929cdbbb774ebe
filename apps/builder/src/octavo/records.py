"""What the last build into an output folder left, and whether this build may trust it.

One object answers, for the render and write phases, every question about the previous build:
is the folder as that build left it (its manifest token, no interrupted update), what each page
was built from, and whether the site's structure (every post's placement, the settings, the
templates, the engine) is the same. The render phase asks it which pages may keep their record;
the write phase has it save the new records, in the same transaction that marks the build's
posts as published.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from octavo.cache import BuildCache, OutputRecord
from octavo.moves import History
from octavo.search import SearchState
from octavo.writer import OutputWriter


class BuildRecords:
    """The records of one output folder in the build cache, trusted or not."""

    def __init__(
        self,
        cache: BuildCache | None,
        writer: OutputWriter,
        output: str,
        structure: str,
        history: History | None = None,
    ) -> None:
        """`history`: the posts' URLs and the redirects of moved posts, to save for next time."""
        previous = writer.previous
        self.history = history
        self._cache = cache
        self._output = output
        self.structure = structure
        self.trusted = (
            cache is not None
            and previous is not None
            and not previous.interrupted
            and cache.meta(f"token:{output}") == previous.token
        )
        self.outputs: dict[str, OutputRecord] = (
            cache.outputs(output) if cache is not None and self.trusted else {}
        )
        self.same_structure = (
            self.trusted and cache is not None and cache.meta(f"structure:{output}") == structure
        )
        # The records the cache holds once `save` succeeded.
        self.saved: dict[str, OutputRecord] | None = None
        # The search index this folder holds, and the one this build leaves (`save`).
        self.search: SearchState | None = (
            SearchState.loads(cache.meta(f"search:{output}"))
            if cache is not None and self.trusted
            else None
        )
        self.new_search: SearchState | None = None

    def standing(self, url: str, changed_posts: frozenset[str]) -> OutputRecord | None:
        """The record of `url` when its page cannot have changed, without building its view.

        With the same structure, every page lists the same posts in the same places, so its view
        can only differ where it shows a post whose bytes changed.
        """
        known = self.outputs.get(url)
        if known is None or not self.same_structure or known.shows & changed_posts:
            return None
        return known

    def save(
        self, fresh: dict[str, OutputRecord], urls: Iterable[str], token: str
    ) -> sqlite3.Error | OSError | None:
        """Record this build's pages (`fresh`: those built again; `urls`: all of them).

        Returns the failure when the cache could not be written: the site is published then,
        but not recorded.
        """
        cache = self._cache
        if cache is None:
            return None
        output = self._output
        try:
            if not self.trusted:  # records of another state of the folder: start them anew
                cache.forget_outputs(output)
            removed = set(self.outputs) - set(urls)
            cache.store_outputs(output, fresh, removed)
            cache.set_meta(f"token:{output}", token)
            cache.set_meta(f"structure:{output}", self.structure)
            search = "" if self.new_search is None else self.new_search.dumps()
            if cache.meta(f"search:{output}") != search:
                cache.set_meta(f"search:{output}", search)
            if self.history is not None:
                urls, moved = self.history.dumps()
                for key, value in ((f"urls:{output}", urls), (f"moved:{output}", moved)):
                    if cache.meta(key) != value:
                        cache.set_meta(key, value)
            cache.mark_built(output)  # the posts this build loaded are now published there
            cache.commit()
        except (sqlite3.Error, OSError) as failure:
            return failure
        kept = {url: record for url, record in self.outputs.items() if url not in removed}
        self.saved = kept | fresh
        return None
