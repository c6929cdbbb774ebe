"""Incremental builds: after any edits, the output equals a clean build, byte for byte."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from octavo import Builder, main
from octavo.verify import tree_differences

NOW = datetime(2025, 1, 1, tzinfo=UTC)
TAGS = ["Python", "python", "Web", "C++", "Data Science"]
TITLES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]


@dataclass
class Spec:
    title: str
    day: int
    tags: list[str]
    draft: bool = False
    body: int = 0


@dataclass
class SiteState:
    posts: dict[str, Spec] = field(default_factory=dict)
    template: int = 0
    title: int = 0
    static: int | None = None

    def write(self, root: Path) -> None:
        (root / "content").mkdir(parents=True, exist_ok=True)
        for old in (root / "content").glob("*.md"):
            if old.name not in self.posts:
                old.unlink()
        for name, spec in self.posts.items():
            text = (
                f"---\ntitle: {spec.title}\ndate: 2024-01-{spec.day:02d}\n"
                f"tags: [{', '.join(spec.tags)}]\ndraft: {str(spec.draft).lower()}\n---\n"
                f"Intro {spec.body}.\n\n## Part\n\nMore text {spec.body}.[^n]\n\n[^n]: Note.\n"
            )
            path = root / "content" / name
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
        (root / "octavo.toml").write_text(
            f'title = "Site {self.title}"\nbase_url = "https://example.org/"\n'
            f'timezone = "UTC"\nper_page = 2\n'
        )
        (root / "templates").mkdir(exist_ok=True)
        base = root / "templates" / "base.html"
        if self.template:
            base.write_text(
                '{% extends "theme/base.html" %}'
                f"{{% block footer %}}<p>Footer {self.template}</p>{{% endblock %}}\n"
            )
        else:
            base.unlink(missing_ok=True)
        notes = root / "static" / "notes.txt"
        if self.static is None:
            notes.unlink(missing_ok=True)
        else:
            notes.parent.mkdir(exist_ok=True)
            notes.write_text(f"notes {self.static}\n")


def pick(state: SiteState, index: int) -> str | None:
    names = sorted(state.posts)
    return names[index % len(names)] if names else None


def apply(state: SiteState, edit: tuple) -> None:  # type: ignore[type-arg]
    kind, *args = edit
    name = pick(state, args[0]) if args and isinstance(args[0], int) else None
    if kind == "add":
        title, day, tags = args
        state.posts[f"post-{len(state.posts)}-{day}.md"] = Spec(TITLES[title], day, tags)
    elif kind == "template":
        state.template = args[0]
    elif kind == "config":
        state.title = args[0]
    elif kind == "static":
        state.static = args[0]
    elif name is None:
        return
    elif kind == "delete":
        del state.posts[name]
    elif kind == "rename":
        state.posts[f"renamed-{args[1]}.md"] = state.posts.pop(name)
    elif kind == "retitle":
        state.posts[name].title = TITLES[args[1]]
    elif kind == "retag":
        state.posts[name].tags = args[1]
    elif kind == "redate":
        state.posts[name].day = args[1]
    elif kind == "draft":
        state.posts[name].draft = args[1]
    elif kind == "body":
        state.posts[name].body = args[1]


titles = st.integers(0, len(TITLES) - 1)
days = st.integers(1, 28)
tag_lists = st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True)
which = st.integers(0, 20)
edits = st.one_of(
    st.tuples(st.just("add"), titles, days, tag_lists),
    st.tuples(st.just("delete"), which),
    st.tuples(st.just("rename"), which, st.integers(0, 3)),
    st.tuples(st.just("retitle"), which, titles),
    st.tuples(st.just("retag"), which, tag_lists),
    st.tuples(st.just("redate"), which, days),
    st.tuples(st.just("draft"), which, st.booleans()),
    st.tuples(st.just("body"), which, st.integers(0, 3)),
    st.tuples(st.just("template"), st.integers(0, 2)),
    st.tuples(st.just("config"), st.integers(0, 2)),
    st.tuples(st.just("static"), st.one_of(st.none(), st.integers(0, 2))),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Found by this test: renaming a file reorders related posts of equal score and date.
@example(
    start=[("add", 0, 1, ["Python"]), ("add", 1, 1, ["Python"]), ("add", 2, 1, ["Python"])],
    steps=[("rename", 0, 0)],
)
@given(
    start=st.lists(st.tuples(st.just("add"), titles, days, tag_lists), min_size=2, max_size=4),
    steps=st.lists(edits, min_size=1, max_size=5),
)
def test_incremental_output_equals_a_clean_build_after_every_edit(
    start: list[tuple],
    steps: list[tuple],  # type: ignore[type-arg]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "site"
        state = SiteState()
        for edit in start:
            apply(state, edit)
        state.write(root)
        Builder(root, now=NOW).build()  # may fail (two posts on one URL): so may later ones
        for number, edit in enumerate(steps):
            apply(state, edit)
            state.write(root)
            incremental = Builder(root, now=NOW).build()
            clean_output = Path(scratch) / f"clean-{number}"
            clean = Builder(root, clean_output, now=NOW, use_cache=False).build()
            assert incremental.ok == clean.ok
            if clean.ok:
                assert tree_differences(root / "public", clean_output) == [], edit
            shutil.rmtree(clean_output, ignore_errors=True)


def write_posts(root: Path, count: int) -> None:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
    )
    for n in range(count):
        (root / "content" / f"p{n}.md").write_text(
            f"---\ntitle: Post {n}\ndate: 2024-01-{n % 28 + 1:02d}\n"
            f"tags: [t{n % 3}]\n---\nBody {n}.\n"
        )


def test_a_rebuild_parses_and_renders_only_what_changed(tmp_path: Path) -> None:
    write_posts(tmp_path, 30)
    first = Builder(tmp_path, now=NOW).build()
    assert (first.parsed, first.rendered) == (30, first.rendered)
    unchanged = Builder(tmp_path, now=NOW).build()
    assert (unchanged.parsed, unchanged.rendered, unchanged.written) == (0, 0, 0)

    page = tmp_path / "public" / "posts" / "post-7" / "index.html"
    other = tmp_path / "public" / "posts" / "post-20" / "index.html"
    other_mtime = other.stat().st_mtime_ns
    path = tmp_path / "content" / "p7.md"
    path.write_text(path.read_text().replace("Body 7.", "Body seven, edited."))
    edited = Builder(tmp_path, now=NOW).build()
    assert edited.parsed == 1
    assert 0 < edited.rendered < 12  # the post, its list pages, feeds, archive, sitemap
    assert "Body seven, edited." in page.read_text()
    assert other.stat().st_mtime_ns == other_mtime  # unchanged pages are not rewritten


def test_a_parallel_build_writes_the_same_bytes(tmp_path: Path) -> None:
    write_posts(tmp_path / "site", 120)
    Builder(tmp_path / "site", tmp_path / "one", jobs=1, use_cache=False).build()
    Builder(tmp_path / "site", tmp_path / "two", jobs=2, use_cache=False).build()
    assert tree_differences(tmp_path / "one", tmp_path / "two") == []


@pytest.mark.parametrize("damage", [b"not a database", b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_corrupt_cache_is_discarded_with_one_warning(tmp_path: Path, damage: bytes) -> None:
    write_posts(tmp_path, 3)
    assert Builder(tmp_path, now=NOW).build().ok
    (tmp_path / ".octavo" / "cache.sqlite").write_bytes(damage)
    report = Builder(tmp_path, now=NOW).build()
    assert report.ok
    (warning,) = [w for w in report.warnings if "cache" in w.message]
    assert "discarded" in warning.message
    assert report.parsed == 3
    assert Builder(tmp_path, now=NOW).build().parsed == 0  # a good cache again


def test_verify_compares_with_a_clean_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_posts(tmp_path, 5)
    assert main(["build", str(tmp_path), "--verify"]) == 0
    assert "equals a clean build" in capsys.readouterr().out
    # Damage the output behind Octavo's back: the cache trusts it, --verify does not.
    (tmp_path / "public" / "archive" / "index.html").write_text("tampered")
    assert main(["build", str(tmp_path), "--verify"]) == 1
    assert "differs: archive/index.html" in capsys.readouterr().err


def test_a_cache_from_another_version_is_discarded_with_one_warning(tmp_path: Path) -> None:
    import sqlite3

    write_posts(tmp_path, 3)
    assert Builder(tmp_path, now=NOW).build().ok
    with sqlite3.connect(tmp_path / ".octavo" / "cache.sqlite") as db:
        db.execute("UPDATE meta SET value = 'octavo-cache-0' WHERE key = 'schema'")
    (tmp_path / "content" / "p1.md").write_text("---\ntitle: Changed\ndate: 2024-01-02\n---\nB\n")
    report = Builder(tmp_path, now=NOW).build()
    (warning,) = [w for w in report.warnings if "cache" in w.message]
    assert "another version" in warning.message
    assert report.parsed == 3  # nothing was trusted
