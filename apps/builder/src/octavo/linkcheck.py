"""Broken internal links: each link of a post to a page the site does not claim, or to an anchor
the page it names does not hold.

The parser notes every link with its line (`LightPost.links`) and every id a body holds
(`LightPost.anchors`, read from its HTML); the route table knows every URL of the build. Checking
is a lookup per link, cheap enough to run on every build from the current route table: a link to
a post that was added or removed is judged anew each time, whatever the cache kept of the post
that links. Images and linked files are `bundles.missing_files`' (errors in every build).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Literal

from octavo.bundles import Routes
from octavo_content import ContentError, LightPost, PostLink

# Fragments that need no element: the top of the page (HTML's "scroll to the fragment").
_TOP = frozenset({"", "top"})
# Ids a post page holds whatever its body says: the theme's skip link target.
THEME_IDS = frozenset({"main"})


class LinkTargets:
    """What a link may point at: every page the build claims, and the published posts by URL
    and by source file (for the ids their bodies hold)."""

    def __init__(self, posts: Sequence[LightPost], routes: Routes) -> None:
        self.routes = routes
        self.by_url = {post.url: post for post in posts}
        self.by_source = {post.source: post for post in posts}

    def page(self, path: str) -> str | None:
        """Given a site path, returns the path of the page claimed there, None for none.

        A folder's URL written without its closing `/` is the folder: servers redirect it.
        """
        if path in self.by_url:  # a post's URL: claimed (else the build has an error for it)
            return path
        if self.routes.claims(path):
            return path
        if not path.endswith("/") and self.routes.claims(path + "/"):
            return path + "/"
        return None

    def close_url(self, path: str) -> str | None:
        """Given a path no page has, returns the URL of a post it looks like a typo of."""
        close = difflib.get_close_matches(path, list(self.by_url), n=1, cutoff=0.8)
        return close[0] if close else None


def broken_links(
    posts: Sequence[LightPost], routes: Routes, severity: Literal["error", "warning"] = "warning"
) -> list[ContentError]:
    """Given the published posts and every page claimed, returns a problem of `severity` for
    each link to a page no one claims, to a post's source file, or to a missing anchor."""
    if not any(post.links for post in posts):
        return []
    targets = LinkTargets(posts, routes)
    problems: list[ContentError] = []
    for post in posts:
        for link in post.links:
            if not link.path and _resolves_here(link, post):
                continue  # the most common links, answered without a call each
            problem = _problem(post, link, targets)
            if problem is not None:
                problems.append(problem.model_copy(update={"severity": severity}))
    return problems


def _resolves_here(link: PostLink, post: LightPost) -> bool:
    """Given an in-page anchor, returns whether the post's body holds its id."""
    return link.fragment in post.anchors


def _problem(post: LightPost, link: PostLink, targets: LinkTargets) -> ContentError | None:
    """Given a post's link, returns why it is broken, or None when it resolves."""
    if link.kind == "source":
        return _source_problem(post, link, targets)
    if not link.path:  # an anchor on the post's own page
        return _anchor_problem(post, link, post, "this post")
    page = targets.page(link.path)
    if page is None:
        close = targets.close_url(link.path)
        return _broken(
            post,
            link,
            field="link",
            message=f"'{link.written}' is not in the site: no page is at {link.path}",
            hint=f"did you mean {close}?" if close else "correct the URL, or write the page",
        )
    target = targets.by_url.get(page)
    if target is None or not link.fragment:
        return None  # a page that is not a post's (a tag page, a feed): its ids are the theme's
    return _anchor_problem(post, link, target, f"{target.url} ({target.source})")


def _source_problem(post: LightPost, link: PostLink, targets: LinkTargets) -> ContentError:
    """Given a link to a Markdown file, returns the error: the site serves pages, not sources."""
    target = targets.by_source.get(link.path)
    if target is None:
        return _broken(
            post,
            link,
            field="link",
            message=f"'{link.written}' is not in the site: no published post is {link.path}",
            hint="link to the page's URL, such as /posts/name/, or correct the path",
        )
    anchor = f"#{link.fragment}" if link.fragment else ""
    return _broken(
        post,
        link,
        field="link",
        message=f"'{link.written}' links to the source file {link.path}, which the site does "
        "not publish",
        hint=f"link to its page: {target.url}{anchor}",
    )


def _anchor_problem(
    post: LightPost, link: PostLink, target: LightPost, named: str
) -> ContentError | None:
    """Given a link with a fragment and the post it points into, returns an error when no
    element of that post's page has the fragment as its id."""
    fragment = link.fragment
    if fragment.lower() in _TOP or fragment in target.anchors or fragment in THEME_IDS:
        return None
    close = difflib.get_close_matches(fragment, target.anchors, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean #{close[0]}?"
    elif target.anchors:
        shown = ", ".join(f"#{anchor}" for anchor in target.anchors[:5])
        more = f" and {len(target.anchors) - 5} more" if len(target.anchors) > 5 else ""
        hint = f"its ids: {shown}{more}"
    else:
        hint = "its body has no ids: link to a heading of it, or to the page alone"
    return _broken(
        post,
        link,
        field="anchor",
        message=f"'{link.written}' names no element of {named}: nothing has the id {fragment!r}",
        hint=hint,
    )


def _broken(
    post: LightPost, link: PostLink, *, field: str, message: str, hint: str
) -> ContentError:
    return ContentError(path=post.source, line=link.line, field=field, message=message, hint=hint)
