"""`octavo check`: every problem a build would find, without writing the site, broken links
and anchors as errors; with `--external`, every link to another site asked of its server.

Output is one line per problem as a build prints them (`path:line: kind: message (hint)`), or a
JSON list of objects (`file`, `line`, `kind`, `message`, `hint`, `severity`) for CI.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from octavo.builder import Builder
from octavo.external import Fetch, LinkCache, Outcome, check_urls, fetch_status
from octavo.freshness import read_regular
from octavo.layout import LINKS_FILE, RECORDS_DIR
from octavo.parallel import default_jobs, parse_many
from octavo_content import ContentError, ContentErrors, LightPost, PostLink, SiteConfig


@dataclass(frozen=True)
class CheckSettings:
    """What `octavo check` was asked to do."""

    include_drafts: bool = False
    external: bool = False
    # Seconds each external request may take, and the whole external check.
    timeout: float = 10.0
    deadline: float = 60.0
    jobs: int | None = None


def check_site(
    site: Path, settings: CheckSettings, fetch: Fetch = fetch_status
) -> tuple[list[ContentError], int]:
    """Given a site folder, returns every problem found in it, sorted by file and line, and how
    many posts and pages it publishes."""
    builder = Builder(site, include_drafts=settings.include_drafts, jobs=settings.jobs)
    problems, published = builder.check()
    if settings.external and published:
        cache = LinkCache(site / RECORDS_DIR / LINKS_FILE)
        links = external_links(site, published, settings.jobs or default_jobs())
        problems += external_problems(links, cache, settings, fetch)
    problems.sort(key=lambda problem: (problem.path, problem.line or 0))
    return problems, len(published)


def external_links(
    site: Path, posts: Sequence[LightPost], jobs: int
) -> list[tuple[LightPost, PostLink]]:
    """Given the published posts, returns each of their links to another site, with its post.

    Their files are parsed again: a build keeps no such link (it would load them from its cache
    on every build, for a check that only this command makes).
    """
    try:
        config = SiteConfig.load(site)
    except ContentErrors:  # loaded a moment ago: changed since, and checked again next run
        return []
    items = []
    for post in posts:
        try:
            items.append((read_regular(site / post.source), post.source))
        except OSError:
            continue  # read a moment ago: gone since
    by_source = {post.source: post for post in posts}
    found = []
    for parsed in parse_many(items, config, jobs):
        whole = parsed.result.post
        if whole is not None and whole.source in by_source:
            found += [(by_source[whole.source], link) for link in whole.external_links]
    return found


def external_problems(
    links: Sequence[tuple[LightPost, PostLink]],
    cache: LinkCache,
    settings: CheckSettings,
    fetch: Fetch,
) -> list[ContentError]:
    """Given links to other sites with their posts, returns a problem at each that did not
    answer well, an error or a warning as its outcome says."""
    outcomes = check_urls(
        (link.path for _, link in links),
        cache,
        timeout=settings.timeout,
        deadline=settings.deadline,
        fetch=fetch,
    )
    problems = []
    for post, link in links:
        outcome = outcomes[link.path]
        severity = outcome.severity
        if severity == "ok":
            continue
        problems.append(
            ContentError(
                path=post.source,
                line=link.line,
                field="external",
                message=f"'{link.written}' did not answer well: {outcome.reason}",
                hint=_external_hint(outcome),
                severity=severity,
            )
        )
    return problems


def _external_hint(outcome: Outcome) -> str:
    if outcome.status in (401, 403, 429):
        return "the server may turn checkers away; open the link in a browser to be sure"
    if outcome.status is None and outcome.reason.startswith(("timed out", "not asked")):
        return "try again later, or give slow servers longer with --timeout and --deadline"
    return "correct the link, or link to an archived copy (web.archive.org)"


def as_json(problems: Sequence[ContentError]) -> str:
    """Given problems, returns them as a JSON list of objects, for CI."""
    return json.dumps(
        [
            {
                "file": problem.path,
                "line": problem.line,
                "kind": problem.field or "content",
                "message": problem.message,
                "hint": problem.hint,
                "severity": problem.severity,
            }
            for problem in problems
        ],
        indent=2,
        ensure_ascii=False,
    )


def show_problems(problems: Sequence[ContentError], published: int, console: Console) -> None:
    """Print each problem as a build does, then a closing line counting them."""
    for problem in problems:
        label = "[red]error:[/]" if problem.is_error else "[yellow]warning:[/]"
        console.print(f"{label} {escape(str(problem))}", highlight=False)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    counted = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    console.print(f"Checked {_count(published, 'post and page', 'posts and pages')}: {counted}.")


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
