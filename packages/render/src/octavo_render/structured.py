"""JSON-LD for search engines: `BlogPosting` on posts, `Blog` on home pages, safe in `<script>`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

# Inside <script> the HTML parser ends the element at `</script` and treats `<!--` specially,
# whatever JSON thinks of them. Escaped as \u003c and so on, the JSON means the same and no text
# of a post can close or comment out the element. U+2028 and U+2029 end a line in older JS.
_SCRIPT_SAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)

SCHEMA_CONTEXT = "https://schema.org"


def script_json(data: Mapping[str, Any]) -> Markup:
    """Given JSON-LD data, returns JSON text safe to print inside `<script type=...json>`."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_SAFE))


def people(names: tuple[str, ...]) -> list[dict[str, str]]:
    """Given author names, returns them as schema.org `Person`s."""
    return [{"@type": "Person", "name": name} for name in names]


def blog_posting(
    *,
    headline: str,
    url: str,
    published: str,
    modified: str,
    authors: tuple[str, ...],
    description: str,
    keywords: tuple[str, ...],
    language: str,
    word_count: int,
    blog: Mapping[str, str],
) -> dict[str, Any]:
    """Given a post's facts (URLs absolute, dates RFC 3339), returns its `BlogPosting`."""
    posting: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "BlogPosting",
        "headline": headline,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": published,
        "dateModified": modified,
        "author": people(authors),
        "inLanguage": language,
        "wordCount": word_count,
        "isPartOf": {"@type": "Blog", **blog},
    }
    if description:
        posting["description"] = description
    if keywords:
        posting["keywords"] = list(keywords)
    return posting


def web_page(
    *,
    name: str,
    url: str,
    description: str,
    language: str,
    published: str | None,
    modified: str | None,
    site: Mapping[str, str],
) -> dict[str, Any]:
    """Given a standalone page's facts (dates RFC 3339, when it has them), returns its `WebPage`."""
    data: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "WebPage",
        "name": name,
        "url": url,
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", **site},
    }
    if description:
        data["description"] = description
    if published:
        data["datePublished"] = published
    if modified:
        data["dateModified"] = modified
    return data


def blog(
    *, name: str, url: str, description: str, language: str, posts: list[dict[str, str]]
) -> dict[str, Any]:
    """Given the site's facts and the page's posts (headline, url, date), returns its `Blog`."""
    data: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Blog",
        "name": name,
        "url": url,
        "inLanguage": language,
    }
    if description:
        data["description"] = description
    data["blogPost"] = [{"@type": "BlogPosting", **post} for post in posts]
    return data
