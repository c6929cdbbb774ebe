"""A post file's bytes as text: UTF-8 required, byte order mark and Windows line ends tolerated."""

from __future__ import annotations

import codecs

from octavo_content import ContentError
from octavo_parser.xmlchars import first_illegal, illegal_problem, without_illegal


def decoded_source(source: bytes, path: str) -> str | ContentError:
    """Given a file's bytes, returns its text with `\\n` line ends, or the error at the bad line."""
    body = source.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _not_utf8(body, exc, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _not_utf8(body: bytes, exc: UnicodeDecodeError, path: str) -> ContentError:
    """Given the undecodable bytes, returns the error at the line of the first bad byte."""
    bad = body[exc.start]
    return ContentError(
        path=path,
        line=body.count(b"\n", 0, exc.start) + 1,
        message=f"is not UTF-8 text (byte 0x{bad:02x} cannot be read)",
        expected="a file saved as UTF-8",
        hint="save the file as UTF-8 in your editor",
    )


def xml_safe_source(text: str, path: str) -> tuple[str, list[ContentError]]:
    """Given a file's text, returns it without characters XML does not allow, and the warning."""
    first = first_illegal(text)
    if first is None:
        return text, []
    line = text.count("\n", 0, first) + 1
    return without_illegal(text), [illegal_problem(path, line, "characters")]
