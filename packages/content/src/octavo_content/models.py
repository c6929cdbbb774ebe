"""The loaded site: posts with their rendered body, headings and tags. All frozen."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Heading(BaseModel):
    """A section heading of a post body, as it appears in the table of contents."""

    model_config = ConfigDict(frozen=True)

    level: int = Field(ge=1, le=6)
    text: str
    id: str


class Tag(BaseModel):
    """A tag: the name readers see and the slug its URL uses."""

    model_config = ConfigDict(frozen=True)

    name: str
    slug: str


class ImageVariant(BaseModel):
    """A resized copy of an image, written beside it: its file name, size and media type."""

    model_config = ConfigDict(frozen=True)

    # A file name in the image's own folder, such as `photo-480w.webp`.
    name: str
    width: int
    height: int
    # The media type, such as `image/webp`.
    type: str


class ImageInfo(BaseModel):
    """What a page needs to know of a local image: its size as shown, its type, its copies.

    The builder measures images (the parser does not read image files); the parser prints the
    size and a `srcset` of the variants.
    """

    model_config = ConfigDict(frozen=True)

    width: int
    height: int
    type: str
    variants: tuple[ImageVariant, ...] = ()


class Reference(BaseModel):
    """A local file a post points at: an image, or a link to a file that is not a page.

    The builder checks that some page of the site (a bundle file, a static file) is at `path`.
    """

    model_config = ConfigDict(frozen=True)

    kind: Literal["image", "link"]
    # As written in the post, for messages.
    written: str
    # The site path it resolves to, without query or fragment (`/posts/my-post/photo.jpg`).
    path: str
    # The file of the site that would be copied there, when the parser can tell: beside the
    # post for a relative reference (`content/my-post/photo.jpg`), under `static/` for a
    # path from the site's root; None otherwise.
    file: str | None = None
    line: int | None = None
    # The image's size and copies as the post's HTML prints them (None: printed without).
    image: ImageInfo | None = None


class PostLink(BaseModel):
    """A link in a post to a page of the site, to an anchor, to a post's source, or off the site.

    The builder checks each one against the pages it claims and the ids they hold (`octavo check`).
    """

    model_config = ConfigDict(frozen=True)

    # "page": a site path (`path` empty for an in-page anchor `#x`); "source": a Markdown file of
    # the content folder (`path` is its site-relative file, `content/b.md`), which the site does
    # not serve; "external": an http(s) URL, `path` the URL itself.
    kind: Literal["page", "source", "external"]
    # As written in the post, for messages.
    written: str
    # The site path it resolves to, without query or fragment (`/posts/other/`).
    path: str
    # The anchor it names, unquoted (`install` for `/posts/other/#install`); empty for none.
    fragment: str = ""
    line: int | None = None


class LightPost(BaseModel):
    """One post without its HTML: everything a build holds of every post, lists and indexes.

    Light and whole posts are different types, so a function that prints a body (which takes a
    `Post`) cannot be handed a post whose body was never loaded. `source` is the post's path
    relative to the site folder.
    """

    model_config = ConfigDict(frozen=True)

    source: str
    # "page" for a standalone page (a file under content/pages/, or `kind: page`): the loader sets
    # pages apart from posts, so no list, feed or index of posts ever holds one.
    kind: Literal["post", "page"] = "post"
    slug: str
    # The post's path on the site, such as /posts/hello/ (from the site's permalink pattern).
    url: str
    # The file line the URL comes from (its `url`, `path` or `permalink`, its `slug`, its `title`
    # under slug_source = "title"; the opening line when it is the file's name), for messages.
    url_line: int = 1
    # The post's old paths (`aliases`, `redirect_from`), each redirected to `url`, and the line
    # of the key that gives each, for messages.
    aliases: tuple[str, ...] = ()
    alias_lines: tuple[int, ...] = ()
    title: str
    # Every post has a date (the parser refuses a post without one); a page may have none, and
    # then it is None rather than a made-up day that a template or the sitemap could show. Only
    # pages are ever None here, and pages are never among the posts (see `kind`).
    date: datetime | None
    # True when the front matter gave a calendar date without a time: it is shown as that
    # day and never shifted between zones.
    day_only: bool = False
    updated: datetime | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    # The post's terms in each taxonomy but tags (`categories`, any the site names), by the
    # taxonomy's plural name; a taxonomy the post gives no term is left out.
    taxonomies: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # The series the post is a part of, its part number (None: placed by date), and the line of
    # its `part` (else `series`) key, for messages.
    series: str | None = None
    part: int | None = None
    series_line: int = 1
    draft: bool = False
    # Not published before `publish_date` nor from `expiry_date` on (Hugo's publishDate and
    # expiryDate), whatever its date.
    publish_date: datetime | None = None
    expiry_date: datetime | None = None
    # Plain text for meta descriptions: the summary with markup removed.
    description: str = ""
    # True when the summary is shorter than the body, so list pages link to "read more".
    has_more: bool = False
    toc: tuple[Heading, ...] = ()
    word_count: int = 0
    reading_minutes: int = 1
    extra: dict[str, Any] = Field(default_factory=dict)
    # The local images and files the post points at, in document order, front matter `image`
    # first; and the absolute URL of the image that stands for it (`og:image`), if any.
    references: tuple[Reference, ...] = ()
    image: str | None = None
    # The links of the body (and of a written summary) to pages and anchors, in document order
    # (links to other sites are the whole `Post`'s); the ids the body's HTML holds, sorted.
    links: tuple[PostLink, ...] = ()
    anchors: tuple[str, ...] = ()

    @property
    def last_modified(self) -> datetime:
        """When the post last changed: `updated`, or its date (a page may have neither: see
        `dated`; ask `page.updated or page.date` of a page)."""
        moment = self.updated or self.date
        if moment is None:
            raise ValueError(f"{self.source} is a page without a date; ask page.updated")
        return moment

    @property
    def dated(self) -> datetime:
        """The post's date, for code that handles posts only: every post has one.

        A page without a date has none to give: asking is a mistake of the caller, since the
        loader never puts a page where posts are.
        """
        if self.date is None:
            raise ValueError(f"{self.source} is a page without a date, not a post")
        return self.date

    @property
    def goes_live(self) -> datetime | None:
        """When the post is published: its date, or its publish date when that is later; None
        for a page with neither, which is published as soon as it is written."""
        date, publish = self.date, self.publish_date
        if publish is None or (date is not None and date >= publish):
            return date
        return publish

    def expired_at(self, now: datetime) -> bool:
        """True when the post's expiry date has come by `now`: it is no longer published."""
        return self.expiry_date is not None and self.expiry_date <= now


# The light fields that are made from the post's body, not from its front matter or its path: a
# page prints them only where it shows the post itself (its page, its card on a list, its feed
# entry). What decides where a post is listed, and what other pages say of it, is the rest:
# `placement_digest`.
BODY_DERIVED = frozenset(
    {
        "description",
        "has_more",
        "toc",
        "word_count",
        "reading_minutes",
        "references",
        "image",
        "links",
        "anchors",
    }
)


def placement_digest(post: LightPost) -> str:
    """A digest of what places a post among the others: every light field not made from its body.

    Two builds whose posts all have the same placement list the same posts on the same pages in
    the same order; a page can then only differ where it shows a post whose bytes changed.
    """
    text = post.model_dump_json(exclude=set(BODY_DERIVED))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Post(LightPost):
    """One post, parsed and rendered once: a light post and its HTML."""

    # The body as the post's own page shows it: headings from h2 down, ids as in `toc`.
    body_html: str
    # The body as list pages show it, under the post's h2 title: headings one level deeper and
    # every id and in-page link prefixed with the slug, so ten posts on one page never share an id.
    list_html: str
    # The summary as list pages show it (same conventions as `list_html`).
    summary_html: str
    # The body as feeds show it, every local link and image an absolute URL; None when that is
    # `body_html` as it is (a post that points at nothing local).
    feed_html: str | None = None
    # The body's links to other sites (`PostLink` "external"), in document order: only a parse
    # gives them (`octavo check --external` parses again), so no build loads them from its cache.
    external_links: tuple[PostLink, ...] = ()

    @classmethod
    def of(
        cls,
        light: LightPost,
        *,
        body_html: str,
        list_html: str,
        summary_html: str,
        feed_html: str | None = None,
    ) -> Post:
        """`light` with its HTML: a whole post again."""
        fields: dict[str, Any] = {name: getattr(light, name) for name in LightPost.model_fields}
        fields.update(
            body_html=body_html,
            list_html=list_html,
            summary_html=summary_html,
            feed_html=feed_html,
        )
        return cls.model_construct(**fields)

    def light(self) -> LightPost:
        """The post without its HTML."""
        fields: dict[str, Any] = {name: getattr(self, name) for name in LightPost.model_fields}
        return LightPost.model_construct(**fields)


P = TypeVar("P", bound=LightPost)


def newest_first(posts: Iterable[P]) -> list[P]:
    """Posts ordered newest first; posts of the same moment by title, then by source path."""
    by_title = sorted(posts, key=lambda post: (post.title.casefold(), post.source))
    return sorted(by_title, key=lambda post: post.dated.timestamp(), reverse=True)
