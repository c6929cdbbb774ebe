"""Crash safety: `octavo build` killed with SIGKILL at random moments never leaves a broken site.

Each round changes the site, starts a build in its own process group, kills the whole group at a
random moment of that build (or the moment its commit pass begins), and then checks:
- every published file holds the bytes of the previous build or of the new one, never a mix of
  both in one file and never a truncated file;
- outside the commit pass the output is the whole previous build or the whole new one; a kill
  inside it (the writer's update marker is there) may show some pages new and some old, the
  window measured in docs/reliability.md;
- the next build exits 0, leaves no leftover and equals a clean build byte for byte.

`OCTAVO_KILL_ROUNDS` runs more rounds than the default (docs/reliability.md has the counts).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from octavo.layout import STAGING, updating_path

ROUNDS = int(os.environ.get("OCTAVO_KILL_ROUNDS", "16"))
POSTS = 60  # enough for the builder to fork its workers (48 or more pages)
CONFIG = 'title = "{title}"\nbase_url = "https://example.org/"\ntimezone = "UTC"\nper_page = 5\n'
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]

Tree = dict[str, bytes]


def post_text(number: int, rng: random.Random) -> str:
    tags = ", ".join(rng.sample(WORDS, 2))
    body = " ".join(rng.choices(WORDS, k=60))
    return (
        f"---\ntitle: Post {number}\ndate: 2024-01-{1 + number % 28:02d} {number % 24:02d}:00\n"
        f"tags: [{tags}]\n---\n{body}\n\n## Part\n\n{body}\n"
    )


def make_site(root: Path, rng: random.Random) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG.format(title="Kill test"))
    for number in range(POSTS):
        (root / "content" / f"p{number}.md").write_text(post_text(number, rng))
    return root


def published(folder: Path) -> Tree:
    """The files in `folder`, but for the staging folder of an update it may hold."""
    if not folder.is_dir():
        return {}
    tree = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative.split("/")[0] != STAGING:
            tree[relative] = path.read_bytes()
    return tree


def marker_of(site: Path) -> Path:
    """Where the writer marks an update of the site's output as in progress."""
    return updating_path(site / ".octavo", (site / "public").resolve())


def octavo(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "octavo", "build", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill reaches the forked workers
    )


def build(*args: str) -> None:
    process = octavo(*args)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()


def leftovers(site: Path) -> list[str]:
    found = [p.name for p in site.iterdir() if p.name.startswith(".octavo-new")]
    found += [p.name for p in (site / "public").iterdir() if p.name.startswith(".")]
    found += [marker_of(site).name] if marker_of(site).exists() else []
    return found


# Each change returns the extra arguments of the build that follows it.
def edit_bodies(site: Path, rng: random.Random) -> list[str]:
    for number in rng.sample(range(POSTS), 3):
        (site / "content" / f"p{number}.md").write_text(post_text(number, rng))
    return []


def add_and_remove(site: Path, rng: random.Random) -> list[str]:
    posts = sorted((site / "content").glob("*.md"))
    rng.choice(posts).unlink()
    number = POSTS + rng.randrange(1000)
    (site / "content" / f"p{number}.md").write_text(post_text(number, rng))
    return []


def retitle_site(site: Path, rng: random.Random) -> list[str]:
    # Every page shows the site's title: the commit pass renames every file.
    (site / "octavo.toml").write_text(CONFIG.format(title=f"Kill test {rng.randrange(10**6)}"))
    return []


def cold(site: Path, rng: random.Random) -> list[str]:
    edit_bodies(site, rng)
    subprocess.run(["rm", "-rf", str(site / "public"), str(site / ".octavo")], check=True)
    return []


def no_cache(site: Path, rng: random.Random) -> list[str]:
    edit_bodies(site, rng)
    return ["--no-cache"]


CHANGES: list[Callable[[Path, random.Random], list[str]]] = [
    edit_bodies,
    add_and_remove,
    retitle_site,
    cold,
    no_cache,
]


def kill_during(process: subprocess.Popen[bytes], delay: float, marker: Path | None) -> None:
    """SIGKILL the build's process group after `delay`, or as soon as `marker` appears."""
    deadline = time.monotonic() + delay
    while process.poll() is None:
        if (marker is not None and marker.exists()) or (
            marker is None and time.monotonic() >= deadline
        ):
            break
        time.sleep(0.0002)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.parametrize("seed", range(ROUNDS))
def test_a_killed_build_leaves_the_old_site_or_the_new_one(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    site = make_site(tmp_path / "site", rng)
    build(str(site))
    change = CHANGES[seed % len(CHANGES)]
    extra = change(site, rng)
    before = published(site / "public")
    reference = tmp_path / "reference"
    started = time.monotonic()
    build(str(site), "--no-cache", "-o", str(reference))
    took = time.monotonic() - started
    after = published(reference)

    # Every other round waits for the commit pass; the others kill at any moment of the build.
    at_commit = seed % 2 == 1 and change is not cold
    process = octavo(str(site), *extra)
    marker = marker_of(site) if at_commit else None
    kill_during(process, rng.uniform(0.0, took * 1.2), marker)

    now = published(site / "public")
    for name, data in now.items():
        assert data in (before.get(name), after.get(name)), f"{name} is neither old nor new"
    if not marker_of(site).exists():
        assert now in (before, after), "outside the commit pass, the output is one whole build"

    build(str(site))
    assert published(site / "public") == after
    assert leftovers(site) == []
