"""The output folder as an attacker or a careless user leaves it: the build deletes nothing
outside it, owns its bookkeeping names, clears what interrupted builds left, reports every clash
between outputs, and turns every failure to write into an error with a path, never a traceback."""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from octavo import Builder, main
from octavo.cache import BuildCache
from octavo.layout import LEGACY_MANIFEST, LEGACY_UPDATING, STAGING, manifest_path
from octavo.lock import site_lock
from octavo.writer import OutputWriter

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def post(title: str, body: str = "Body.", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: 2024-01-01\n{extra}---\n{body}\n"


def make_site(root: Path, posts: dict[str, str] | None = None) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    for name, text in (posts or {"alpha.md": post("Alpha")}).items():
        (root / "content" / name).write_text(text)
    return root


def page(site: Path, slug: str) -> str:
    return (site / "public" / "posts" / slug / "index.html").read_text()


def record_of(site: Path) -> Path:
    """The writer's manifest of the site's default output."""
    return manifest_path(site / ".octavo", (site / "public").resolve())


@pytest.mark.parametrize("where", ["record", "legacy"])
def test_a_planted_manifest_cannot_delete_files_outside_the_output(
    tmp_path: Path, where: str
) -> None:
    # The reproduction from issue 8, D1, and its variants: a relative escape, an absolute
    # path, and a path through a symbolic link that leads out of the output; planted in the
    # site's records, or in the output where older versions kept the manifest.
    site = make_site(tmp_path / "r1")
    victims = [tmp_path / "victim.txt", tmp_path / "absolute.txt", tmp_path / "away" / "x.txt"]
    for victim in victims:
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("v")
    assert main(["build", str(site)]) == 0
    public = site / "public"
    (public / "away").symlink_to(tmp_path / "away")
    planted = f"../../victim.txt\n{tmp_path / 'absolute.txt'}\naway/x.txt\nindex.html\n"
    head = "\n".join(record_of(site).read_text().splitlines()[:2])
    if where == "legacy":
        record_of(site).unlink()
        head = "octavo-manifest 2 0123abcd"
    ((public / LEGACY_MANIFEST) if where == "legacy" else record_of(site)).write_text(
        f"{head}\n{planted}"
    )
    (site / "content" / "beta.md").write_text(post("Beta"))  # so the build runs
    assert main(["build", str(site)]) == 0
    assert all(victim.read_text() == "v" for victim in victims)
    assert (public / "index.html").is_file()


@pytest.mark.parametrize(
    "name", [LEGACY_MANIFEST, LEGACY_UPDATING, STAGING + "/x.html", "a.html.octavo-new"]
)
def test_a_static_file_cannot_take_the_writer_s_own_names(tmp_path: Path, name: str) -> None:
    site = make_site(tmp_path / "s")
    (site / "static" / name).parent.mkdir(parents=True, exist_ok=True)
    (site / "static" / name).write_text("planted")
    report = Builder(site).build()
    assert not report.ok
    (error,) = report.errors
    assert error.path == f"static/{name}"
    assert ".octavo-" in error.message
    assert not (site / "public").exists()


@pytest.mark.parametrize(
    ("static", "claimed_by"),
    [("index.html", "home page 1"), ("tags/x/index.html", "tag 'x'"), ("robots.txt", "theme")],
)
def test_a_static_file_never_silently_replaces_a_generated_page(
    tmp_path: Path, static: str, claimed_by: str
) -> None:
    site = make_site(tmp_path / "s", {"alpha.md": post("Alpha", extra="tags: [x]\n")})
    (site / "static" / static).parent.mkdir(parents=True, exist_ok=True)
    (site / "static" / static).write_text("mine")
    report = Builder(site).build()
    assert not report.ok
    paths = {error.path for error in report.errors}
    assert f"static/{static}" in paths
    assert any(claimed_by in error.message for error in report.errors)


def test_a_file_that_another_output_needs_as_a_folder_is_an_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    (site / "static" / "robots.txt").mkdir(parents=True)
    (site / "static" / "robots.txt" / "x.txt").write_text("x")
    report = Builder(site).build()
    assert not report.ok
    messages = " ".join(error.message for error in report.errors)
    assert "/robots.txt is a file, and /robots.txt/x.txt needs it to be a folder" in messages
    assert "static/robots.txt/x.txt" in {error.path for error in report.errors}


def test_leftovers_of_interrupted_builds_are_cleared(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    public = site / "public"
    stale = [
        site / ".octavo-new-public",  # this writer's staging for a first build
        site / ".octavo-new-public-4242",  # an older writer's
        public / STAGING,
    ]
    for folder in stale:
        folder.mkdir()
        (folder / "index.html").write_text("half")
    kept = site / ".octavo-new-public-notes"  # not a name the writer makes: not touched
    kept.mkdir()
    (site / "content" / "beta.md").write_text(post("Beta"))
    assert Builder(site).build().ok
    assert not any(folder.exists() for folder in stale)
    assert kept.is_dir()


def test_an_older_writer_s_pending_files_are_cleared(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    public = site / "public"
    # The output as the first writer left it: its manifest inside, a pending file beside a page.
    listed = record_of(site).read_text().splitlines()[2:]
    record_of(site).unlink()
    (public / LEGACY_MANIFEST).write_text("octavo-manifest 1 0123abcd\n" + "\n".join(listed))
    (public / "posts" / "alpha" / "index.html.octavo-new").write_text("half")
    assert Builder(site).build().ok
    assert not list(public.rglob("*.octavo-new"))
    assert not (public / LEGACY_MANIFEST).exists()
    assert record_of(site).read_text().startswith("octavo-manifest 3 ")


def test_an_up_to_date_answer_is_not_given_over_leftovers(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    assert main(["build", str(site)]) == 0
    time.sleep(2.1)  # past the window in which a fresh stat is not trusted
    assert main(["build", str(site)]) == 0
    (site / "public" / STAGING).mkdir()
    assert main(["build", str(site)]) == 0
    assert not (site / "public" / STAGING).exists()


@pytest.mark.parametrize("where", ["/", "SITE/.octavo", "SITE/.octavo/out", "SITE/templates/x"])
def test_output_folders_that_would_swallow_the_site_are_refused(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "s")
    output = where.replace("SITE", str(site))
    assert main(["build", str(site), "-o", output]) == 1
    err = capsys.readouterr().err
    assert "error:" in err
    assert "output" in err
    assert "Traceback" not in err


def test_an_output_that_cannot_be_created_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "s")
    (tmp_path / "file").write_text("not a folder")
    assert main(["build", str(site), "-o", str(tmp_path / "file" / "out")]) == 1
    err = capsys.readouterr().err
    assert "could not write the output" in err
    assert str(tmp_path / "file") in err


@pytest.mark.parametrize("first", [True, False])
def test_a_full_disk_is_an_error_and_the_output_is_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: bool
) -> None:
    site = make_site(tmp_path / "s")
    if not first:
        assert Builder(site).build().ok
        (site / "content" / "alpha.md").write_text(post("Alpha", "New body."))
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))

    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    report = Builder(site, jobs=1).build()
    monkeypatch.undo()
    assert not report.ok
    (error,) = report.errors  # one error for the folder, not one per page
    assert "No space left on device" in error.message
    after = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert after == before or (first and ".octavo" in {a.split("/")[0] for a in after})
    assert not any(".octavo-new" in name or STAGING in name for name in after)
    assert Builder(site).build().ok


def test_a_second_build_of_the_site_waits_for_the_first(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    told: list[str] = []

    class Recorder:
        def phase(self, name: str, total: int) -> None: ...
        def advance(self, steps: int = 1) -> None: ...
        def finish(self) -> None: ...
        def waiting(self, holder: str) -> None:
            told.append(holder)

    release = threading.Event()
    held = threading.Event()

    def hold() -> None:
        with site_lock(site / ".octavo", waiting=told.append):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    result: list[bool] = []
    second = threading.Thread(
        target=lambda: result.append(Builder(site, progress=Recorder()).build().ok)
    )
    second.start()
    time.sleep(0.5)
    assert result == []  # still waiting
    assert told and "process" in told[0]
    release.set()
    holder.join(10)
    second.join(30)
    assert result == [True]


def test_an_update_interrupted_before_its_records_are_saved_is_redone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The files of the update are in place, the cache still describes the build before it: the
    # next build must not trust those records, or reverting the edit would keep the new page.
    site = make_site(tmp_path / "s", {"alpha.md": post("Alpha", "First body.")})
    assert Builder(site).build().ok
    (site / "content" / "alpha.md").write_text(post("Alpha", "Second body."))

    def killed(*args: object, **kwargs: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(BuildCache, "store_outputs", killed)
    with pytest.raises(SystemExit):
        Builder(site).build()
    monkeypatch.undo()
    assert "Second body." in page(site, "alpha")
    (site / "content" / "alpha.md").write_text(post("Alpha", "First body."))
    assert Builder(site).build().ok
    assert "First body." in page(site, "alpha")


def test_an_abandoned_update_leaves_no_staging_behind(tmp_path: Path) -> None:
    out = tmp_path / "public"
    first = OutputWriter(out, records=tmp_path / ".octavo")
    first.start()
    first.put("/a.txt", b"a")
    first.commit(["a.txt"], ["/a.txt"])
    first.finish()
    failed = OutputWriter(out, records=tmp_path / ".octavo")
    failed.start()
    failed.put("/a.txt", b"changed")
    failed.abandon()
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]


def test_a_url_part_longer_than_a_file_name_is_an_error(tmp_path: Path) -> None:
    # The slug is within its limit; the pattern's own text makes the file name too long.
    site = make_site(tmp_path / "s", {"alpha.md": post("A", extra=f"slug: {'s' * 250}\n")})
    config = site / "octavo.toml"
    config.write_text(config.read_text() + '[permalinks]\npost = "/posts/{slug}-archived.html"\n')
    report = Builder(site).build()
    assert not report.ok
    (error,) = report.errors
    assert (error.path, error.field) == ("content/alpha.md", "url")
    assert "longer than 255 bytes" in error.message


def test_a_site_whose_octavo_is_a_file_is_told_so(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    (site / ".octavo").write_text("not a folder")
    report = Builder(site).build()
    (error,) = report.errors
    assert error.path == str(site / ".octavo")
    assert "build lock" in error.message


def test_a_cache_that_cannot_be_saved_after_publishing_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "s", {"alpha.md": post("Alpha", "First body.")})
    assert Builder(site).build().ok
    (site / "content" / "alpha.md").write_text(post("Alpha", "Second body."))

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(BuildCache, "store_outputs", full)
    report = Builder(site).build()
    monkeypatch.undo()
    assert report.ok
    assert any("could not be saved" in warning.message for warning in report.warnings)
    assert "Second body." in page(site, "alpha")
    (site / "content" / "alpha.md").write_text(post("Alpha", "First body."))
    assert Builder(site).build().ok
    assert "First body." in page(site, "alpha")


def test_a_template_name_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    (site / "templates").mkdir()
    (site / "templates" / os.fsdecode(b"caf\xe9.html")).write_text("x")
    report = Builder(site).build()
    assert not report.ok
    assert any("not UTF-8" in error.message for error in report.errors)


def test_the_published_folder_holds_only_the_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    (site / "static").mkdir()
    (site / "static" / "CNAME").write_text("blog.example.org")
    assert Builder(site).build().ok
    (site / "content" / "beta.md").write_text(post("Beta"))
    assert Builder(site).build().ok
    names = {path.name for path in (site / "public").rglob("*")}
    assert not {name for name in names if name.startswith(".")}
    assert record_of(site).is_file()


def test_where_processes_cannot_fork_the_build_runs_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    posts = {f"post-{n}.md": post(f"Post {n}") for n in range(60)}  # enough for a pool
    site = make_site(tmp_path / "s", posts)
    real = multiprocessing.get_context

    def no_fork(method: str | None = None) -> object:
        if method == "fork":  # as on Windows
            raise ValueError("cannot find context for 'fork'")
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    assert Builder(site, jobs=2).build().ok
    assert "Post 7" in page(site, "post-7")
