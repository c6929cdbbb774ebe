"""The README's example runs are true: each command runs, in order, in a fresh folder, and prints
what the README shows.

Numbers (counts, seconds, versions, dates) may differ from the README's, so digits are compared
as "a number". The folder the README calls /home/ada is this test's own. `octavo serve` runs until
it has printed what the README shows, then is stopped as Ctrl-C stops it."""

from __future__ import annotations

import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).parents[1] / "README.md"
HOME = "/home/ada"
SERVE_SECONDS = 120


@dataclass
class Run:
    command: list[str]
    shown: list[str]


def example_runs() -> list[Run]:
    """The commands of the README's "Example runs" section and the lines shown after each."""
    text = README.read_text("utf-8")
    section = text.split("\n## Example runs\n", 1)[1].split("\n## ", 1)[0]
    runs: list[Run] = []
    for block in re.findall(r"```console\n(.*?)```", section, re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                runs.append(Run(shlex.split(line[2:]), []))
            else:
                runs[-1].shown.append(line)
    return runs


def normal(line: str, home: Path) -> str:
    """A line as compared: this test's folder named as the README names it, numbers as N."""
    line = line.replace(str(home), HOME)
    line = re.sub(r"/tmp/octavo-serve-\w+", "/tmp/octavo-serve-N", line)
    return re.sub(r"\d+(\.\d+)*", "N", line).rstrip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def run(command: list[str], lines: int, folder: Path) -> list[str]:
    """What `command` prints (standard output, then standard error), its first `lines` lines for
    `octavo serve`, which runs until stopped."""
    argv = [sys.executable, "-m", "octavo", *command[1:]]
    if command[1] != "serve":
        done = subprocess.run(
            argv, cwd=folder, capture_output=True, text=True, timeout=300, check=False
        )
        return (done.stdout + done.stderr).splitlines()
    argv += ["--port", str(free_port())]  # the README's may be taken; a port is a number here
    server = subprocess.Popen(
        argv, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    printed: list[str] = []
    deadline = time.monotonic() + SERVE_SECONDS
    try:
        assert server.stdout is not None
        while len(printed) < lines and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            printed.append(line.rstrip("\n"))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    return printed


def test_the_readme_shows_a_run_of_every_command() -> None:
    runs = example_runs()
    shown = {
        run.command[1] if run.command[1] != "new" else " ".join(run.command[1:3]) for run in runs
    }
    assert {"new myblog", "new post", "build", "serve", "check", "why", "--version"} <= shown


def test_each_example_run_prints_what_the_readme_shows(tmp_path: Path) -> None:
    for example in example_runs():
        assert example.command[0] == "octavo", example.command
        printed = run(example.command, len(example.shown), tmp_path)
        assert [normal(line, tmp_path) for line in printed] == [
            normal(line, tmp_path) for line in example.shown
        ], shlex.join(example.command)
