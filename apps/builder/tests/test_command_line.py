"""The `octavo` command line itself: its version, and arguments it refuses before any work."""

from __future__ import annotations

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
