"""Benchmark Octavo against Hugo and Pelican on the same generated corpus.

Usage: python tools/bench/run.py [--sizes 1000,10000] [--repeat 3] [--quick] [--out FILE]
                                 [--octavo CMD] [--hugo CMD] [--pelican CMD] [--workdir DIR]

For each size, the corpus is written once per engine; then each round runs every scenario in order,
and within a scenario every engine in turn (the order rotates each round, so no engine always runs
first on a warm or cold page cache). The report goes to stdout and, with --out, to a file.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import corpus
import report
import sites
from engines import EngineCommand, resolve
from measure import run_build
from scenarios import SCENARIOS, Workspace, prepare
from sites import ENGINES, Engine


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    sizes, repeat = ([200], 1) if args.quick else (_int_list(args.sizes), args.repeat)
    commands = {e: resolve(e, getattr(args, e)) for e in ENGINES}
    for command in commands.values():
        if command.missing:
            _log(f"{command.engine}: not found, reported as missing")
    results = report.Results(
        sizes=sizes,
        repeat=repeat,
        versions={e: c.version() for e, c in commands.items()},
        commands={},
    )
    start = time.perf_counter()
    for n in sizes:
        _bench_size(n, repeat, args, commands, results)
    results.wall_seconds = time.perf_counter() - start
    text = report.render(results)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000", help="post counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size (median reported)")
    parser.add_argument("--quick", action="store_true", help="smoke test: 200 posts, one round")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/octavo-bench"))
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per build")
    parser.add_argument("--octavo", help="Octavo command (default: octavo on PATH)")
    parser.add_argument("--hugo", help="Hugo command (default: hugo on PATH)")
    parser.add_argument("--pelican", help="Pelican command (default: /tmp/bench-venv or PATH)")
    return parser.parse_args(argv)


def _int_list(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _bench_size(
    n: int,
    repeat: int,
    args: argparse.Namespace,
    commands: dict[Engine, EngineCommand],
    results: report.Results,
) -> None:
    spaces = _write_corpus(n, args.workdir / str(n), args.seed, commands)
    results.commands[n] = {e: _shown(s) for e, s in spaces.items()}
    present = [e for e in ENGINES if not commands[e].missing]
    if not present:
        return
    for round_no in range(repeat):
        order = present[round_no % len(present) :] + present[: round_no % len(present)]
        for scenario in SCENARIOS:
            for engine in order:
                space = spaces[engine]
                prepare(scenario, space, round_no)
                log = args.workdir / str(n) / "logs" / f"{engine}-{scenario}-{round_no}.log"
                argv = space.command.build(space.site, space.out)
                sample = run_build(argv, space.out, log, args.timeout)
                results.add((n, scenario, engine), sample)
                status = "ok" if sample.ok else f"FAILED ({sample.detail})"
                where = f"[{n} posts, round {round_no + 1}] {scenario:<13} {engine:<8}"
                _log(f"{where} {sample.seconds:7.2f} s  {status}")


def _shown(space: Workspace) -> str:
    if space.command.missing:
        return f"# {space.command.engine}: not installed"
    return shlex.join(space.command.build(space.site, space.out))


def _write_corpus(
    n: int, folder: Path, seed: int, commands: dict[Engine, EngineCommand]
) -> dict[Engine, Workspace]:
    _log(f"writing the {n}-post corpus to {folder / 'sites'}")
    posts = tuple(corpus.generate(n, seed))
    sites.write_sites(posts, folder / "sites")
    return {
        e: Workspace(commands[e], folder / "sites" / e, folder / "build" / e, posts, seed)
        for e in ENGINES
    }


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
