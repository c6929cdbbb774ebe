"""Octavo's parser: a post file's bytes in, a validated `Post` with its HTML out, problems named.

It depends on octavo_content, mistune, PyYAML, Pygments, latex2mathml and Babel, and on no other
Octavo package.
Installed distributions extend its Markdown through the entry point group `octavo.markdown`.
"""

from octavo_parser.data import DATA_FORMATS, load_data
from octavo_parser.headings import github_slug
from octavo_parser.markdown import RenderedMarkdown, render_markdown
from octavo_parser.plugins import MARKDOWN_GROUP, MarkdownPlugin, markdown_plugins
from octavo_parser.post import ParseResult, parse_post
from octavo_parser.words import SHIPPED_LANGUAGES, Words, parser_messages, site_words

__all__ = [
    "DATA_FORMATS",
    "MARKDOWN_GROUP",
    "SHIPPED_LANGUAGES",
    "MarkdownPlugin",
    "ParseResult",
    "RenderedMarkdown",
    "Words",
    "github_slug",
    "load_data",
    "markdown_plugins",
    "parse_post",
    "parser_messages",
    "render_markdown",
    "site_words",
]
