"""Phase 4, render: make the bytes of every page that may have changed, on every core.

A page's fingerprint is the digest of its view (`octavo_render.ViewDigester`), or for a file, of
its bytes or stat. A page is rendered when its fingerprint differs from the one recorded by the
last build into the same folder. Three steps:
1. Pages that cannot have changed keep their record without building a view: with the same
   structure, those that show no post whose bytes changed (`BuildRecords.standing`).
2. The others' views are built and digested, in worker processes, when there is a record to
   compare with or when their posts' bodies must come from the cache (the digest names the posts
   each view shows, so only those bodies are read).
3. The pages whose fingerprint changed are rendered, in worker processes, from the bodies loaded
   once, in one query, before the workers start; their bytes go to the writer's staging folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from octavo.cache import OutputRecord
from octavo.fingerprint import bytes_digest
from octavo.loading import LoadedSite
from octavo.pages import FilePage, Page, TemplatePage
from octavo.parallel import map_forked
from octavo.progress import BuildProgress
from octavo.records import BuildRecords
from octavo.writer import OutputWriter
from octavo_content import ContentError, LightPost
from octavo_render import Renderer, ViewDigester, ViewPrint


@dataclass(frozen=True)
class Outcome:
    """What rendering one page gave: its new record and whether its file changed, or an error."""

    record: OutputRecord | None
    changed: bool
    error: ContentError | None = None


@dataclass(frozen=True)
class Rendered:
    """The render phase's result: the new records, the URLs whose files changed, any errors."""

    records: dict[str, OutputRecord]
    changed: list[str]
    errors: list[ContentError]
    count: int
    # URLs of files made after the pages, not in the route table: the search index's.
    extra: tuple[str, ...] = ()


def render_pages(
    pages: Sequence[Page],
    site: LoadedSite,
    renderer: Renderer,
    digester: ViewDigester,
    records: BuildRecords,
    writer: OutputWriter,
    jobs: int,
    progress: BuildProgress,
) -> Rendered:
    """Render what changed among `pages`, staging the files that changed with `writer`."""
    todo: list[tuple[Page, ViewPrint | None]] = []
    unknown: list[TemplatePage] = []
    for page in pages:
        known = records.outputs.get(page.url)
        if isinstance(page, FilePage):
            file_print = digester.digest(page.fingerprint())  # with what renders the site
            if known is None or known.fingerprint != file_print.digest:
                todo.append((page, file_print))
        elif records.standing(page.url, site.changed) is None:
            unknown.append(page)

    if records.outputs or not site.store.holds(site.published):
        progress.phase("digest", len(unknown))
        prints = list(map_forked(lambda i: digester.digest(unknown[i].view()), len(unknown), jobs))
        for page, view_print in zip(unknown, prints, strict=True):
            known = records.outputs.get(page.url)
            if known is None or known.fingerprint != view_print.digest:
                todo.append((page, view_print))
        bodies = site.store.whole(_shown(site, (p for _, p in todo if p is not None)))
    else:  # a first build: every page renders, from posts this build parsed and holds
        todo.extend((page, None) for page in unknown)
        bodies = site.store.whole(site.published)

    def render(position: int) -> Outcome:
        page, view_print = todo[position]
        try:
            if isinstance(page, FilePage):
                data = page.data()
            else:
                view = page.view()
                view_print = view_print or digester.digest(view)
                data = renderer.render(view, bodies)
        except Exception as failure:  # a template or file error: report it, keep going
            return Outcome(None, False, _render_error(page, failure))
        assert view_print is not None
        record = OutputRecord(view_print.digest, bytes_digest(data), view_print.shows)
        known = records.outputs.get(page.url)
        if known is not None and known.digest == record.digest:
            return Outcome(record, False)
        try:
            writer.put(page.url, data)
        except OSError as failure:  # a full disk, a read-only folder
            return Outcome(None, False, write_error(writer.staging, failure))
        return Outcome(record, True)

    progress.phase("render", len(todo))
    outcomes = []
    for outcome in map_forked(render, len(todo), jobs):
        outcomes.append(outcome)
        progress.advance()
    errors = [outcome.error for outcome in outcomes if outcome.error is not None]
    return Rendered(
        records={
            page.url: outcome.record
            for (page, _), outcome in zip(todo, outcomes, strict=True)
            if outcome.record is not None
        },
        changed=[page.url for (page, _), o in zip(todo, outcomes, strict=True) if o.changed],
        errors=one_write_error(errors),
        count=len(todo),
    )


def _shown(site: LoadedSite, prints: Iterable[ViewPrint]) -> list[LightPost]:
    """The posts that any of `prints` shows (looked up, not searched for: a save at 10,000
    posts renders a few pages)."""
    wanted = set().union(*(view_print.shows for view_print in prints))
    posts = (site.entries[source].post for source in sorted(wanted) if source in site.entries)
    return [post for post in posts if post is not None]


def write_error(where: object, failure: OSError) -> ContentError:
    """A failure to write the output, said once for the whole folder."""
    return ContentError(
        path=str(failure.filename or where),
        field="output",
        message=f"could not write the output: {failure.strerror or failure}",
        expected="a folder Octavo can write, on a disk with free space",
        hint="free some space or choose another folder with -o; "
        "the previous output is untouched (a build interrupted while publishing is redone whole)",
    )


def one_write_error(errors: list[ContentError]) -> list[ContentError]:
    """`errors` with failures to write said once: a full disk fails every page alike."""
    writing = [error for error in errors if error.field == "output"]
    return [error for error in errors if error.field != "output"] + writing[:1]


def _render_error(page: Page, failure: Exception) -> ContentError:
    # jinja2's errors carry the template's file and line; other errors name the page's claimant.
    path = getattr(failure, "filename", None) or page.claimant.path
    line = getattr(failure, "lineno", None) or page.claimant.line
    return ContentError(
        path=str(path),
        line=line if isinstance(line, int) else None,
        field="render",
        message=f"could not make {page.url}: {failure}",
        hint="fix the template or file named here; the previous output is untouched",
    )
