"""Markdown to HTML: one parse per post, rendered for the post's page, list pages and summary."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import mistune
from mistune.core import BlockState

from octavo_content import ContentError, Heading, PostLink, Reference
from octavo_parser.alerts import github_alerts
from octavo_parser.anchors import element_ids
from octavo_parser.codeblocks import code_option_problems
from octavo_parser.headings import RAW_HTML, TOC, heading_ids
from octavo_parser.images import missing_alt_problems
from octavo_parser.listing import list_tokens, without_footnote_marks
from octavo_parser.local import PLACE, Place, feed_tokens, local_tokens
from octavo_parser.mathml import math, math_problems
from octavo_parser.plugins import MarkdownPlugin, markdown_plugins
from octavo_parser.renderer import BLOCKS, SELF_LINK_PATTERN, OctavoRenderer
from octavo_parser.summary import has_content, shortened, summary_cut, summary_tokens
from octavo_parser.templating import template_problems
from octavo_parser.tokens import Token, plain_text
from octavo_parser.words import ENGLISH, Words
from octavo_parser.xmlchars import (
    first_illegal_reference,
    illegal_problem,
    without_illegal,
    xml_safe_html,
)

_PLUGINS = ("table", "footnotes", "strikethrough", "task_lists", "url")
_WORDS_PER_MINUTE = 220


@dataclass(frozen=True)
class RenderedMarkdown:
    """A post body rendered once, in each form the site shows it."""

    body_html: str
    list_html: str
    summary_html: str
    # The body for feeds: local URLs absolute, headings without self-links; None when it is
    # `body_html` as it is.
    feed_html: str | None
    description: str
    has_more: bool
    toc: tuple[Heading, ...]
    word_count: int
    reading_minutes: int
    problems: tuple[ContentError, ...]
    # The local images and files the body points at, in document order.
    references: tuple[Reference, ...] = ()
    # Its links to pages, anchors and other sites, in document order; the ids its HTML holds.
    links: tuple[PostLink, ...] = ()
    anchors: tuple[str, ...] = ()


@functools.cache
def markdown_for(raw_html: bool, words: Words = ENGLISH) -> mistune.Markdown:
    """Given the raw HTML setting and the site's words (`words.site_words`), returns this
    process's Markdown for them, built on first use.

    A Markdown with plugins does not pickle: each worker process builds its own here.
    """
    renderer = OctavoRenderer(escape=not raw_html, words=words)
    plugins: list[str | MarkdownPlugin] = [*_PLUGINS, math, heading_ids, summary_cut, github_alerts]
    plugins.extend(markdown_plugins())
    return mistune.create_markdown(renderer=renderer, plugins=plugins)


def render_markdown(
    text: str,
    *,
    path: str,
    slug: str,
    raw_html: bool,
    first_line: int = 1,
    place: Place | None = None,
    words: Words = ENGLISH,
) -> RenderedMarkdown:
    """Given a post body, returns its page HTML, list page HTML, summary, contents and warnings.

    `first_line` is the file line the body starts on, so warnings point into the file. With
    the post's `place`, local URLs are resolved where the post lives and reported. The words
    the HTML holds (callout titles, accessible names) are `words`' (English by default).
    """
    md = markdown_for(raw_html, words)
    state = md.block.state_cls()
    state.env[RAW_HTML] = raw_html
    if place is not None:
        place.markdown, place.first_line = text, first_line
        state.env[PLACE] = place
    body_html, state = md.parse(text, state)
    assert isinstance(body_html, str)  # an HTML renderer returns text
    blocks: list[Token] = state.env.get(BLOCKS, [])
    summary = summary_tokens(blocks)
    summary_text = plain_text(summary, html_shown=not raw_html)
    word_count = len(plain_text(blocks, skip=frozenset({"block_code", "block_math"})).split())

    def listed(tokens: list[Token]) -> str:
        """Given page tokens, returns their HTML with list page conventions."""
        return _renderer(md).render_tokens(
            list_tokens(tokens, f"{slug}-", raw_html=raw_html), state
        )

    shown = {id(token) for token in summary}
    toc: tuple[Heading, ...] = state.env.get(TOC, ())
    feed_html = None
    if place is not None and place.rewrote:
        feed = _renderer(md).render_tokens(feed_tokens(blocks, place.base_url), state)
        feed_html = xml_safe_html(SELF_LINK_PATTERN.sub("", feed))
    elif toc:
        # A feed reader shows no theme, so a heading's self-link would be an empty link there.
        feed_html = xml_safe_html(SELF_LINK_PATTERN.sub("", body_html))
    return RenderedMarkdown(
        # The text is XML-safe already; character references such as &#12; are not.
        body_html=xml_safe_html(body_html),
        list_html=xml_safe_html(listed(blocks)),
        summary_html=xml_safe_html(listed(without_footnote_marks(summary))),
        feed_html=feed_html,
        description=without_illegal(shortened(summary_text)),
        has_more=has_content([token for token in blocks if id(token) not in shown]),
        toc=tuple(
            heading.model_copy(update={"text": without_illegal(heading.text)}) for heading in toc
        ),
        word_count=word_count,
        reading_minutes=max(1, round(word_count / _WORDS_PER_MINUTE)),
        problems=(
            *_reference_problems(text, path, first_line),
            *missing_alt_problems(blocks, text, path, first_line),
            *math_problems(blocks, text, path, first_line),
            *template_problems(text, path, first_line),
            *code_option_problems(blocks, text, path, first_line),
        ),
        references=() if place is None else tuple(place.references),
        links=() if place is None else tuple(place.links),
        anchors=element_ids(body_html),
    )


def _reference_problems(text: str, path: str, first_line: int) -> list[ContentError]:
    """Given a body, returns a warning at its first reference to a character XML does not allow."""
    first = first_illegal_reference(text)
    if first is None:
        return []
    line = first_line + text.count("\n", 0, first)
    return [illegal_problem(path, line, "character references to characters")]


def render_summary(
    text: str, *, raw_html: bool, place: Place | None = None, words: Words = ENGLISH
) -> tuple[str, str]:
    """Given a front matter summary (Markdown), returns it as one HTML paragraph and as text.

    With the post's `place`, its local URLs are printed from the site's root, as the body's are.
    """
    md = markdown_for(raw_html, words)
    # One paragraph: line breaks and block markers inside it are read as running text.
    tokens = md.inline(" ".join(text.split()), {"ref_links": {}})
    if place is not None:
        local_tokens(tokens, place)
    html = "<p>" + _renderer(md).render_tokens(tokens, BlockState()) + "</p>\n"
    return xml_safe_html(html), without_illegal(
        shortened(plain_text(tokens, html_shown=not raw_html))
    )


def _renderer(md: mistune.Markdown) -> OctavoRenderer:
    """Given a Markdown object made by `markdown_for`, returns its renderer."""
    renderer = md.renderer
    assert isinstance(renderer, OctavoRenderer)
    return renderer
