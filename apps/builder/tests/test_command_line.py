"""The `octavo` command line itself: its version, and arguments it refuses before any work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path

import pytest

from octavo import main

MEMBERS = ("octavo", "octavo-content", "octavo-parser", "octavo-tags", "octavo-render")


def test_version_names_every_member_and_its_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"octavo {version('octavo')}"
    for member in MEMBERS[1:]:
        assert f"  {member} {version(member)}" in lines
    # The server is a member too: named with its version when installed, else said missing.
    (server,) = [line for line in lines if line.startswith("  octavo-server ")]
    assert server.split()[1][0].isdigit() or server.endswith("not installed")


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("jobs", ["0", "-2", "many"])
def test_jobs_below_one_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, jobs: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([command, str(tmp_path), "--jobs", jobs])
    assert stopped.value.code == 2  # argparse's usage error, before any work
    error = capsys.readouterr().err
    assert "--jobs" in error and "a whole number, 1 or more" in error
    assert not (tmp_path / "public").exists()


def test_warnings_go_to_stderr_and_the_summary_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # So `octavo build > log` keeps the outcome, and a script reading stdout gets one line.
    site = tmp_path / "s"
    (site / "content").mkdir(parents=True)
    (site / "octavo.toml").write_text(
        'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
    )
    (site / "content" / "a.md").write_text(
        "---\ntitle: A\ndate: 2024-01-01\n---\nSee [the missing one](/posts/missing/).\n"
    )
    assert main(["build", str(site)]) == 0
    printed = capsys.readouterr()
    assert "warning: content/a.md:5:" in printed.err
    assert "warning:" not in printed.out
    assert printed.out.startswith("Built 1 post")


def make_site(root: Path, zone: str = "Pacific/Auckland") -> Path:
    assert main(["new", "site", str(root)]) == 0
    config = root / "octavo.toml"
    config.write_text(config.read_text().replace('timezone = "UTC"', f'timezone = "{zone}"'))
    return root


def test_new_post_writes_a_draft_dated_now_in_the_sites_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "blog")
    capsys.readouterr()
    title = 'Écrire: "quotes", # and a colon'
    assert main(["new", "post", title, "--tags", "python, web", "--site", str(site)]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == site / "content" / "ecrire-quotes-and-a-colon.md"
    text = path.read_text("utf-8")
    assert text.startswith('---\ntitle: "Écrire: \\"quotes\\", # and a colon"\ndate: 20')
    assert 'tags: ["python", "web"]\ndraft: true\n---\n' in text
    # Dated now, with the site's offset (Auckland is 12 or 13 hours ahead of UTC).
    written = datetime.fromisoformat(text.split("date: ", 1)[1].split("\n", 1)[0])
    assert written.utcoffset() in {timedelta(hours=12), timedelta(hours=13)}
    assert abs(datetime.now(UTC) - written) < timedelta(minutes=1)
    # A draft: left out of a build, built with --drafts, title and tags as written.
    assert main(["build", str(site), "--drafts"]) == 0
    page = site / "public" / "posts" / "ecrire-quotes-and-a-colon" / "index.html"
    assert "Écrire: &#34;quotes&#34;, # and a colon" in page.read_text("utf-8")
    assert (site / "public" / "tags" / "web" / "index.html").is_file()


def test_new_post_never_overwrites_and_a_bundle_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "blog", zone="UTC")
    capsys.readouterr()
    assert main(["new", "post", "Trip Report", "--bundle", "--site", str(site)]) == 0
    bundle = site / "content" / "trip-report" / "index.md"
    assert capsys.readouterr().out.strip() == str(bundle)
    bundle.write_text(bundle.read_text() + "Words I wrote.\n")
    for bundled in ([], ["--bundle"]):  # either form of the same slug is refused
        assert main(["new", "post", "Trip report", "--site", str(site), *bundled]) == 1
        assert "already there" in capsys.readouterr().err
    assert bundle.read_text().endswith("Words I wrote.\n")


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["new", "post", " "], "has no title"),
        (["new", "post"], "title as one argument"),
        (["new", "post", "Two", "Words"], "title as one argument"),
    ],
)
def test_new_post_refuses_what_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], words: list[str], said: str
) -> None:
    site = make_site(tmp_path / "blog")
    capsys.readouterr()
    assert main([*words, "--site", str(site)]) in {1, 2}
    assert said in capsys.readouterr().err
    assert sorted(path.name for path in (site / "content").iterdir()) == ["hello-world.md"]


def test_new_post_outside_a_site_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "post", "Hello", "--site", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "octavo.toml" in error and "Traceback" not in error
