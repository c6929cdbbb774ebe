"""How a build's outcome is shown: each problem as `path:line: field: message (hint)`."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from octavo.builder import BuildReport
from octavo.freshness import left_out_lines
from octavo.freshness import summary_line as counted_line


def summary_line(report: BuildReport) -> str:
    """One line for a successful build: posts, tags, pages, seconds, and what was left out."""
    return counted_line(
        report.posts,
        report.tags,
        report.pages,
        report.seconds,
        len(report.drafts),
        len(report.scheduled),
        len(report.expired),
    )


def show(
    report: BuildReport,
    console: Console,
    *,
    problems: Console | None = None,
    verbose: bool = False,
) -> None:
    """Print warnings, errors and the closing line of a build.

    Warnings, errors and a failure go to `problems` (the command line's stderr), the outcome
    of a good build to `console`; both to `console` when no `problems` is given.
    """
    told = problems or console
    for warning in report.warnings:
        told.print(f"[yellow]warning:[/] {escape(str(warning))}", highlight=False)
    if not report.ok:
        for error in report.errors:
            told.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        count = f"{len(report.errors)} error" + ("" if len(report.errors) == 1 else "s")
        told.print(f"[red]Build failed with {count}; the previous output is untouched.[/]")
        return
    console.print(f"{summary_line(report)} -> {report.output}", highlight=False)
    if verbose and report.phases:
        timed = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report.phases)
        console.print(f"  phases: {timed}", highlight=False, markup=False)
    if verbose:
        for line in left_out_lines(report.drafts, report.scheduled, report.expired):
            console.print(line, highlight=False, markup=False)


def show_verification(differences: list[str], console: Console) -> None:
    """Print the outcome of `--verify`."""
    if not differences:
        console.print("Verified: the output equals a clean build, byte for byte.")
        return
    for line in differences:
        console.print(f"[red]verify:[/] {escape(line)}", highlight=False)
    console.print(f"[red]The output differs from a clean build in {len(differences)} files.[/]")
