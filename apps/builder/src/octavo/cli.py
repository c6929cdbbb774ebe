"""The `octavo` command: a few lines over `Builder`. Other packages add commands by entry point.

Imports of the engine happen inside the commands: a build with nothing to do answers from
`octavo.freshness` without loading pydantic, jinja2 or mistune at all.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from octavo.freshness import fresh_build, left_out_lines, site_state, summary_line
from octavo.layout import OUTPUT_DIR

# Packages such as octavo-server register `octavo serve` here; the builder never imports them.
COMMAND_GROUP = "octavo.commands"
BUILT_IN = ("build", "check", "new", "why")
# Overrides the config's base_url for one build (a deploy preview's address); --base-url wins.
BASE_URL_VARIABLE = "OCTAVO_BASE_URL"


def build_command(args: argparse.Namespace) -> int:
    """`octavo build`: build the site; 0 on success, 1 when any error was found, 2 for a
    wrong base URL."""
    base_url = args.base_url or os.environ.get(BASE_URL_VARIABLE) or None
    if base_url is not None:
        from octavo_content.config import absolute_base_url

        try:
            base_url = absolute_base_url(base_url)
        except ValueError as failure:
            source = "--base-url" if args.base_url else BASE_URL_VARIABLE
            print(f"octavo build: error: {source}: {failure}", file=sys.stderr)
            return 2
    state = site_state(
        args.site.resolve(),
        output_of(args),
        include_drafts=args.drafts,
        compress=args.compress,
        base_url=base_url,
        search=not args.no_search,
    )
    if not (args.no_cache or args.verify) and up_to_date(args, state.signature):
        return 0
    from rich.console import Console

    from octavo.builder import Builder
    from octavo.progress import progress_for
    from octavo.report import show, show_verification
    from octavo.verify import verify

    builder = Builder(
        args.site,
        args.output,
        include_drafts=args.drafts,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        compress=args.compress,
        progress=progress_for(Console(stderr=True)),
        state=state,
        base_url=base_url,
        search=not args.no_search,
    )
    report = builder.build()
    show(
        report,
        Console(soft_wrap=True),
        problems=Console(stderr=True, soft_wrap=True),
        verbose=args.verbose,
    )
    if not report.ok:
        return 1
    if args.verify:
        differences = verify(builder)
        show_verification(differences, Console(stderr=bool(differences), soft_wrap=True))
        return 1 if differences else 0
    return 0


def output_of(args: argparse.Namespace) -> Path:
    """The output folder the command line names, or the site's default."""
    output: Path = (args.output or args.site / OUTPUT_DIR).resolve()
    return output


def up_to_date(args: argparse.Namespace, sign: str) -> bool:
    """Print the last build's report and return True when the output is already up to date."""
    started = datetime.now(UTC)
    output = output_of(args)
    fresh = fresh_build(args.site.resolve(), output, sign, started)
    if fresh is None:
        return False
    for line in fresh.warning_lines:
        print(f"warning: {line}")
    seconds = (datetime.now(UTC) - started).total_seconds()
    counts = (
        fresh.posts,
        fresh.tags,
        fresh.pages,
        seconds,
        len(fresh.drafts),
        len(fresh.scheduled),
        len(fresh.expired),
    )
    print(f"{summary_line(*counts)} -> {output} (up to date)")
    if args.verbose:
        for left_out in left_out_lines(fresh.drafts, fresh.scheduled, fresh.expired):
            print(left_out)
    return True


def check_command(args: argparse.Namespace) -> int:
    """`octavo check`: report every problem of the site; 1 when any is an error."""
    from rich.console import Console

    from octavo.check import CheckSettings, as_json, check_site, show_problems

    settings = CheckSettings(
        include_drafts=args.drafts,
        external=args.external,
        timeout=args.timeout,
        deadline=args.deadline,
        jobs=args.jobs,
    )
    problems, published = check_site(args.site, settings)
    if args.format == "json":
        print(as_json(problems))
    else:
        show_problems(problems, published, Console(soft_wrap=True))
    return 1 if any(problem.is_error for problem in problems) else 0


def new_command(args: argparse.Namespace) -> int:
    """`octavo new post TITLE`, `octavo new site DIR` or `octavo new DIR`."""
    words: list[str] = args.words
    if words[0] == "post":
        if len(words) != 2:
            return _usage(args, 'write the title as one argument: octavo new post "My title"')
        return _new_post(args, words[1])
    if words[0] == "site":
        words = words[1:]
    if len(words) != 1:
        return _usage(args, "name one folder: octavo new site DIR")
    from octavo.scaffold import create_site

    site = Path(words[0])
    try:
        create_site(site)
    except FileExistsError as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    print(f"Created {site}. Build it with:  octavo build {site}")
    return 0


def why_command(args: argparse.Namespace) -> int:
    """`octavo why PATH|URL`: 0 when it is built, 1 when not (the answer says why)."""
    from octavo.why import why

    answer = why(args.site, args.target)
    print("\n".join(answer.lines))
    return 0 if answer.built else 1


def _new_post(args: argparse.Namespace, title: str) -> int:
    """`octavo new post TITLE`: writes a draft post in the site; prints its path."""
    from octavo.newpost import PostExists, new_post
    from octavo_content import ContentErrors

    tags = [tag.strip() for tag in (args.tags or "").split(",") if tag.strip()]
    try:
        path = new_post(args.site, title, tags=tags, bundle=args.bundle)
    except ContentErrors as failure:
        for error in failure.errors:
            print(f"error: {error}", file=sys.stderr)
        return 1
    except (PostExists, ValueError) as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    print(path)
    return 0


def _usage(args: argparse.Namespace, message: str) -> int:
    """Prints a usage error for `octavo new`; returns argparse's exit code for one."""
    args.new_parser.print_usage(sys.stderr)
    print(f"octavo new: error: {message}", file=sys.stderr)
    return 2


def jobs(text: str) -> int:
    """`--jobs N`: a number of processes, 1 or more (0 would build nothing and say nothing)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number, 1 or more")
    return number


# Every distribution of the workspace; the server is optional, so it may be missing.
MEMBERS = ("octavo-content", "octavo-parser", "octavo-tags", "octavo-render", "octavo-server")


class _Versions(argparse.Action):
    """`--version`: the builder's version, then each member's, read only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the versions and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        lines = [f"octavo {version('octavo')}"]
        for member in MEMBERS:
            try:
                lines.append(f"  {member} {version(member)}")
            except PackageNotFoundError:
                lines.append(f"  {member} not installed")
        print("\n".join(lines))
        parser.exit()


def parser(discover: bool = True) -> argparse.ArgumentParser:
    """The command line: build, check, new, and (when `discover`) every registered command."""
    main_parser = argparse.ArgumentParser(prog="octavo", description="A static blog engine.")
    main_parser.add_argument("--version", action=_Versions)
    commands = main_parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build a site into its output folder")
    build.add_argument("site", nargs="?", type=Path, default=Path(), help="site folder")
    build.add_argument("-o", "--output", type=Path, help="output folder (default SITE/public)")
    build.add_argument("--drafts", action="store_true", help="include posts marked draft")
    build.add_argument("-v", "--verbose", action="store_true", help="name the posts left out")
    build.add_argument(
        "-j", "--jobs", type=jobs, help="processes for parsing and rendering (default: all cores)"
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
    build.add_argument(
        "--no-search",
        action="store_true",
        help="no search page, box or index, as search = false in octavo.toml says",
    )
    build.add_argument(
        "--base-url",
        metavar="URL",
        help=f"the address the site is served from, for this build only (a deploy preview's); "
        f"overrides ${BASE_URL_VARIABLE}, which overrides octavo.toml's base_url",
    )
    build.set_defaults(run=build_command)

    check = commands.add_parser(
        "check", help="report broken links, anchors and images and every other problem"
    )
    check.add_argument("site", nargs="?", type=Path, default=Path(), help="site folder")
    check.add_argument("--drafts", action="store_true", help="include posts marked draft")
    check.add_argument(
        "--external", action="store_true", help="also ask other sites for the pages linked to"
    )
    check.add_argument(
        "--timeout", type=float, default=10.0, help="seconds each external link may take (10)"
    )
    check.add_argument(
        "--deadline", type=float, default=60.0, help="seconds all external links may take (60)"
    )
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("-j", "--jobs", type=jobs, help="processes for parsing (default: all cores)")
    check.set_defaults(run=check_command)

    why = commands.add_parser(
        "why", help="say whether a post is built and at which URLs, and if not why"
    )
    why.add_argument("target", help="a source file (content/post.md) or a URL (/posts/post/)")
    why.add_argument("--site", type=Path, default=Path(), help="the site folder (default: here)")
    why.set_defaults(run=why_command)

    new = commands.add_parser(
        "new",
        help="create a site (new site DIR, or new DIR) or a draft post (new post TITLE)",
        usage='octavo new site DIR | octavo new post "TITLE" [--tags a,b] [--bundle] [--site SITE]',
    )
    new.add_argument("words", nargs="+", help='"site DIR", "DIR" or "post TITLE"')
    new.add_argument("--tags", help="post: its tags, separated by commas")
    new.add_argument(
        "--bundle", action="store_true", help="post: a folder with index.md, for its files"
    )
    new.add_argument(
        "--site", type=Path, default=Path(), help="post: the site folder (default: here)"
    )
    new.set_defaults(run=new_command, new_parser=new)

    if discover:
        from importlib.metadata import entry_points

        for command in entry_points(group=COMMAND_GROUP):
            register = command.load()
            register(commands)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    # Scanning installed packages for commands costs a tenth of a second: built-ins skip it.
    discover = not arguments or arguments[0] not in BUILT_IN
    args = parser(discover).parse_args(arguments)
    code: int = args.run(args)
    return code


def run() -> None:
    """The `octavo` console script: `main`, then a prompt exit.

    A command is a short-lived process that makes little cyclic garbage: the cycle collector
    stays off (re-enabled after a build, its first pass over a large site's objects costs
    0.08 s). Everything is written and closed at the end; tearing down tens of thousands of
    objects one by one would only delay the prompt, so the process leaves its memory to the
    operating system.
    """
    gc.disable()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
