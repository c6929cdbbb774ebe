"""The site's files as a build reads them: anything it cannot read is an error naming the path.

The walk in `octavo.freshness` (standard library only, for the no-op fast path) lists each
regular file of content/ and static/ and notes everything else under content/, static/ and
templates/ as `Unusable`. Here those notes become `ContentError`s, and files are read with
their read errors as values: a folder that cannot be listed, or a file that cannot be read, is
never taken for an empty one.
"""

from __future__ import annotations

from collections.abc import Iterable

from octavo.freshness import SourceFile, Unusable, read_regular
from octavo_content import ContentError

_OUTSIDE_HINT = "copy it into the site instead of linking to it"

# reason -> (message, expected, hint, severity)
_PROBLEMS: dict[str, tuple[str, str | None, str, str]] = {
    "unreadable": (
        "could not be read ({detail})",
        None,
        "let the user running Octavo read it (chmod), or move it out of the site",
        "error",
    ),
    "special": (
        "is {detail}, not a regular file",
        "regular files and folders",
        "remove it or move it out of the site: reading it could stop the build forever",
        "error",
    ),
    "outside": (
        "is a link to a file or folder outside the site",
        "files and folders inside the site folder",
        _OUTSIDE_HINT,
        "error",
    ),
    "loop": (
        "is a link to a folder that contains it",
        "links to folders elsewhere in the site",
        "remove the link: following it would never end",
        "error",
    ),
    "broken": (
        "is a link to nothing; it is left out",
        None,
        "remove the link, or put back what it points to",
        "warning",
    ),
    "name": (
        "has a name that is not UTF-8 (its bytes are shown escaped)",
        "file and folder names in UTF-8",
        "rename it: URLs and messages are made from names",
        "error",
    ),
}


def unusable_problems(unusable: Iterable[Unusable]) -> list[ContentError]:
    """An error (a warning for a link to nothing) for each thing the walk could not take."""
    problems = []
    for item in unusable:
        message, expected, hint, severity = _PROBLEMS[item.reason]
        problems.append(
            ContentError(
                path=item.source,
                message=message.format(detail=item.detail),
                expected=expected,
                hint=hint,
                severity="warning" if severity == "warning" else "error",
            )
        )
    return problems


def read_source(file: SourceFile) -> bytes | ContentError:
    """The bytes of a file the walk listed, or the error that kept it from being read."""
    try:
        return read_regular(file.path)
    except OSError as failure:
        return ContentError(
            path=file.source,
            message=f"could not be read ({failure.strerror or failure})",
            hint=_PROBLEMS["unreadable"][2],
        )


def read_static(file: SourceFile) -> bytes:
    """The bytes of a static file, for its route; an OSError names the file."""
    try:
        return read_regular(file.path)
    except OSError as failure:
        message = f"{file.source} could not be read ({failure.strerror})"
        raise OSError(failure.errno, message) from failure
