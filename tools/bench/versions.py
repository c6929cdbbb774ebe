"""Octavo against Octavo: two revisions, one corpus, one run, the sides taking turns.

Usage: python tools/bench/versions.py --before REV [--after REV-or-folder] [--posts 10000]
                                      [--repeat 5] [--scenarios cold,noop,edit-body]
                                      [--quick] [--out FILE] [--seed S]

REV is checked out with `git worktree add --detach` into a temporary folder (removed at the end,
Ctrl-C included); --after defaults to the working tree this file is in. The corpus is generated
once and copied for each side. Every build is `python -m octavo build SITE -o OUT` with this
interpreter and PYTHONPATH set to the side's own `src` folders, so each side runs its own code
with the same dependencies. Within a round every scenario builds both sides, and which side goes
first rotates from round to round. After each cold build the two outputs are compared byte for
byte. The Markdown report goes to stdout and, with --out, to a file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import corpus
import scenarios
import sites
from engines import EngineCommand

REPO = Path(__file__).resolve().parents[2]
SIDES = ("before", "after")
DEFAULT_SCENARIOS = ("cold", "noop", "edit-body")
KNOWN_SCENARIOS = ("cold", "noop", "edit-body")
# The modules a build imports from the workspace; each must come from the side's own tree.
ENGINE_MODULES = ("octavo", "octavo_content", "octavo_parser", "octavo_tags", "octavo_render")
# The writer's bookkeeping (records, staging folders): not part of the published site.
BOOKKEEPING_PREFIX = ".octavo"
# Variables that would make a child build do more than build (coverage's subprocess hook).
DROPPED_ENV = ("PYTHONPATH", "COVERAGE_PROCESS_START", "COVERAGE_PROCESS_CONFIG")


@dataclass(frozen=True)
class Side:
    """One revision of Octavo: where its sources are, and its own copy of the site."""

    name: str
    root: Path
    label: str
    space: scenarios.Workspace

    @property
    def env(self) -> dict[str, str]:
        return side_env(self.root)


@dataclass(frozen=True)
class Sample:
    """One build: wall seconds, CPU seconds (its own and its children's), exit code."""

    wall: float
    cpu: float
    code: int
    log: Path


@dataclass(frozen=True)
class TreeDiff:
    """Two output folders compared file by file, bookkeeping names left out."""

    files: int
    differing: tuple[str, ...]
    only_before: tuple[str, ...]
    only_after: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return not (self.differing or self.only_before or self.only_after)


@dataclass
class Results:
    """Every sample of the run, keyed by (scenario, side), in round order."""

    samples: dict[tuple[str, str], list[Sample]] = field(default_factory=dict)
    diffs: list[TreeDiff] = field(default_factory=list)

    def add(self, scenario: str, side: str, sample: Sample) -> None:
        self.samples.setdefault((scenario, side), []).append(sample)

    @property
    def failures(self) -> list[tuple[str, str, Sample]]:
        return [
            (scenario, side, sample)
            for (scenario, side), runs in self.samples.items()
            for sample in runs
            if sample.code != 0
        ]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    posts_n = args.posts if args.posts is not None else (200 if args.quick else 10000)
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 5)
    chosen = _scenario_list(args.scenarios)
    # SIGTERM unwinds like Ctrl-C, so the worktrees are removed on kill too.
    previous = signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        text, failed = _run(args, posts_n, repeat, chosen)
    except KeyboardInterrupt:
        _log("interrupted: the checkout and the sites are removed")
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 1 if failed else 0


def _run(
    args: argparse.Namespace, posts_n: int, repeat: int, chosen: Sequence[str]
) -> tuple[str, bool]:
    """Check out, write the sites, run the rounds: (the report, whether any build failed)."""
    start = time.perf_counter()
    with workdir() as work:
        roots = {
            "before": checkout(args.before, work / "before-src"),
            "after": _after_root(args.after, work / "after-src"),
        }
        posts = tuple(corpus.generate(posts_n, args.seed))
        sides = _make_sides(roots, args, posts, work)
        for side in sides:
            _check_imports(side)
            _compile(side)
        results = Results()
        for round_no in range(repeat):
            order = sides if round_no % 2 == 0 else sides[::-1]
            _round(round_no, chosen, order, results)
        text = render(sides, posts_n, repeat, chosen, results, time.perf_counter() - start)
    return text, bool(results.failures)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--before", required=True, help="git revision to compare against")
    parser.add_argument("--after", help="git revision or source folder (default: the working tree)")
    parser.add_argument("--posts", type=int, help="posts in the corpus (default 10000)")
    parser.add_argument("--repeat", type=int, help="rounds (default 5; medians reported)")
    parser.add_argument(
        "--scenarios",
        default=",".join(DEFAULT_SCENARIOS),
        help=f"comma-separated, in order, from {', '.join(KNOWN_SCENARIOS)}",
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: 200 posts, one round")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    return parser.parse_args(argv)


def _scenario_list(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [name for name in chosen if name not in KNOWN_SCENARIOS]
    if unknown or not chosen:
        raise SystemExit(f"--scenarios: unknown {unknown}; known: {', '.join(KNOWN_SCENARIOS)}")
    return chosen


def _exit_on_term(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


# -- the two source trees ------------------------------------------------------------------------


@contextlib.contextmanager
def workdir() -> Iterator[Path]:
    """A temporary folder for worktrees, sites and logs; its worktrees unregistered at the end."""
    work = Path(tempfile.mkdtemp(prefix="octavo-versions-"))
    try:
        yield work
    finally:
        for name in ("before-src", "after-src"):
            if (work / name).exists():
                _git("worktree", "remove", "--force", str(work / name), check=False)
        shutil.rmtree(work, ignore_errors=True)
        _git("worktree", "prune", check=False)


def checkout(rev: str, folder: Path) -> Path:
    _log(f"checking out {rev} into {folder}")
    _git("worktree", "add", "--detach", "--quiet", str(folder), f"{rev}^{{commit}}")
    return folder


def _after_root(after: str | None, folder: Path) -> Path:
    if after is None:
        return REPO
    if Path(after).is_dir():
        return Path(after).resolve()
    return checkout(after, folder)


def _git(*args: str, cwd: Path = REPO, check: bool = True) -> str:
    done = subprocess.run(
        ["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def describe(root: Path) -> str:
    """The revision a source tree is at, e.g. "796012c (docs/...)", and whether it is edited."""
    sha = _git("rev-parse", "--short", "HEAD", cwd=root, check=False)
    if not sha:
        return str(root)
    subject = _git("log", "-1", "--format=%s", cwd=root, check=False)
    edited = _git("status", "--porcelain", "--", "packages", "apps", cwd=root, check=False)
    where = "working tree at " if root == REPO else ""
    extra = ", with uncommitted changes in packages/ or apps/" if edited else ""
    return f"{where}{sha} ({subject}){extra}"


def source_folders(root: Path) -> list[Path]:
    """Every workspace member's `src` folder in a source tree."""
    return sorted(root.glob("packages/*/src")) + sorted(root.glob("apps/*/src"))


def side_env(root: Path) -> dict[str, str]:
    """This process's environment, with PYTHONPATH naming only `root`'s own sources."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in source_folders(root))
    return env


def imported_from(root: Path) -> dict[str, Path]:
    """Where each engine module comes from when a child Python runs with `root`'s PYTHONPATH."""
    script = (
        "import importlib\n"
        f"for name in {ENGINE_MODULES!r}:\n"
        "    print(name, importlib.import_module(name).__file__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=side_env(root),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{root}: the engine does not import:\n{done.stderr.strip()}")
    pairs = (line.split(" ", 1) for line in done.stdout.splitlines())
    return {name: Path(path).resolve() for name, path in pairs}


def _check_imports(side: Side) -> None:
    # A side that silently ran the other side's code would report a ratio of 1.00 for anything.
    root = side.root.resolve()
    stray = {
        name: path for name, path in imported_from(root).items() if not path.is_relative_to(root)
    }
    if stray:
        raise SystemExit(f"{side.name}: modules imported from outside {root}: {stray}")


def _compile(side: Side) -> None:
    # A fresh worktree has no bytecode: compile both sides first so no cold build pays for it.
    folders = [str(p) for p in source_folders(side.root)]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *folders],
        env=side.env,
        capture_output=True,
        check=False,
    )


# -- sites and builds ----------------------------------------------------------------------------


def _make_sides(
    roots: dict[str, Path], args: argparse.Namespace, posts: tuple[corpus.Post, ...], work: Path
) -> list[Side]:
    _log(f"writing the {len(posts)}-post corpus")
    sites.write_sites(posts, work / "corpus")
    command = EngineCommand("octavo", (sys.executable, "-m", "octavo"))
    sides = []
    for name in SIDES:
        site = work / name / "site"
        shutil.copytree(work / "corpus" / "octavo", site)
        space = scenarios.Workspace(command, site, work / name / "build", posts, args.seed)
        sides.append(Side(name, roots[name], describe(roots[name]), space))
    shutil.rmtree(work / "corpus")
    return sides


def _round(round_no: int, chosen: Sequence[str], order: Sequence[Side], results: Results) -> None:
    for scenario in chosen:
        for side in order:
            prepare(scenario, side, round_no)
            sample = run_build(side, scenario, round_no)
            results.add(scenario, side.name, sample)
            status = "ok" if sample.code == 0 else f"FAILED (exit {sample.code})"
            where = f"[round {round_no + 1}] {scenario:<10} {side.name:<6}"
            _log(f"{where} {sample.wall:7.2f} s wall {sample.cpu:7.2f} s CPU  {status}")
        if scenario == "cold":
            before, after = sorted(order, key=lambda side: SIDES.index(side.name))
            results.diffs.append(compare_trees(before.space.out, after.space.out))


def prepare(scenario: str, side: Side, round_no: int) -> None:
    """The same change as run.py's scenario; a cold build also loses the site's `.octavo`."""
    scenarios.prepare(scenario, side.space, round_no)
    if scenario == "cold":
        records = side.space.site / ".octavo"
        if records.exists():
            shutil.rmtree(records)


def run_build(side: Side, scenario: str, round_no: int) -> Sample:
    """Build the side's site once in a child process: wall and CPU time, exit code."""
    space = side.space
    log = space.site.parent / "logs" / f"{scenario}-{round_no}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    # `python -m` puts the working folder on sys.path, and Octavo's no-op check signs the stat of
    # every sys.path folder: an empty folder of the side's own keeps others' files out of it.
    quiet = space.site.parent / "cwd"
    quiet.mkdir(exist_ok=True)
    with log.open("wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(
            space.command.build(space.site, space.out),
            env=side.env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=quiet,
            start_new_session=True,
        )
        try:
            # wait4 gives this child's rusage, its worker processes included once it reaped them.
            _pid, status, usage = os.wait4(child.pid, 0)
        except BaseException:
            # Ctrl-C or SIGTERM: the build is in a session of its own, so stop it here.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            raise
        wall = time.perf_counter() - start
    child.returncode = code = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_utime + usage.ru_stime, code, log)


def compare_trees(before: Path, after: Path) -> TreeDiff:
    """Compare two output folders byte for byte, ignoring paths with a `.octavo*` segment."""
    first, second = _files(before), _files(after)
    shared = sorted(first & second)
    differing = tuple(
        rel for rel in shared if (before / rel).read_bytes() != (after / rel).read_bytes()
    )
    return TreeDiff(
        files=len(first | second),
        differing=differing,
        only_before=tuple(sorted(first - second)),
        only_after=tuple(sorted(second - first)),
    )


def _files(folder: Path) -> set[str]:
    found: set[str] = set()
    for top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(BOOKKEEPING_PREFIX)]
        for name in names:
            if not name.startswith(BOOKKEEPING_PREFIX):
                found.add((Path(top) / name).relative_to(folder).as_posix())
    return found


# -- the report ----------------------------------------------------------------------------------


def render(
    sides: Sequence[Side],
    posts: int,
    repeat: int,
    chosen: Sequence[str],
    results: Results,
    seconds: float,
) -> str:
    by_name = {side.name: side for side in sides}
    lines = [
        f"## Octavo before and after ({posts} posts, median of {repeat} round(s))",
        "",
        f"- before: {by_name['before'].label}",
        f"- after: {by_name['after'].label}",
        "",
        "| scenario | before s | after s | after/before | median of round ratios "
        "| round ratios | before CPU s | after CPU s | CPU after/before |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    lines += [_row(scenario, results) for scenario in chosen]
    lines += ["", output_line(results.diffs), ""]
    lines += _failures(results)
    one = by_name["after"].space
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    lines += [
        "Ratios are after divided by before: below 1 means the after side is faster. Wall and CPU "
        "are whole `python -m octavo build` processes (CPU: user + system, worker processes "
        "included); the sides alternate, and which goes first rotates each round.",
        "",
        f"- command: `{' '.join(one.command.argv)} build SITE -o OUT`, PYTHONPATH = the side's "
        "`packages/*/src` and `apps/*/src`",
        f"- scenarios: {'; '.join(f'`{s}`: {_describe_scenario(s)}' for s in chosen)}",
        f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; whole run {seconds:.0f} s, "
        f"load average at its end {load}",
    ]
    return "\n".join(lines) + "\n"


def _row(scenario: str, results: Results) -> str:
    runs = {name: results.samples.get((scenario, name), []) for name in SIDES}
    wall = {name: _median([s.wall for s in runs[name] if s.code == 0]) for name in SIDES}
    cpu = {name: _median([s.cpu for s in runs[name] if s.code == 0]) for name in SIDES}
    rounds = [
        a.wall / b.wall
        for b, a in zip(runs["before"], runs["after"], strict=True)
        if a.code == 0 and b.code == 0 and b.wall > 0
    ]
    cells = [
        f"`{scenario}`",
        _seconds(wall["before"]),
        _seconds(wall["after"]),
        _ratio(wall["after"], wall["before"]),
        _ratio(_median(rounds), 1.0),
        ", ".join(f"{r:.2f}" for r in rounds) or "—",
        _seconds(cpu["before"]),
        _seconds(cpu["after"]),
        _ratio(cpu["after"], cpu["before"]),
    ]
    return "| " + " | ".join(cells) + " |"


def output_line(diffs: Sequence[TreeDiff]) -> str:
    """The byte-for-byte verdict on the cold builds' outputs, one line."""
    if not diffs:
        return "Output after cold: not compared (no cold scenario)."
    wrong = [d for d in diffs if not d.identical]
    if not wrong:
        return (
            f"Output after cold: identical, {diffs[0].files} files byte for byte in each of "
            f"{len(diffs)} round(s) (paths with a `.octavo*` segment ignored)."
        )
    first = wrong[0]
    named = [*first.differing, *first.only_before, *first.only_after][:5]
    return (
        f"Output after cold: DIFFERENT in {len(wrong)} of {len(diffs)} round(s): "
        f"{len(first.differing)} of {first.files} files differ, {len(first.only_before)} only "
        f"before, {len(first.only_after)} only after (e.g. {', '.join(named)})."
    )


def _failures(results: Results) -> list[str]:
    if not results.failures:
        return []
    lines = ["**Failures** (left out of the medians):", ""]
    for scenario, side, sample in results.failures:
        tail = sample.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        lines.append(f"- {side} `{scenario}`: exit {sample.code}: {' / '.join(tail)}")
    return [*lines, ""]


def _describe_scenario(name: str) -> str:
    if name == "cold":
        return "output folder and the site's `.octavo` removed"
    if name == "edit-body":
        return "one sentence appended to the middle post"
    return scenarios.DESCRIPTIONS[name]


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _ratio(top: float | None, bottom: float | None) -> str:
    if top is None or bottom is None or bottom <= 0:
        return "—"
    return f"{top / bottom:.2f}×"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
