"""Template code in a post body that Octavo does not run: a warning for each construct, at its line.

Jekyll runs Liquid in posts (`{% include x %}`, `{{ site.baseurl }}`), Hugo runs shortcodes
(`{{< figure >}}`, `{{% notice %}}`), Zola runs its own (`{{ youtube(id=1) }}`, `{% note() %}`).
Octavo runs none of them: each shows on the page as written, so each is said once, at the line it
opens on. In a code span, fenced code or an indented code block they are code, shown as code, and
said nothing of. A construct's closing part (`{% endhighlight %}`, `{{< /notice >}}`,
`{% end %}`) is part of it, and what Liquid's `raw`, `highlight` and `comment` enclose is the
author's text, not more constructs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from octavo_content import ContentError

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)")
# A construct may span lines (Hugo allows it), holds no brace, and is no longer than this: a
# scan from each opening stops at the next brace, so a body of braces costs linear time.
_SPAN = r"[^{}]{0,2000}?"
_CONSTRUCT = re.compile(
    r"\{\{(?P<hugo>[<%])\s*(?P<hugo_close>/(?!\*))?\s*(?:/\*\s*)?(?P<hugo_name>[\w./-]++)"
    + _SPAN
    + r"[>%]\}\}"
    + r"|\{%-?\s*(?P<tag>[A-Za-z_][\w-]*+)(?P<tag_call>\s*\()?"
    + _SPAN
    + r"-?%\}"
    + r"|\{\{-?\s*(?P<output>[^\s{}]"
    + _SPAN
    + r")\s*-?\}\}"
)
_CALL = re.compile(r"^[A-Za-z_]\w*\s*\(")
# Liquid tags whose content is the author's text until their end tag.
_ENCLOSING = frozenset({"raw", "highlight", "comment"})
_SHOWN = "; it shows on the page as written"
_AS_CODE = "; or put it in a code span or fenced code to show it as code"


@dataclass(frozen=True)
class Construct:
    """One piece of template code found in a body: what it is, as written, and where."""

    engine: str
    name: str
    text: str
    line: int


def template_problems(markdown: str, path: str, first_line: int) -> list[ContentError]:
    """Given a body and the file line it starts on, returns a warning per construct outside code."""
    return [_warning(found, path) for found in constructs(markdown, first_line)]


def constructs(markdown: str, first_line: int = 1) -> Iterator[Construct]:
    """Given a body, returns each template construct outside code, in order, with its file line."""
    text = _without_code(markdown)
    closing: str | None = None
    for match in _CONSTRUCT.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        written = " ".join(match.group().split())
        tag = match.group("tag")
        if closing is not None:
            if tag == closing:
                closing = None
            continue
        if match.group("hugo"):
            if not match.group("hugo_close"):
                yield Construct("Hugo", match.group("hugo_name"), written, line)
        elif tag is not None:
            if match.group("tag_call"):
                yield Construct("Zola", tag, written, line)
            elif tag != "end" and not tag.startswith("end"):
                if tag in _ENCLOSING:
                    closing = "end" + tag
                yield Construct("Liquid", tag, written, line)
        else:
            output = match.group("output")
            engine = "Zola" if _CALL.match(output) else "Liquid"
            yield Construct(engine, output.split("(")[0].strip(), written, line)


def _warning(found: Construct, path: str) -> ContentError:
    """Given a construct, returns the warning that names it, with the fix for its kind."""
    shown = found.text if len(found.text) <= 60 else found.text[:59] + "…"
    if found.engine == "Hugo":
        what, hint = "Hugo shortcode", "write what the shortcode makes in Markdown or HTML"
    elif found.engine == "Zola":
        what, hint = "Zola shortcode", "write what the shortcode makes in Markdown or HTML"
    elif found.text.startswith("{{"):
        what, hint = "Liquid output", "write the value itself; a link goes from the root: /about/"
    else:
        what, hint = "Liquid tag", _LIQUID_HINTS.get(found.name, "write what it makes in Markdown")
    return ContentError(
        path=path,
        line=found.line,
        field="body",
        message=f"{what} '{shown}' is not run{_SHOWN}",
        expected="Markdown: Octavo runs no template code in posts",
        hint=hint + _AS_CODE,
        severity="warning",
    )


_LIQUID_HINTS = {
    "include": "put what the include holds in the post, or in a template",
    "highlight": "write a fenced code block with its language, such as ```python",
    "raw": "remove {% raw %} and {% endraw %}: Octavo shows {{ }} as written anyway",
    "comment": "remove the comment, or make it an HTML comment with raw_html on",
    "link": "write the link's path from the site's root, such as /posts/my-post/",
    "post_url": "write the post's path from the site's root, such as /posts/my-post/",
}


def _without_code(markdown: str) -> str:
    """Given Markdown, returns it with code blocks emptied and code spans blanked, line for line."""
    kept: list[str] = []
    fence: str | None = None
    in_code = in_list = False
    blank_before = True
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if (
                opening
                and opening.group(1).startswith(fence[0] * len(fence))
                and not (line.strip().strip(fence[0]))
            ):
                fence = None
            kept.append("")
            continue
        if opening:
            fence = opening.group(1)
            kept.append("")
            continue
        if not line.strip():
            blank_before = True
            kept.append("")
            continue
        indented = line.startswith(("    ", "\t"))
        in_code = indented and (blank_before or in_code) and not in_list
        if in_code:
            kept.append("")
        else:
            if _LIST_ITEM.match(line):
                in_list = True
            elif not indented and blank_before:
                in_list = False
            kept.append(_CODE_SPAN.sub(lambda span: " " * len(span.group()), line))
        blank_before = False
    return "\n".join(kept)
