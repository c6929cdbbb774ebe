"""Math: `$...$`, `$$...$$` and fenced `math` blocks rendered to MathML when the site is built.

Browsers render MathML themselves, so a page needs no script (it keeps working under the theme's
strict Content-Security-Policy), and the TeX stays in the page as the formula's annotation. Math
is parsed before Markdown's escapes and emphasis, so `x\\,dx` keeps its backslash.

When a `$` is math (Pandoc's rule): the opening `$` has a non-space right after it, the closing `$`
a non-space right before it and no digit right after it, and both are on one line. So "$5 and $10"
and "between $5 and $ 10" are money, and `\\$` is always a dollar sign. `$$...$$` is display math,
on lines of its own or inside a paragraph; `` $`...`$ `` is GitHub's inline form.

TeX that does not convert is a warning at its line, and is shown as code, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement, tostring

from latex2mathml.converter import convert_to_element
from mistune.util import escape

from octavo_content import ContentError
from octavo_parser.tokens import Token, walk
from octavo_parser.words import ENGLISH, Words, words_of

if TYPE_CHECKING:
    from re import Match

    import mistune
    from mistune.block_parser import BlockParser
    from mistune.core import BlockState, InlineState
    from mistune.inline_parser import InlineParser

# Display math on lines of its own: `$$ ... $$` on one line, or `$$` lines around it.
_BLOCK_MATH = (
    r"^ {0,3}\$\$(?P<math_text_single>[^\n]*?[^\n$][^\n]*?)\$\$[ \t]*(?:\n|$)|"
    r"^ {0,3}\$\$[ \t]*\n(?P<math_text_multi>[\s\S]*?)\n {0,3}\$\$[ \t]*(?:\n|$)"
)
_INLINE_MATH = (
    r"\$\$(?P<display_math_text>(?:[^$\\]|\\.)+?)\$\$|"
    r"\$(?P<backtick_math_marker>`+)(?P<backtick_math_text>[\s\S]+?)(?P=backtick_math_marker)\$|"
    r"\$(?![\s$])(?P<math_text>(?:[^$\\\n]|\\.)+?)(?<!\s)\$(?!\d)"
)
_UNKNOWN_COMMAND = re.compile(r"\\[A-Za-z]+")
_REFERENCE = re.compile(r"&#x([0-9A-Fa-f]+);")
# How many children a MathML element has; latex2mathml leaves one out for `\frac1`.
_ARITY = {
    "mfrac": 2,
    "msub": 2,
    "msup": 2,
    "mroot": 2,
    "munder": 2,
    "mover": 2,
    "msubsup": 3,
    "munderover": 3,
}
# A link's URL from `\href`: http(s), mailto, or one without a scheme (a path or a fragment).
_SAFE_HREF = re.compile(r"(?:https?:|mailto:|[^:]*$)", re.IGNORECASE)
_TOKENS = frozenset({"mi", "mo", "mn"})
MATH_TOKENS = frozenset({"inline_math", "block_math"})


def math(md: mistune.Markdown) -> None:
    """The mistune plugin: math in paragraphs, block quotes and lists, rendered as MathML."""
    md.block.register("block_math", _BLOCK_MATH, _parse_block_math, before="list")
    md.block.insert_rule(md.block.block_quote_rules, "block_math", before="list")
    md.block.insert_rule(md.block.list_rules, "block_math", before="list")
    # Before the escapes and code spans, so `x\,dx` reaches the converter as written.
    md.inline.register("inline_math", _INLINE_MATH, _parse_inline_math, before="escape")
    if md.renderer is not None and md.renderer.NAME == "html":
        md.renderer.register("inline_math", _render_inline_math)
        md.renderer.register("block_math", _render_block_math)


def _parse_block_math(block: BlockParser, m: Match[str], state: BlockState) -> int:
    """Given display math on lines of its own, adds its token."""
    text = m.group("math_text_single")
    if text is None:
        text = m.group("math_text_multi")
    state.append_token({"type": "block_math", "raw": text})
    return m.end()


def _parse_inline_math(inline: InlineParser, m: Match[str], state: InlineState) -> int:
    """Given math inside a paragraph, adds its token: display math for `$$`, else inline."""
    display = m.group("display_math_text")
    if display is not None:
        state.append_token({"type": "block_math", "raw": display, "attrs": {"in_paragraph": True}})
    else:
        text = m.group("backtick_math_text")
        if text is None:
            text = m.group("math_text")
        state.append_token({"type": "inline_math", "raw": text})
    return m.end()


def _render_inline_math(renderer: object, text: str) -> str:
    """Renders an `inline_math` token."""
    return inline_math_html(text)


def _render_block_math(renderer: object, text: str, in_paragraph: bool = False) -> str:
    """Renders a `block_math` token: on lines of its own, or inside a paragraph."""
    return display_math_html(text, in_paragraph=in_paragraph, words=words_of(renderer))


def inline_math_html(tex: str) -> str:
    """Given inline TeX, returns its MathML, or the TeX as code when it does not convert."""
    return mathml(tex, display=False) or f'<code class="math">{_escaped(tex)}</code>'


def display_math_html(tex: str, *, in_paragraph: bool, words: Words = ENGLISH) -> str:
    """Given display TeX, returns its MathML block (its scroll box named in the words'
    language), or the TeX as a code block (inline code in a paragraph) when it does not convert."""
    html = mathml(tex, display=True)
    if html is not None:
        # A formula wider than the screen scrolls in its own box, never the page; keyboard
        # users focus the box to scroll it, as they do a wide table.
        box = "span" if in_paragraph else "div"
        label = escape(words.gettext("Formula"))
        scroll = f'<{box} class="math-scroll" tabindex="0" role="group" aria-label="{label}">'
        html = f"{scroll}{html}</{box}>"
        return html if in_paragraph else html + "\n"
    if in_paragraph:
        return f'<code class="math">{_escaped(tex)}</code>'
    code = _escaped(tex.strip("\n"))  # a fenced block's text ends with its line break
    return f'<pre tabindex="0"><code class="math">{code}</code></pre>\n'


# A post is rendered for its page and its list pages from the same tokens: convert once.
@lru_cache(maxsize=256)
def mathml(tex: str, *, display: bool) -> str | None:
    """Given TeX, returns its `<math>`, the TeX as annotation, or None if it will not convert."""
    try:
        converted = convert_to_element(tex.strip(), display="block" if display else "inline")
    except Exception:  # latex2mathml raises its own errors, and others on TeX it cannot read
        return None
    if not _well_formed(converted):
        return None
    math = Element("math", {"display": "block" if display else "inline"})
    semantics = SubElement(math, "semantics")
    semantics.extend(converted)  # one <mrow>: the presentation the annotation describes
    annotation = SubElement(semantics, "annotation", {"encoding": "application/x-tex"})
    annotation.text = tex.strip()
    for element in math.iter():
        element.text = _characters(element.text)
        # `\style` gives a style attribute, which the theme's Content-Security-Policy refuses.
        element.attrib.pop("style", None)
        # `\href` gives a link: a `javascript:` one would run a script from the post's text.
        href = element.attrib.get("href")
        if href is not None and not _SAFE_HREF.match(href):
            del element.attrib["href"]
    return tostring(math, encoding="unicode", short_empty_elements=False)


def _well_formed(math: Element) -> bool:
    """Given latex2mathml's tree, returns whether it holds no unknown command and no element
    missing an argument (it keeps both rather than failing)."""
    for element in math.iter():
        if element.tag in _TOKENS and _UNKNOWN_COMMAND.fullmatch(element.text or ""):
            return False
        arity = _ARITY.get(element.tag)
        if arity is not None and len(element) != arity:
            return False
    return True


def _characters(text: str | None) -> str | None:
    """Given latex2mathml's text, returns it with its `&#x...;` references as characters."""
    if text is None:
        return None
    return _REFERENCE.sub(lambda m: _character(int(m.group(1), 16), m.group()), text)


def _character(code: int, written: str) -> str:
    """Given a code point, returns its character, or what was written if XML does not allow it."""
    allowed = code in {0x9, 0xA, 0xD} or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF
    return chr(code) if allowed and code not in {0xFFFE, 0xFFFF} else written


def _escaped(text: str) -> str:
    """Given text, returns it escaped for HTML content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def math_problems(
    tokens: list[Token], markdown: str, path: str, first_line: int
) -> list[ContentError]:
    """Given a body's tokens and source, returns a warning per formula that does not convert,
    at the file line where it stands."""
    if "$" not in markdown and "math" not in markdown:  # no formula: no walk of the tokens
        return []
    problems = []
    cursor = 0
    for tex, display in _formulas(tokens):
        # mistune's tokens carry no positions: each formula's first line, found in the source
        # after the previous formula's, gives its line.
        first = next((line.strip() for line in tex.split("\n") if line.strip()), "")
        found = markdown.find(first, cursor) if first else -1
        line = None
        if found >= 0:
            cursor = found + len(first)
            line = first_line + markdown.count("\n", 0, found)
        if mathml(tex, display=display) is not None:
            continue
        shown = " ".join(tex.split())
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        problems.append(
            ContentError(
                path=path,
                line=line,
                field="math",
                message=f"math '{shown}' is not TeX that converts to MathML; it shows as code",
                expected="TeX math, such as $x^2$ or $$\\frac{1}{2}$$",
                hint="check its braces, arguments and command names; write \\$ for a dollar sign",
                severity="warning",
            )
        )
    return problems


def _formulas(tokens: list[Token]) -> Iterator[tuple[str, bool]]:
    """Given a token tree, returns each formula's TeX and whether it is display math, in order."""
    for token in walk(tokens):
        if token["type"] in MATH_TOKENS:
            yield token["raw"], token["type"] == "block_math"
        elif token["type"] == "block_code" and is_math_fence(token.get("attrs", {}).get("info")):
            yield token["raw"], True


def is_math_fence(info: str | None) -> bool:
    """Given a fenced block's info string, returns whether it is math (```` ```math ````)."""
    words = (info or "").split()
    return bool(words) and words[0] == "math"
