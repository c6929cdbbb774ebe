"""What a post's front matter may say, validated. Dates without a zone are read in the site's."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from octavo_content.slugs import slugify

HINTS = {
    "title": 'add a line such as  title: "My first post"',
    "date": "write the date as 2024-05-01 or 2024-05-01T09:30:00+02:00",
    "updated": "write the date as 2024-05-01 or 2024-05-01T09:30:00+02:00",
    "tags": "write tags as a list,  tags: [python, web]  or as text,  tags: python, web",
    "authors": "write authors as a list,  authors: [Ada, Grace]  or as text",
    "draft": "write  draft: true  or  draft: false",
    "slug": "use letters, digits and hyphens, such as  slug: my-post",
    "summary": "write the summary as text",
    "url": "write the post's whole path on the site, such as  url: /2019/05/my-post/",
    "path": "write the post's whole path on the site, such as  path: /2019/05/my-post/",
    "permalink": "write the post's whole path on the site, such as  permalink: /2019/05/my-post/",
    "aliases": "write the post's old paths as a list,  aliases: [/2019/05/old-name/]",
    "redirect_from": "write the post's old paths as a list or one path,"
    "  redirect_from: /2019/05/old-name/",
    "kind": "write  kind: page  for a standalone page, or  kind: post",
    "description": "write the description as text, one or two sentences",
    "published": "write  published: false  (Jekyll: a draft) or a date (Hugo: the publish date)",
    "taxonomies": "write each taxonomy's terms as a list,  categories: [Web, Notes]",
    "series": "write the series' name as text,  series: Learning Rust",
    "part": "write the post's part of the series as a whole number,  part: 2",
    "image": "write the path of the image that stands for the post, such as  image: photo.jpg",
}
# The keys each engine writes for one thing, by the field that holds it: Hugo's `lastmod` (and
# its alias `modified`), jekyll-last-modified-at's `last_modified_at` are Octavo's and Zola's
# `updated`; Jekyll's `excerpt` is `summary`. Hugo reads its keys in any case: its camelCase keys
# are taken as written in its docs and in lower case. A post writes one spelling of each.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "updated": ("updated", "lastmod", "modified", "last_modified_at"),
    "summary": ("summary", "excerpt"),
    # Hugo: the post is not published before it (`published` when it is a date; see below).
    "publish_date": ("publishDate", "publishdate", "pubDate", "pubdate", "published"),
    # Hugo: the post is not published from then on.
    "expiry_date": ("expiryDate", "expirydate", "unpublishDate", "unpublishdate"),
}
# Jekyll's `published: false` is a draft; Hugo's `published: 2024-05-01` is a publish date. The
# value tells which: true or false is Jekyll's, anything else Hugo's.
PUBLISHED_KEY = "published"
# A post's date when its front matter has no `date`: its publish date, as Hugo takes it.
_DATE_KEYS = ("date", *SPELLINGS["publish_date"])
# The other engines' keys are told the fix of the field they set.
HINTS.update(
    {
        spelling: HINTS[field] if field in HINTS else HINTS["date"]
        for field, spellings in SPELLINGS.items()
        for spelling in spellings
        if spelling not in HINTS
    }
)

# What a file is: a post (dated, listed, in feeds and tags) or a standalone page (an About page:
# no date needed, in no list). Files under content/pages/ are pages unless they say otherwise.
KINDS = ("post", "page")

# The keys that set a post's whole path on the site, each as the engine that reads it calls it:
# Hugo's `url`, Zola's `path`, Jekyll's `permalink`. A post sets at most one.
SITE_PATH_KEYS = ("url", "path", "permalink")
# The keys that list a post's old paths, each redirected to it: Hugo's and Zola's `aliases`,
# Jekyll's `redirect_from` (jekyll-redirect-from, which also takes a single path).
ALIAS_KEYS = ("aliases", "redirect_from")
# What a path keeps as it is: the characters a URL path carries unescaped (RFC 3986 unreserved),
# the same as in [permalinks] patterns, so the path is at once a file name and a link.
_PATH_UNSAFE = re.compile(r"[^A-Za-z0-9._~/-]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A path whose last segment ends so is written as that file; any other names a folder.
PAGE_FILE_SUFFIXES = (".html", ".htm")

_DATE_EXPECTED = "a date such as 2024-05-01 or 2024-05-01T09:30:00+02:00"

# A day from the ends of the calendar, so that a date moved to any zone (offsets are under a day),
# UTC or the site's, still is one: Python's datetimes stop at 0001-01-01 and 9999-12-31.
FIRST_YEAR = 2
LAST_YEAR = 9998

# Titles, tags and slugs name files and folders, and a file name holds at most 255 bytes.
MAX_BYTES = 255
# Each tag writes a page and a feed holding the post: 2,000 tags on one post wrote 330 MB.
MAX_TAGS = 100


def _bytes(text: str) -> int:
    """Given text, returns its length in UTF-8 bytes."""
    return len(text.encode("utf-8", "surrogatepass"))


def _clipped(text: str) -> str:
    """Given text, returns its first 40 characters, enough to recognise it in a message."""
    return text if len(text) <= 40 else text[:40] + "…"


def _to_datetime(value: Any, zone: ZoneInfo) -> tuple[datetime, bool]:
    """Read a front matter date; return the aware moment and whether it was a calendar date."""
    written = value
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("0000-"):
            raise _out_of_range(text)
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{value!r} is not a date; expected {_DATE_EXPECTED}") from None
    if isinstance(value, date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise _out_of_range(written if isinstance(written, str) else written.isoformat())
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)), False
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=zone), True
    raise ValueError(f"{value!r} is not a date; expected {_DATE_EXPECTED}")


def _out_of_range(written: str) -> ValueError:
    """Given a date as written, returns the error saying which dates Octavo takes."""
    return ValueError(
        f"{written!r} is out of range; expected a date from {FIRST_YEAR:04d}-01-01 to"
        f" {LAST_YEAR}-12-31; hint a post's date is its publication day, such as 2024-05-01"
    )


def _zone(info: ValidationInfo) -> ZoneInfo:
    context = info.context or {}
    zone = context.get("zone")
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo("UTC")


def _text_list(value: Any, what: str) -> tuple[str, ...]:
    """A list of names from a YAML/TOML list or a comma-separated string."""
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise ValueError(
            f"got {type(value).__name__} {value!r}; "
            f"expected a list of {what} or comma-separated text"
        )
    # A dict keeps the first of each name in order, in linear time however many are written.
    names: dict[str, None] = {}
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise ValueError(f"{item!r} is not a name; expected each of the {what} to be text")
        name = " ".join(str(item).split())
        if name:
            names.setdefault(name)
    return tuple(names)


def terms_text(value: Any, what: str, one: str = "term") -> tuple[str, ...]:
    """Given terms as front matter writes them (a list or comma-separated text), returns each
    once, or raises why they are not terms: at most `MAX_TAGS`, each of at most `MAX_BYTES`.

    `what` names them (`tags`), `one` names one of them (`tag`)."""
    terms = () if value is None else _text_list(value, what)
    if len(terms) > MAX_TAGS:
        raise ValueError(
            f"has {len(terms)} {what}; expected at most {MAX_TAGS} {what}; hint keep the {what}"
            " readers browse by: each writes a page and a feed that hold the post"
        )
    for term in terms:
        # The tag index folds case before slugifying (octavo_tags.canonical_slug); so do we.
        slug = slugify(unicodedata.normalize("NFKC", term).casefold())
        if max(_bytes(term), _bytes(slug)) > MAX_BYTES:
            raise ValueError(
                f"{one} '{_clipped(term)}' is {_bytes(term)} bytes long, its slug {_bytes(slug)};"
                f" expected each {one} at most {MAX_BYTES} bytes (UTF-8), its slug too;"
                " hint shorten it: it names a folder of the site"
            )
    return terms


class FrontMatter(BaseModel):
    """Validated front matter. Unknown keys are kept in `model_extra` for templates."""

    model_config = ConfigDict(frozen=True, extra="allow")

    title: str = Field(min_length=1)
    # "post" unless the file says `kind: page` (the parser gives files under content/pages/
    # "page" when they do not say).
    kind: Literal["post", "page"] = "post"
    # Required of a post, optional for a page: the parser reports a post without one. A post
    # without `date` is dated by its publish date, as Hugo takes it.
    date: datetime | None = Field(default=None, validation_alias=AliasChoices(*_DATE_KEYS))
    day_only: bool = False
    updated: datetime | None = Field(
        default=None, validation_alias=AliasChoices(*SPELLINGS["updated"])
    )
    tags: tuple[str, ...] = ()
    summary: str | None = Field(default=None, validation_alias=AliasChoices(*SPELLINGS["summary"]))
    draft: bool = False
    # Not published before `publish_date` nor from `expiry_date` on (Hugo's publishDate and
    # expiryDate); a post without `date` is dated by its publish date.
    publish_date: datetime | None = Field(
        default=None, validation_alias=AliasChoices(*SPELLINGS["publish_date"])
    )
    expiry_date: datetime | None = Field(
        default=None, validation_alias=AliasChoices(*SPELLINGS["expiry_date"])
    )
    # The meta description (Hugo, Zola, jekyll-seo-tag), plain text.
    description: str | None = None
    slug: str | None = None
    authors: tuple[str, ...] = ()
    # The post's whole path on the site, normalised (`/2019/05/my-post/`), under its engine's key.
    url: str | None = None
    path: str | None = None
    permalink: str | None = None
    # Old paths of the post, normalised like `url`, each redirected to it.
    aliases: tuple[str, ...] = ()
    redirect_from: tuple[str, ...] = ()
    # The post's terms in each taxonomy but tags, by plural name. The parser gathers them from
    # the site's taxonomy keys (`categories`, `category`) and Zola's `[taxonomies]` table.
    taxonomies: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    series: str | None = None
    part: int | None = Field(default=None, ge=1)
    # The image that stands for the post (`og:image`): beside it in its bundle, a path from the
    # site's root, or an absolute URL.
    image: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _note_calendar_date(cls, data: Any) -> Any:
        if isinstance(data, dict) and "day_only" in data:
            raise ValueError("day_only is set by Octavo; expected no 'day_only' key")
        if isinstance(data, dict):
            raw = written_date(data)
            is_day = (isinstance(raw, date) and not isinstance(raw, datetime)) or (
                isinstance(raw, str) and len(raw.strip()) == 10
            )
            return {**data, "day_only": is_day}
        return data

    @model_validator(mode="before")
    @classmethod
    def _jekyll_published(cls, data: Any) -> Any:
        """`published: false` is Jekyll's draft: the post is a draft unless `draft` says (the
        parser reports a post giving both)."""
        if isinstance(data, dict) and isinstance(data.get(PUBLISHED_KEY), bool):
            rest = {key: value for key, value in data.items() if key != PUBLISHED_KEY}
            rest.setdefault("draft", not data[PUBLISHED_KEY])
            return rest
        return data

    @field_validator("title", mode="before")
    @classmethod
    def _title_text(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str):
            value = " ".join(value.split())
            if not value:
                raise ValueError("is empty; expected the post's title as text")
            if _bytes(value) > MAX_BYTES:
                raise ValueError(
                    f"is {_bytes(value)} bytes long; expected a title of at most {MAX_BYTES} bytes"
                    " (UTF-8); hint shorten the title, and say the rest in the summary"
                )
        return value

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        if value not in KINDS:
            allowed = " or ".join(KINDS)
            raise ValueError(f"{value!r} is not a kind of file; expected {allowed}")
        return value

    @field_validator("date", "updated", "publish_date", "expiry_date", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        return _to_datetime(value, _zone(info))[0]

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> Any:
        if value is None or not isinstance(value, str):
            return value
        return " ".join(value.split()) or None

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> tuple[str, ...]:
        return terms_text(value, "tags", "tag")

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: Any) -> tuple[str, ...]:
        return () if value is None else _text_list(value, "authors")

    @field_validator("taxonomies", mode="before")
    @classmethod
    def _taxonomies(cls, value: Any) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ValueError(
                f"{value!r} is not a table; expected taxonomy names with their terms, such as"
                " [taxonomies] categories = [Web]"
            )
        found = {str(name): terms_text(terms, str(name)) for name, terms in value.items()}
        return {name: terms for name, terms in found.items() if terms}

    @field_validator("series", mode="before")
    @classmethod
    def _series(cls, value: Any) -> Any:
        # Hugo writes a series as a taxonomy: a list of (one) name.
        if isinstance(value, list | tuple) and len(value) <= 1:
            value = value[0] if value else None
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"{value!r} is not a series name; expected one name as text")
        name = " ".join(str(value).split())
        if _bytes(name) > MAX_BYTES:
            raise ValueError(
                f"'{_clipped(name)}' is {_bytes(name)} bytes long; expected a series name of at"
                f" most {MAX_BYTES} bytes; hint shorten it: it names a folder of the site"
            )
        return name or None

    @field_validator("part", mode="before")
    @classmethod
    def _part(cls, value: Any) -> Any:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(f"{value!r} is not a part number; expected a whole number, 1 or more")
        return value

    @field_validator("slug", mode="before")
    @classmethod
    def _slug(cls, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ValueError(f"{value!r} is not a slug; expected text such as my-post")
        slug = slugify(str(value))
        if _bytes(slug) > MAX_BYTES:
            raise ValueError(
                f"'{_clipped(slug)}' is {_bytes(slug)} bytes long; expected a slug of at most"
                f" {MAX_BYTES} bytes; hint set a shorter slug, such as  slug: my-post"
            )
        return slug

    @field_validator("url", "path", "permalink", mode="before")
    @classmethod
    def _site_path(cls, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not a path; expected a path such as /2019/05/my-post/")
        return normalised_site_path(value)

    @field_validator("aliases", "redirect_from", mode="before")
    @classmethod
    def _old_paths(cls, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise ValueError(
                f"{value!r} is not a list of paths; expected a list such as [/2019/05/old-name/]"
            )
        paths: dict[str, None] = {}
        for item in items:
            if not isinstance(item, str):
                raise ValueError(
                    f"{item!r} is not a path; expected each old path as text such as"
                    " /2019/05/old-name/"
                )
            paths.setdefault(normalised_site_path(item))
        return tuple(paths)

    @property
    def site_path(self) -> tuple[str, str] | None:
        """The key that sets the post's whole path, and the path; None when none does."""
        for key in SITE_PATH_KEYS:
            value = getattr(self, key)
            if value is not None:
                return key, str(value)
        return None

    @property
    def old_paths(self) -> tuple[tuple[str, str], ...]:
        """Each old path of the post with the key that gives it; a path both keys give, once."""
        found: dict[str, str] = {}
        for key in ALIAS_KEYS:
            for path in getattr(self, key):
                found.setdefault(path, key)
        return tuple((key, path) for path, key in found.items())

    @property
    def extra(self) -> dict[str, Any]:
        """The keys Octavo does not know, kept for templates, with the keys of Zola's `[extra]`
        and Hugo's `[params]` tables among them (a key given at both levels: the top level's,
        and the parser reports it). Dates are ISO text, as a cached post holds them."""
        found = dict(self.model_extra or {})
        for table in EXTRA_TABLES:
            inner = found.get(table)
            if isinstance(inner, dict):
                del found[table]
                for key, value in inner.items():
                    found.setdefault(str(key), value)
        return {key: plain_data(value) for key, value in found.items()}


# The front matter tables whose keys are the post's own, for templates: Zola's `[extra]`,
# Hugo's `params`.
EXTRA_TABLES = ("extra", "params")


def plain_data(value: Any) -> Any:
    """Given loaded YAML, TOML or JSON, returns it with dates and times as ISO text and every
    key as text: what a template gets whether the value was just parsed or read back as JSON."""
    if isinstance(value, dict):
        return {str(key): plain_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(item) for item in value]
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def written_date(data: dict[str, Any]) -> Any:
    """Given front matter, returns the value the post's date is read from: `date`, else its
    publish date (`published` only when it is no true/false); None when there is none."""
    for key in _DATE_KEYS:
        value = data.get(key)
        if value is not None and not isinstance(value, bool):
            return value
    return None


def _spellings(name: str) -> tuple[str, ...]:
    """Given a field's name, returns the keys that set it."""
    alias = FrontMatter.model_fields[name].validation_alias
    if isinstance(alias, AliasChoices):
        return tuple(str(choice) for choice in alias.choices)
    return (name,)


KNOWN_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys(
        key for name in FrontMatter.model_fields if name != "day_only" for key in _spellings(name)
    )
)


def normalised_site_path(written: str) -> str:
    """Given a post's path as front matter writes it, returns it normalised, or raises why not.

    `2019/05/my-post` -> `/2019/05/my-post/`; `/about.html` stays a file. A path never leaves
    the site (no `..`, no scheme such as `https:`), carries no query or fragment, and holds only
    characters that name a file on every system and need no escaping in a link.
    """
    text = written.strip()
    example = "a path on this site such as /2019/05/my-post/ or /about.html"

    def refuse(problem: str, hint: str) -> ValueError:
        return ValueError(f"{_clipped(text)!r} {problem}; expected {example}; hint {hint}")

    if not text:
        raise refuse("is empty", "remove the key to use the post's file name, or write a path")
    if _SCHEME.match(text) or text.startswith("//"):
        raise refuse(
            "is an address, not a path", "leave out the scheme and host: write only the path"
        )
    if ":" in text and re.search(r"(^|/):[A-Za-z_]", text):
        raise refuse(
            "has a Jekyll placeholder",
            "Octavo fills in no :placeholders here; write the post's path in full",
        )
    if "?" in text or "#" in text:
        raise refuse("has a query or a fragment", "leave out what follows '?' or '#'")
    inner = text.strip("/").split("/")
    if any(segment in {".", ".."} for segment in inner):
        raise refuse("has a '.' or '..' segment", "write the path from the site's root")
    unsafe = _PATH_UNSAFE.search(text)
    if unsafe:
        raise refuse(
            f"has the character {unsafe.group()!r}",
            "use letters, digits, '-', '_', '.', '~' and '/': a path names files and folders",
        )
    if text.strip("/") and "" in inner:
        raise refuse("has an empty segment ('//')", "write one '/' between two names")
    path = "/" + text.lstrip("/")
    if path != "/" and not path.endswith("/") and not path.endswith(PAGE_FILE_SUFFIXES):
        path += "/"
    return path
