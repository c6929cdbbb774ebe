"""Octavo's parser: a post file's bytes in, a validated `Post` with its HTML out, problems named.

It depends on octavo_content, mistune, PyYAML and Pygments, and on no other Octavo package.
"""

from octavo_parser.markdown import RenderedMarkdown, render_markdown
from octavo_parser.post import ParseResult, parse_post

__all__ = ["ParseResult", "RenderedMarkdown", "parse_post", "render_markdown"]
