"""Progress: nothing for quick builds, plain phase lines when output is not a terminal."""

from __future__ import annotations

import pytest

from octavo import progress


def test_plain_lines_name_each_phase_of_a_slow_build(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(progress, "QUIET_SECONDS", 0.0)
    report = progress.PlainProgress()
    report.phase("parse", 120)
    report.advance(120)
    report.phase("render", 300)
    report.finish()
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" in ")[0] for line in lines] == ["parse: 120", "render: 300"]


def test_a_quick_build_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    report = progress.PlainProgress()
    report.phase("parse", 3)
    report.finish()
    assert capsys.readouterr().err == ""
