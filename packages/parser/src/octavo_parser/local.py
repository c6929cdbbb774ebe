"""Local links and images: resolved where the post lives, so they work wherever it is shown.

A post's body may point at files beside it (`![x](photo.jpg)`, `[pdf](files/a.pdf)`) or at paths
from the site's root (`/images/a.png`). Relative URLs are resolved against the post's own URL and
printed from the site's root, so a list page or a feed that shows the post finds them too; feeds
get absolute URLs (`feed_tokens`). Each image, and each link to a file that is not a page, is
reported as a `Reference`, with its line, for the builder to check that the site holds it; every
other link (to a page, an anchor, a post's source, another site) as a `PostLink`. An
image the builder measured (`ImageInfo`) gets its size and a `srcset` of its resized copies; an
image alone in its paragraph with a title becomes a figure with that title as its caption.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, unquote, urljoin, urlsplit

from octavo_content import ImageInfo, PostLink, Reference, SiteConfig
from octavo_parser.tokens import Token

# Where the context of a post's render travels, in mistune's state.env.
PLACE = "octavo_place"
FIGURE = "figure"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Links to these are pages, or posts' sources (another issue checks those): never a file to copy.
_PAGE_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_POST_SOURCES = (".md", ".markdown")
_CONTENT = "content/"
_STATIC = "static"


@dataclass
class Place:
    """Where a post lives: what resolves its relative URLs, and what it found while rendering."""

    # The post's site-relative file path (`content/my-post/index.md`).
    source: str
    # The post's URL as links print it (`/blog/posts/my-post/` on a site served at /blog/).
    link_base: str
    # The path the site is served under (`/blog`; empty at a host's root).
    prefix: str
    # The site's absolute address (`https://example.org/blog/`).
    base_url: str
    images: Mapping[str, ImageInfo]
    # The body's Markdown and the file line it starts on, to find each reference's line.
    markdown: str = ""
    first_line: int = 1
    references: list[Reference] = field(default_factory=list)
    links: list[PostLink] = field(default_factory=list)
    # True once any URL was made local (a feed then needs its own, absolute, HTML).
    rewrote: bool = False
    _searched: int = 0

    @classmethod
    def of(
        cls,
        source: str,
        url: str,
        config: SiteConfig,
        images: Mapping[str, ImageInfo],
        markdown: str = "",
        first_line: int = 1,
    ) -> Place:
        """Given a post's file, its site path and the site's settings, returns its place."""
        prefix = urlsplit(config.base_url).path.rstrip("/")
        link_base = prefix + "/" + url.lstrip("/")
        return cls(source, link_base, prefix, config.base_url, images, markdown, first_line)

    def line_of(self, written: str) -> int | None:
        """Given a URL as written, returns the file line of its next occurrence in the body."""
        found = -1
        # The parser gives a URL escaped (`{` as `%7B`); the author wrote it either way.
        for text in dict.fromkeys((written, unquote(written))):
            found = self.markdown.find(text, self._searched)
            if found < 0:
                found = self.markdown.find(text)
            if found >= 0:
                written = text
                break
        if found < 0:
            return None
        self._searched = found + len(written)
        return self.first_line + self.markdown.count("\n", 0, found)

    def resolved(self, kind: str, written: str, line: int | None) -> tuple[str, Reference | None]:
        """Given a local URL as written, returns it as pages print it, and the reference it is
        to a file the site must hold (None for a page, or a link to a post's source)."""
        parts = urlsplit(written)
        if parts.path.lower().endswith(_POST_SOURCES) and kind == "link":
            return written, None
        if written.startswith("/"):
            link = written
            file = _file_under(_STATIC, self._site_path(parts.path))
        else:
            link = urljoin(self.link_base, written)
            file = _file_under(posixpath.dirname(self.source), unquote(parts.path))
        site_path = self._site_path(urlsplit(link).path)
        if kind == "link" and not _is_file(site_path):
            return link, None
        image = self.images.get(file) if kind == "image" and file else None
        reference = Reference(
            kind="image" if kind == "image" else "link",
            written=written,
            path=site_path,
            file=file,
            line=line,
            image=image,
        )
        return link, reference

    def page_link(self, written: str, link: str, line: int | None) -> PostLink:
        """Given a local link to a page as written and as pages print it, returns it as a
        `PostLink`: its site path keeps its closing `/` (a folder), or names a post's source."""
        parts = urlsplit(written)
        fragment = unquote(parts.fragment)
        if parts.path.lower().endswith(_POST_SOURCES):
            folder = (
                _CONTENT.rstrip("/") if written.startswith("/") else posixpath.dirname(self.source)
            )
            file = _file_under(folder, unquote(parts.path)) or unquote(parts.path)
            return _link("source", written, file, fragment, line)
        link_path = urlsplit(link).path
        path = self._site_path(link_path)
        if link_path.endswith("/") and path != "/":
            path += "/"
        return _link("page", written, path, fragment, line)

    def _site_path(self, link_path: str) -> str:
        """Given a path as links print it, returns it from the site's root, unquoted."""
        path = unquote(link_path)
        if self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
            path = path[len(self.prefix) :]
        return posixpath.normpath(path) if path not in ("", "/") else "/"


# Pelican's link prefixes (its "linking to internal content").
_PELICAN_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|filename|")


def _file_under(folder: str, path: str) -> str | None:
    """Given a folder of the site and a path in it, returns the file's site-relative path, or
    None when it leaves the content and static folders."""
    joined = posixpath.normpath(posixpath.join(folder, path.lstrip("/")))
    if joined.startswith(_CONTENT) or joined.startswith(_STATIC + "/"):
        return joined
    return None


def _is_file(site_path: str) -> bool:
    """Given a site path, returns whether it names a file the site must hold, not a page."""
    name = site_path.rsplit("/", 1)[-1]
    return "." in name.strip(".") and not name.lower().endswith(_PAGE_SUFFIXES)


def is_local(url: str) -> bool:
    """Given a URL, returns whether it points into the site (no scheme, host, or bare anchor)."""
    return bool(url) and not (url.startswith(("#", "//", "?")) or _SCHEME.match(url) is not None)


def local_tokens(tokens: list[Token], place: Place) -> list[Token]:
    """Given a body's tokens, fresh from the parser, returns them with local URLs resolved,
    images measured and captioned images made figures (in place: no copy of every post's
    tree); the references found are added to `place`."""
    for index, token in enumerate(tokens):
        kind = token["type"]
        captioned = _captioned_image(token) if kind == "paragraph" else None
        if captioned is not None:
            _localised(captioned, place)
            caption = captioned["attrs"].pop("title")
            tokens[index] = {"type": FIGURE, "children": [captioned], "attrs": {"caption": caption}}
            continue
        if kind in {"link", "image"}:
            _localised(token, place)
        children = token.get("children")
        if children:
            local_tokens(children, place)
    return tokens


def _localised(token: Token, place: Place) -> None:
    """Given a link or image token, resolves its URL where the post lives, and measures it."""
    attrs = token["attrs"]
    url = attrs.get("url", "")
    if not is_local(url):
        if token["type"] == "link":
            _note_link(url, place)
        return
    place.rewrote = True
    line = place.line_of(url)
    written = _without_pelican_prefix(url)
    attrs["url"], reference = place.resolved(token["type"], written, line)
    if reference is not None:
        place.references.append(reference)
        if reference.image is not None:
            attrs.update(_measured(attrs["url"], reference.image))
    elif token["type"] == "link":
        place.links.append(place.page_link(written, attrs["url"], line))


LinkKind = Literal["page", "source", "external"]


def _link(kind: LinkKind, written: str, path: str, fragment: str, line: int | None) -> PostLink:
    """A `PostLink` of fields that are of their types already: made without validation, which
    would cost a cold build of link-heavy posts a hundredth of its parse."""
    return PostLink.model_construct(
        kind=kind, written=written, path=path, fragment=fragment, line=line
    )


def _note_link(url: str, place: Place) -> None:
    """Given a link that is not local, notes an in-page anchor (`#x`) or an http(s) URL."""
    if url.startswith("#"):
        fragment = unquote(url[1:])
        place.links.append(_link("page", url, "", fragment, place.line_of(url)))
    elif url[:8].lower().startswith(("http://", "https://")):
        address = url.partition("#")[0]
        place.links.append(_link("external", url, address, "", place.line_of(url)))


def _without_pelican_prefix(url: str) -> str:
    """Given a local URL, returns it without Pelican's `{static}`, `{attach}` or `{filename}`.

    Pelican writes `{static}/images/a.png` for a file copied from its content folder and
    `{filename}/other.md` for another post's source; a site moved as docs/migrating.md says keeps
    such files in `static/` (served from the site's root) or beside the post, so the path after
    the prefix is where the file is.
    """
    plain = unquote(url)
    for prefix in _PELICAN_PREFIXES:
        if plain.startswith(prefix):
            return plain[len(prefix) :]
    return url


def _captioned_image(token: Token) -> Token | None:
    """Given a paragraph, returns its image when the image stands alone in it with a title."""
    children = [
        child
        for child in token.get("children", [])
        if not (child["type"] == "text" and not child.get("raw", "").strip())
    ]
    if len(children) == 1 and children[0]["type"] == "image":
        image: Token = children[0]
        if (image.get("attrs") or {}).get("title"):
            return image
    return None


def _measured(url: str, image: ImageInfo) -> dict[str, object]:
    """Given an image's URL and what the builder measured, returns the image token's extra
    attrs: its size, a srcset of its copies in its own type, and its WebP copies."""
    own = [(urljoin(url, quote(v.name)), v.width) for v in image.variants if v.type == image.type]
    webp = [(urljoin(url, quote(v.name)), v.width) for v in image.variants if v.type == WEBP]
    srcset = [*own, (url, image.width)] if own else []
    return {
        "width": image.width,
        "height": image.height,
        "srcset": tuple(srcset),
        "webp": tuple(webp) if image.type != WEBP else (),
    }


WEBP = "image/webp"


def feed_tokens(tokens: Iterable[Token], base_url: str) -> list[Token]:
    """Given a body's tokens as `local_tokens` made them, returns a copy for feeds: every URL
    from the site's root made absolute (a feed is read away from the site)."""

    def absolute(url: str) -> str:
        return urljoin(base_url, url) if url.startswith("/") and not url.startswith("//") else url

    return _mapped(tokens, absolute)


def _mapped(tokens: Iterable[Token], change: Callable[[str], str]) -> list[Token]:
    copies = []
    for token in tokens:
        copy = dict(token)
        if token["type"] in {"link", "image"}:
            attrs = dict(token["attrs"])
            attrs["url"] = change(attrs["url"])
            for key in ("srcset", "webp"):
                if key in attrs:
                    attrs[key] = tuple((change(url), width) for url, width in attrs[key])
            copy["attrs"] = attrs
        if "children" in token:
            copy["children"] = _mapped(token["children"], change)
        copies.append(copy)
    return copies
