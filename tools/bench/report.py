"""Turns a run's samples into the Markdown report: timings, memory, files, machine, commands."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from measure import Sample
from scenarios import DESCRIPTIONS, SCENARIOS
from sites import ENGINES, Engine

# (posts, scenario, engine) -> the samples of every round.
Key = tuple[int, str, Engine]


@dataclass
class Results:
    sizes: Sequence[int]
    repeat: int
    versions: Mapping[Engine, str]
    commands: dict[int, dict[Engine, str]]
    samples: dict[Key, list[Sample]] = field(default_factory=dict)
    wall_seconds: float = 0.0

    def add(self, key: Key, sample: Sample) -> None:
        self.samples.setdefault(key, []).append(sample)


def render(results: Results) -> str:
    parts = [
        f"## Results ({_sizes(results)}, median of {results.repeat} run(s))",
        _timing_table(results),
        "### Peak RSS (MiB, highest of the runs) and files written (median)",
        _resource_table(results),
        "### Scenarios",
        "\n".join(f"- `{name}`: {DESCRIPTIONS[name]}" for name in SCENARIOS),
        "### Machine and versions",
        _machine(results),
        "### Commands",
        _commands(results),
    ]
    failures = _failures(results)
    if failures:
        parts += ["### Failures", failures]
    return "\n\n".join(parts) + "\n"


def _sizes(results: Results) -> str:
    return ", ".join(f"{n} posts" for n in results.sizes)


def _timing_table(results: Results) -> str:
    head = "| posts | scenario | Octavo s | Hugo s | Pelican s | Octavo/Hugo | Octavo/Pelican |"
    rows = [head, "|---:|---|---:|---:|---:|---:|---:|"]
    for n in results.sizes:
        for scenario in SCENARIOS:
            times = {e: _median_seconds(results.samples.get((n, scenario, e), [])) for e in ENGINES}
            cells = [_seconds(times[e], results, n, e) for e in ENGINES]
            ratios = [_ratio(times["octavo"], times[other]) for other in ("hugo", "pelican")]
            rows.append(f"| {n} | {scenario} | " + " | ".join(cells + ratios) + " |")
    return "\n".join(rows)


def _resource_table(results: Results) -> str:
    head = "| posts | scenario | " + " | ".join(f"{e} MiB | {e} files" for e in ENGINES) + " |"
    rows = [head, "|---:|---|" + "---:|" * (2 * len(ENGINES))]
    for n in results.sizes:
        for scenario in SCENARIOS:
            cells: list[str] = []
            for engine in ENGINES:
                ok = [s for s in results.samples.get((n, scenario, engine), []) if s.ok]
                cells += _resource_cells(ok)
            rows.append(f"| {n} | {scenario} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _resource_cells(ok: list[Sample]) -> list[str]:
    if not ok:
        return ["–", "–"]
    peak = max(s.peak_rss_kib for s in ok) / 1024
    files = statistics.median(s.files_written for s in ok)
    return [f"{peak:.0f}", f"{files:g}"]


def _median_seconds(samples: list[Sample]) -> float | None:
    ok = [s.seconds for s in samples if s.ok]
    # A scenario with any failed run has no honest median.
    return statistics.median(ok) if ok and len(ok) == len(samples) else None


def _seconds(value: float | None, results: Results, n: int, engine: Engine) -> str:
    if value is not None:
        return f"{value:.2f}"
    return "missing" if results.versions[engine] == "missing" else "failed"


def _ratio(octavo: float | None, other: float | None) -> str:
    if octavo is None or other is None or other == 0:
        return "–"
    return f"{octavo / other:.2f}×"


def _machine(results: Results) -> str:
    lines = [
        f"- CPU: {_cpu_model()}, nproc {os.cpu_count()}",
        f"- RAM: {_ram_gib():.1f} GiB",
        f"- OS: {platform.platform()}, runner Python {platform.python_version()}",
        *(f"- {engine}: {results.versions[engine]}" for engine in ENGINES),
        f"- whole run: {results.wall_seconds:.0f} s; load average at its end {_load()}",
    ]
    return "\n".join(lines)


def _commands(results: Results) -> str:
    lines = ["```sh"]
    for n in results.sizes:
        lines += [f"# {n} posts"] + [results.commands[n][e] for e in ENGINES]
    return "\n".join([*lines, "```"])


def _failures(results: Results) -> str:
    lines = [
        f"- {n} posts, {scenario}, {engine}: {sample.detail}"
        for (n, scenario, engine), samples in results.samples.items()
        for sample in samples
        if not sample.ok
    ]
    return "\n".join(dict.fromkeys(lines))  # one line per distinct failure


def _load() -> str:
    # Another job on the machine skews every figure; the load average says whether one ran.
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def _cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""
