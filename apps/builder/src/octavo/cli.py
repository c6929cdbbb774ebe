"""The `octavo` command: a few lines over `Builder`. Other packages add commands by entry point."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path

from rich.console import Console

from octavo.builder import Builder
from octavo.progress import progress_for
from octavo.report import show, show_verification
from octavo.scaffold import create_site
from octavo.verify import verify

# Packages such as octavo-server register `octavo serve` here; the builder never imports them.
COMMAND_GROUP = "octavo.commands"


def build_command(args: argparse.Namespace) -> int:
    """`octavo build`: build the site; 0 on success, 1 when any error was found."""
    builder = Builder(
        args.site,
        args.output,
        include_drafts=args.drafts,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        compress=args.compress,
        progress=progress_for(Console(stderr=True)),
    )
    report = builder.build()
    show(report, Console(stderr=not report.ok, soft_wrap=True), verbose=args.verbose)
    if not report.ok:
        return 1
    if args.verify:
        differences = verify(builder)
        show_verification(differences, Console(stderr=bool(differences), soft_wrap=True))
        return 1 if differences else 0
    return 0


def new_command(args: argparse.Namespace) -> int:
    """`octavo new`: write a scaffold site."""
    try:
        create_site(args.site)
    except FileExistsError as refusal:
        Console(stderr=True).print(f"[red]error:[/] {refusal}")
        return 1
    print(f"Created {args.site}. Build it with:  octavo build {args.site}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: build, new, and every registered command."""
    main_parser = argparse.ArgumentParser(prog="octavo", description="A static blog engine.")
    commands = main_parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build a site into its output folder")
    build.add_argument("site", nargs="?", type=Path, default=Path(), help="site folder")
    build.add_argument("-o", "--output", type=Path, help="output folder (default SITE/public)")
    build.add_argument("--drafts", action="store_true", help="include posts marked draft")
    build.add_argument("-v", "--verbose", action="store_true", help="name the posts left out")
    build.add_argument(
        "-j", "--jobs", type=int, help="processes for parsing and rendering (default: all cores)"
    )
    build.add_argument(
        "--no-cache", action="store_true", help="ignore the build cache and build from nothing"
    )
    build.add_argument(
        "--verify",
        action="store_true",
        help="after building, build again from nothing and check both outputs are identical",
    )
    build.add_argument(
        "--compress", action="store_true", help="also write .gz and .br copies of text files"
    )
    build.set_defaults(run=build_command)

    new = commands.add_parser("new", help="create a new site folder")
    new.add_argument("site", type=Path, help="folder to create")
    new.set_defaults(run=new_command)

    for command in entry_points(group=COMMAND_GROUP):
        register = command.load()
        register(commands)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
