"""`octavo why PATH|URL`: why a post is built or not, and which source a URL comes from.

It runs the first three phases of a build (load, index, route), as `octavo check` does, and
writes nothing but the cache; so its answer is the one the next `octavo build` would act on.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from octavo.builder import Builder
from octavo.layout import CONTENT_DIR
from octavo.routed import Routed
from octavo_content import ContentError, LightPost, SiteConfig, output_file

_MARKDOWN = (".md", ".markdown")


@dataclass(frozen=True)
class Answer:
    """What `octavo why` says: its lines, and whether the thing asked about is built."""

    lines: tuple[str, ...]
    built: bool


def why(site: Path, target: str, *, now: datetime | None = None) -> Answer:
    """Given a site and a source file or URL, says whether it is built, where, and if not why."""
    builder = Builder(site, now=now)
    problems, routed = builder.survey()
    if routed is None:  # the configuration is wrong, or the site is locked
        return Answer(tuple(f"error: {problem}" for problem in problems), built=False)
    config = SiteConfig.load(site)
    if _is_url(site, target):
        return _url_answer(_url_path(target, config), routed, config)
    return _source_answer(site, target, routed, problems, config)


def _is_url(site: Path, target: str) -> bool:
    """Whether `target` names a page rather than a file: a full URL, or a path starting with
    `/` that is no file (`/posts/a/`, where `/home/me/blog/content/a.md` is one)."""
    if target.startswith(("http://", "https://")):
        return True
    return target.startswith("/") and not Path(target).exists()


def _url_path(target: str, config: SiteConfig) -> str:
    """Given a URL or a path, returns its path on the site (`/posts/a/`), without the path of
    `base_url` when the site is served under one."""
    path = unquote(urlsplit(target).path) or "/"
    prefix = urlsplit(str(config.base_url)).path.rstrip("/")
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    return path


def _url_answer(path: str, routed: Routed, config: SiteConfig) -> Answer:
    """Given a URL path, says which source claims it, or why none does."""
    wanted = output_file(path).casefold()
    for page in routed.routes:
        if output_file(page.url).casefold() == wanted:
            claimant = page.claimant
            where = claimant.path + (f":{claimant.line}" if claimant.line else "")
            return Answer((f"{path} is built from {claimant.what} ({where}).",), built=True)
    site = routed.site
    for post, reason in _left_out(site.drafts, site.scheduled, site.expired, config):
        if _claims(post, path):
            return Answer((f"{path} would be {post.kind} {post.source}, but {reason}",), False)
    lines = [f"No page is at {path}: no post, page or list of the site claims it."]
    close = difflib.get_close_matches(path, [page.url for page in routed.routes], n=3)
    if close:
        lines.append("Did you mean " + " or ".join(close) + "?")
    return Answer(tuple(lines), built=False)


def _claims(post: LightPost, path: str) -> bool:
    """Whether `post`'s page, or one of its aliases, is at `path`."""
    wanted = output_file(path).casefold()
    return any(output_file(url).casefold() == wanted for url in (post.url, *post.aliases))


def _left_out(
    drafts: tuple[LightPost, ...],
    scheduled: tuple[LightPost, ...],
    expired: tuple[LightPost, ...],
    config: SiteConfig,
) -> list[tuple[LightPost, str]]:
    """Each post a build leaves out, with the reason, said as the rest of a sentence."""
    left: list[tuple[LightPost, str]] = []
    for post in drafts:
        left.append(
            (
                post,
                "it is a draft (draft: true): `octavo build --drafts` and `octavo serve` show "
                "it; remove `draft: true` to publish it.",
            )
        )
    for post in scheduled:
        when = _in_zone(post.goes_live, config)
        left.append(
            (post, f"it is scheduled for {when}: the first build from then on publishes it.")
        )
    for post in expired:
        when = _in_zone(post.expiry_date, config)
        left.append((post, f"it expired on {when} (its expiry date): no build publishes it."))
    return left


def _in_zone(moment: datetime | None, config: SiteConfig) -> str:
    """Given a moment, returns it in the site's zone, as a reader of the site would say it."""
    if moment is None:
        return "an unknown date"
    local = moment.astimezone(config.zone)
    return f"{local:%Y-%m-%d %H:%M} {config.timezone}"


def _source_answer(
    site: Path,
    target: str,
    routed: Routed,
    problems: list[ContentError],
    config: SiteConfig,
) -> Answer:
    """Given a file's path, says whether it is built and at which URLs, or why not."""
    source = _site_relative(site, target)
    if source is None:
        return Answer((f"{target} is not in the site {site}.",), built=False)
    loaded = routed.site
    for post in loaded.published:
        if post.source == source:
            lines = [f"{source} is built: the {post.kind} is at {post.url}"]
            lines += [f"  and {alias} redirects to it (an alias)" for alias in post.aliases]
            return Answer(tuple(lines), built=True)
    for post, reason in _left_out(loaded.drafts, loaded.scheduled, loaded.expired, config):
        if post.source == source:
            return Answer((f"{source} is not built: {reason}",), built=False)
    errors = [problem for problem in problems if problem.path == source and problem.is_error]
    if errors:
        lines = [f"{source} is not built: it has {len(errors)} error(s):"]
        lines += [f"  error: {error}" for error in errors]
        return Answer(tuple(lines), built=False)
    return Answer((f"{source} is not built: {_not_a_post(site, source)}",), built=False)


def _site_relative(site: Path, target: str) -> str | None:
    """Given a path as typed (from here, or from the site folder), returns it relative to the
    site, or None when it is outside it."""
    root = site.resolve()
    inside = []
    for candidate in (Path(target), site / target):
        try:
            inside.append((candidate.exists(), candidate.resolve().relative_to(root).as_posix()))
        except ValueError:
            continue
    # A file that exists wins: `content/a.md` typed inside content/ means the site's.
    inside.sort(key=lambda found: not found[0])
    return inside[0][1] if inside else None


def _not_a_post(site: Path, source: str) -> str:
    """Given a site-relative path that no post or page came from, says why."""
    parts = PurePosixPath(source).parts
    if not (site / source).exists():
        return "there is no such file."
    if not parts or parts[0] != CONTENT_DIR:
        return f"only files under {CONTENT_DIR}/ are posts and pages."
    ignored = [part for part in parts[1:] if part.startswith((".", "_"))]
    if ignored:
        return (
            f"names starting with . or _ under {CONTENT_DIR}/ are ignored ({ignored[0]!r}), "
            "as Hugo, Zola and Jekyll ignore them."
        )
    if not source.endswith(_MARKDOWN):
        return (
            "it is not Markdown (.md, .markdown): beside a bundle's index.md it is copied "
            "beside the page; anywhere else it is not used."
        )
    return "no post or page came from it."
