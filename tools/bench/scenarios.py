"""The measured scenarios: what each one changes in a site before the build is timed.

A round runs every scenario in order on the same site: cold, no-op, edit a body, change tags, add a
post, edit a template. "cold" first puts the site back as generated, so every round starts equal.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import corpus
import sites
from corpus import Post
from engines import EngineCommand

SCENARIOS: tuple[str, ...] = (
    "cold",
    "noop",
    "edit-body",
    "edit-tags",
    "add-post",
    "edit-template",
)
DESCRIPTIONS: dict[str, str] = {
    "cold": "full build, output folder and the engine's caches removed",
    "noop": "build again, nothing changed",
    "edit-body": "one sentence appended to one post's body",
    "edit-tags": "one post's last tag replaced by another tag of the pool",
    "add-post": "one new post added",
    "edit-template": "the one overridden base template changed (all pages change)",
}


@dataclass(frozen=True)
class Workspace:
    """One engine's copy of the corpus at one size: where the site is and where it builds to."""

    command: EngineCommand
    site: Path
    build_root: Path
    posts: tuple[Post, ...]
    seed: int

    @property
    def out(self) -> Path:
        # The output sits alone in build_root, so a cold build can delete anything an engine left
        # beside it (Octavo builds into a fresh sibling folder, then renames it into place).
        return self.build_root / "public"

    @property
    def target(self) -> Post:
        """The post the edit scenarios change: the middle one, neither newest nor oldest."""
        return self.posts[len(self.posts) // 2]


def prepare(scenario: str, space: Workspace, round_no: int) -> None:
    """Change the site (and for "cold", clear the output) as `scenario` says, before the build."""
    engine = space.command.engine
    if scenario == "cold":
        _reset(space)
    elif scenario == "edit-body":
        sites.write_post(engine, space.site, _edited(space.target, round_no))
    elif scenario == "edit-tags":
        sites.write_post(engine, space.site, _retagged(space, round_no))
    elif scenario == "add-post":
        sites.write_post(engine, space.site, _added(space, round_no))
    elif scenario == "edit-template":
        sites.set_template_edit(engine, space.site, round_no + 1)
    elif scenario != "noop":
        raise ValueError(f"unknown scenario {scenario!r}")


def _reset(space: Workspace) -> None:
    engine = space.command.engine
    sites.write_post(engine, space.site, space.target)
    for path in space.site.rglob("bench-added-*.md"):
        path.unlink()
    sites.set_template_edit(engine, space.site, 0)
    for path in [space.build_root, *space.command.caches(space.site)]:
        _remove(path)
    space.build_root.mkdir(parents=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _edited(post: Post, round_no: int) -> Post:
    return replace(post, body=post.body + f"\nBenchmark edit {round_no}: one more sentence.\n")


def _retagged(space: Workspace, round_no: int) -> Post:
    # Keeps the body edit of the step before, so only the tags differ from the last build.
    post = _edited(space.target, round_no)
    taken = {tag.casefold() for tag in post.tags}
    pool = corpus.tag_pool(len(space.posts))
    new = next(tag for tag in pool[len(pool) // 2 :] if tag.casefold() not in taken)
    return replace(post, tags=(*post.tags[:-1], new))


def _added(space: Workspace, round_no: int) -> Post:
    pool = corpus.tag_pool(len(space.posts))
    titles = {post.title for post in space.posts}
    index = len(space.posts) + round_no
    post = corpus.make_post(space.seed, index, pool, corpus.zipf_weights(len(pool)), titles)
    # A recognisable slug, so the next cold step can find and remove it.
    return replace(post, slug=f"bench-added-{round_no}")
