"""What a long-running process (`octavo serve`) keeps of its last build of a site, so that the
next build redoes only what the edit changed.

A build from the command line reads every stored post from the cache (0.8 s at 10,000 posts) and
makes the indexes and the route table again (0.5 s): all of it is the same after an edit to one
post's text. A `Resident` keeps three things between builds, each used only when a check made at
that build shows it equals what the build would make again:

- **The site's state** (the stat of each file): a build told which files changed (`edited`)
  takes their stats again instead of walking the whole site (10,000 stats), when each is a file
  the state lists and the site has no symbolic links; anything else is walked again.
- **The last load and the page records** (what `load_site` and `BuildCache.outputs` return),
  and the moved-posts history saved with the records. They are trusted while the cache's load
  counter is the one this process's last load set (no other build loaded posts since) and the
  posts were parsed under the same settings. A build told which files changed makes its load
  from the last one (`load_site` given `last`: `reload_site`) when it can.
- **Phases 2 and 3** (indexes, menu, renderer, route table) of the last good build. They are
  reused when nothing they are made from changed: the same settings, templates and data, the same
  files besides the posts' own, every post published or set apart as before, and every edited
  post differing from its kept self only in `SHOWN_ONLY` fields. Those are read by views alone,
  which are made when a page renders; so the kept post is given the new values, and every page
  that shows it renders again (its record names it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from octavo.freshness import restated
from octavo.loading import POST_SUFFIXES, LoadedSite, PostStore
from octavo.moves import History
from octavo.routed import KeptRoutes
from octavo_content import LightPost

if TYPE_CHECKING:
    from octavo.cache import BuildCache, CachedPost, OutputRecord
    from octavo.freshness import SiteState, SourceFile

# The fields of a post that no index, menu or route reads: only its views show them. An edit
# that changes any other field (where it is listed, what it links to, which images it shows)
# makes the indexes and routes again. A field left out of this set only costs speed.
SHOWN_ONLY = frozenset({"description", "has_more", "toc", "word_count", "reading_minutes"})


class Resident:
    """What one long-running process keeps of its last build of one site and output."""

    def __init__(self) -> None:
        # The last load, as the kept routes hold its posts (without the bodies it parsed).
        self._site: LoadedSite | None = None
        self._parse_key = ""
        self._generation = -1
        # The records of one output folder as this process's last build saved them, and the
        # history of its posts' URLs (see `moves`) saved with them.
        self._outputs: tuple[str, dict[str, OutputRecord], History] | None = None
        # Whether this build may trust what is kept of the cache (set before its load).
        self._trusted = False
        self.kept: KeptRoutes | None = None
        # The site's state at the last build, for the build options it was read with, and the
        # files changed since then as a watcher reported them (None: not known, walk again).
        self._state: tuple[str, SiteState] | None = None
        self._edited: set[str] | None = None

    def edited(self, paths: Iterable[str | Path] | None) -> None:
        """Say which files changed since the last build (`octavo serve`'s watcher does), so
        the next build takes their stats again instead of walking the whole site. Without a
        word (or given None: not known), the next build walks the site."""
        if paths is None:
            self._edited = None
        else:
            self._edited = (self._edited or set()).union(os.path.realpath(p) for p in paths)

    def state_for(self, options: str) -> tuple[SiteState, tuple[SourceFile, ...]] | None:
        """The site's state for the next build with `options`: the last one with the edited
        files' stats taken again, and those files; None when the site must be walked (see
        `restated`)."""
        known, edited = self._state, self._edited
        if known is None or edited is None or known[0] != options:
            return None
        return restated(known[1], frozenset(edited))

    def keep_state(self, options: str, state: SiteState) -> None:
        """Remember the state a build read; the changes reported from now on are counted."""
        self._state = (options, state)
        self._edited = None

    def stored_posts(self, cache: BuildCache) -> dict[str, CachedPost] | None:
        """The posts `cache` holds, as this process's last load left them; None when another
        build may have changed the cache since (its `posts()` must be read then).

        Called once per build, before its load: it decides for the whole build whether what
        is kept of the cache is trusted.
        """
        self._trusted = (
            self._site is not None
            and cache.parse_key == self._parse_key
            and cache.meta_int("generation") == self._generation
        )
        return dict(self._site.entries) if self._site is not None and self._trusted else None

    def last_load(self) -> LoadedSite | None:
        """The last load of this process, to make the next from (`reload_site`); None unless
        the cache is trusted (see `stored_posts`)."""
        return self._site if self._trusted else None

    def stored_outputs(self, output: str) -> dict[str, OutputRecord] | None:
        """The records of `output` as this process's last build saved them; None unless the
        cache is trusted (see `stored_posts`) and that build saved them."""
        if not self._trusted or self._outputs is None or self._outputs[0] != output:
            return None
        return dict(self._outputs[1])

    def stored_history(self, output: str) -> History | None:
        """The history of `output` as this process's last build saved it; None unless the cache
        is trusted (see `stored_posts`) and that build saved it."""
        if not self._trusted or self._outputs is None or self._outputs[0] != output:
            return None
        return self._outputs[2]

    def keep_outputs(
        self, output: str, records: dict[str, OutputRecord] | None, history: History | None
    ) -> None:
        """Remember the records and history of `output` this build saved (None: it could not
        save them)."""
        if records is None or history is None:
            self._outputs = None
        else:
            self._outputs = (output, dict(records), history)

    def keep_posts(self, cache: BuildCache, site: LoadedSite) -> None:
        """Remember the posts this build's load left in `cache`: `site`, the load as the routes
        of this build hold its posts."""
        # The bodies it parsed are in the cache: holding them would keep every post's HTML.
        self._site = replace(site, store=PostStore({}, None))
        self._parse_key = cache.parse_key
        self._generation = cache.generation

    def forget(self) -> None:
        """Keep nothing: the next build reads and makes everything again."""
        self._site = None
        self._outputs = None
        self.kept = None
        self._state = None
        self._edited = None

    def keep_routes(self, kept: KeptRoutes) -> None:
        """Remember the phases 2 and 3 of a good build."""
        self.kept = kept

    def routes_for(
        self, site: LoadedSite, state: SiteState, renders_with: str, moves: dict[str, str]
    ) -> KeptRoutes | None:
        """The kept phases 2 and 3 when they equal what this build would make of `site`, with
        the kept posts given the edited posts' new values; None when they must be made again."""
        kept = self.kept
        if kept is None or kept.renders_with != renders_with or kept.recorded_moves != moves:
            return None
        if other_files(state) != kept.other_files or partition(site) != kept.partition:
            return None
        before = kept.routed.site
        edited: list[tuple[LightPost, LightPost]] = []
        for old in before.published:
            new = site.entries[old.source].post
            if new is old:
                continue
            if new is None or before.placements[old.source] != site.placements[old.source]:
                return None
            if not differs_only_in_shown(old, new):
                return None
            edited.append((old, new))
        for old, new in edited:
            show_as(old, new)
            # The next load finds the kept post, which the kept routes hold, under its source.
            site.entries[old.source] = replace(site.entries[old.source], post=old)
        # The kept renderer reads body digests from the kept site's mapping: update it there.
        before.digests.clear()
        before.digests.update(site.digests)
        same_posts = replace(
            site,
            posts=before.posts,
            pages=before.pages,
            digests=before.digests,
        )
        return replace(kept, routed=replace(kept.routed, site=same_posts))


def other_files(state: SiteState) -> frozenset[SourceFile]:
    """Every file of the site but its post sources."""
    kept = (f for f in state.content if not f.source.lower().endswith(POST_SUFFIXES))
    return frozenset((*kept, *state.static, *state.data))


def partition(site: LoadedSite) -> tuple[tuple[str, ...], ...]:
    """The sources of each group a load sets posts in, in order."""
    groups = (site.posts, site.pages, site.drafts, site.scheduled, site.expired)
    return tuple(tuple(post.source for post in group) for group in groups)


def differs_only_in_shown(old: LightPost, new: LightPost) -> bool:
    """Whether two parses of one post differ in `SHOWN_ONLY` fields alone."""
    return all(
        getattr(old, name) == getattr(new, name)
        for name in type(old).model_fields
        if name not in SHOWN_ONLY
    )


def show_as(kept: LightPost, edited: LightPost) -> None:
    """Give the kept post the edited one's `SHOWN_ONLY` values, in place: the kept indexes and
    route table hold the kept post, and its views read these when its pages render again.

    Posts are frozen so that nothing changes one by accident; this is the one place that
    does, and only in fields that nothing made before rendering reads.
    """
    for name in SHOWN_ONLY:
        kept.__dict__[name] = getattr(edited, name)
