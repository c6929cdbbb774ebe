"""How a build's outcome is shown: each problem as `path:line: field: message (hint)`."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from octavo.builder import BuildReport


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(report: BuildReport) -> str:
    """One line for a successful build: posts, tags, pages, seconds, and what was left out."""
    line = (
        f"Built {_plural(report.posts, 'post')}, {_plural(report.tags, 'tag')}, "
        f"{_plural(report.pages, 'page')} in {report.seconds:.2f} s"
    )
    left_out = []
    if report.drafts:
        left_out.append(_plural(len(report.drafts), "draft"))
    if report.scheduled:
        left_out.append(f"{len(report.scheduled)} scheduled")
    if left_out:
        line += f"; left out {' and '.join(left_out)}"
    return line


def show(report: BuildReport, console: Console, *, verbose: bool = False) -> None:
    """Print warnings, errors and the closing line of a build."""
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {escape(str(warning))}", highlight=False)
    if not report.ok:
        for error in report.errors:
            console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        count = _plural(len(report.errors), "error")
        console.print(f"[red]Build failed with {count}; the previous output is untouched.[/]")
        return
    console.print(f"{summary_line(report)} -> {report.output}", highlight=False)
    if verbose:
        for source in report.drafts:
            console.print(f"  draft, left out: {source}", highlight=False)
        for source in report.scheduled:
            console.print(f"  scheduled (dated in the future), left out: {source}", highlight=False)


def show_verification(differences: list[str], console: Console) -> None:
    """Print the outcome of `--verify`."""
    if not differences:
        console.print("Verified: the output equals a clean build, byte for byte.")
        return
    for line in differences:
        console.print(f"[red]verify:[/] {escape(line)}", highlight=False)
    console.print(f"[red]The output differs from a clean build in {len(differences)} files.[/]")
