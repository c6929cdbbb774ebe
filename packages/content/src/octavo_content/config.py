"""The site's configuration, read from `octavo.toml`."""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from octavo_content.errors import ContentError, ContentErrors, errors_from_validation
from octavo_content.menu import MenuEntry
from octavo_content.permalinks import Permalinks

CONFIG_FILE = "octavo.toml"

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

_HINTS = {
    "title": 'add a line such as  title = "My Blog"',
    "base_url": 'add the address the site is served from, such as  base_url = "https://example.org/"',
    "timezone": 'add an IANA zone such as  timezone = "Europe/Paris"  or  timezone = "UTC"',
    "language": 'use a language tag such as  language = "en"  or  "pt-BR"',
    "per_page": "use a whole number of posts per list page, 1 or more",
    "list_content": 'use  list_content = "full"  or  list_content = "summary"',
    "relative_aliases": 'use  relative_aliases = "site"  (the default) or  "page"  (Hugo\'s way)',
    "slug_source": 'use  slug_source = "file"  (the default) or  slug_source = "title"',
    "menu": 'write each link as a [[menu]] table:  name = "About"  and one of'
    '  page = "pages/about.md",  url = "/contact/"  or  target = "archive"',
    "taxonomies": 'name each taxonomy singular = "plural", such as  category = "categories"',
    "term_strings": 'use  term_strings = "commas"  (the default) or  term_strings = "spaces"',
    "strings": 'write  "Tags" = "Sujets"  under [strings], or a table of plural forms'
    '  "%(num)d min read" = { one = "...", other = "..." }',
    "authors": 'describe an author as  [authors.ada]  with  name = "Ada Lovelace", bio = "..."',
}

# Where a post's slug comes from when its front matter sets none: its file name (or its bundle
# folder's), so retitling never moves it, or its title, as Pelican does.
SLUG_SOURCES = ("file", "title")


# The taxonomies of a site that names none, as Hugo names them: singular = plural.
DEFAULT_TAXONOMIES = {"tag": "tags", "category": "categories"}
# A taxonomy's plural is a front matter key and a folder of the site; its singular, a key too.
_TAXONOMY_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
# Front matter keys with a meaning of their own, which no taxonomy may take for its name.
RESERVED_TAXONOMY_NAMES = frozenset(
    {
        "title", "date", "updated", "summary", "draft", "slug", "authors", "author", "url",
        "path", "permalink", "aliases", "redirect_from", "series", "part", "taxonomies",
        "extra", "kind",
    }
)  # fmt: skip


class AuthorLink(BaseModel):
    """A link of an author's: what it is called and where it goes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    url: str = Field(min_length=1)


class AuthorProfile(BaseModel):
    """What `[authors.NAME]` says of an author: a display name, a bio, an address, links."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # The name pages show; by default the name as posts write it.
    name: str = ""
    bio: str = ""
    email: str = ""
    # An image of the author: a path on the site or an absolute URL.
    avatar: str = ""
    links: tuple[AuthorLink, ...] = ()


def absolute_base_url(value: str) -> str:
    """Given a site's address, returns it ending in one `/`; raises ValueError unless it is an
    absolute http(s) URL."""
    if not re.match(r"^https?://[^/\s]+", value):
        raise ValueError(
            f"{value!r} is not an absolute address; expected a URL starting with https://"
        )
    return value.rstrip("/") + "/"


# The feed formats a site can write: Atom (always), RSS 2.0 and JSON Feed 1.1.
FEED_FORMATS = ("atom", "rss", "json")


class FeedsConfig(BaseModel):
    """What `[feeds]` says: which formats the site and each term write, how many entries each
    holds, and whether an entry carries the whole post or its summary."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    formats: tuple[Literal["atom", "rss", "json"], ...] = ("atom",)
    entries: int = Field(default=20, ge=1)
    content: Literal["full", "summary"] = "full"

    @field_validator("formats")
    @classmethod
    def _formats(
        cls, value: tuple[Literal["atom", "rss", "json"], ...]
    ) -> tuple[Literal["atom", "rss", "json"], ...]:
        if "atom" not in value:
            raise ValueError(
                f"{list(value)!r} has no 'atom'; expected a list holding 'atom', such as"
                ' ["atom", "rss", "json"]; hint Atom is the feed every page links in its footer'
            )
        if len(set(value)) != len(value):
            raise ValueError(f"{list(value)!r} names a format twice; expected each at most once")
        return value


def _string_override(value: object) -> object:
    """Given a `[strings]` value, returns it when it is text or a table of texts; one error,
    not one per shape it might have had, otherwise."""
    if isinstance(value, str) or (
        isinstance(value, dict) and all(isinstance(text, str) for text in value.values())
    ):
        return value
    raise ValueError(
        f"{value!r} is not a word; expected text, or a table of plural forms such as"
        ' { one = "...", other = "..." }'
    )


# A `[strings]` value: the site's text for a theme word, or its plural forms by CLDR category.
StringOverride = Annotated[str | dict[str, str], BeforeValidator(_string_override)]


class SiteConfig(BaseModel):
    """Everything `octavo.toml` says about a site. A date without a zone is read in `timezone`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1)
    base_url: str
    timezone: str
    language: str = "en"
    author: str = ""
    description: str = ""
    per_page: int = Field(default=10, ge=1)
    # "full" shows each post's whole body on list pages (home, tags); "summary" shows summaries.
    list_content: Literal["full", "summary"] = "full"
    permalinks: Permalinks = Permalinks()
    # Unknown front matter keys are warnings by default; true makes every one an error.
    strict_front_matter: bool = False
    # Raw HTML in Markdown is escaped (shown as text) unless the site opts in: escaped output is
    # valid and safe by construction, trusted HTML is the author's responsibility.
    raw_html: bool = False
    # "file": a post's slug is its file name (or its bundle folder's name); "title": its title.
    slug_source: Literal["file", "title"] = "file"
    # How an alias written without a leading `/` is read: from the site's root ("site", as Zola
    # and Jekyll read old paths) or from the folder of the post's URL ("page", as Hugo does).
    relative_aliases: Literal["site", "page"] = "site"
    # True: a post that names no category is in the category its folder names
    # (content/python/post.md is in "python"), as Pelican's USE_FOLDER_AS_CATEGORY does.
    folder_category: bool = False
    # The theme's navigation, from [[menu]] tables; none keeps the default (home, tags, archive).
    menu: tuple[MenuEntry, ...] = ()
    # The site's own settings, any TOML, for templates (`site.extra`, as Zola's `config.extra`
    # and Hugo's `.Site.Params`).
    extra: dict[str, Any] = Field(default_factory=dict)
    # The site's taxonomies, singular = plural, as Hugo's [taxonomies]: the plural is the front
    # matter key and the folder of the term pages, the singular titles a term's page.
    taxonomies: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_TAXONOMIES))
    # How a string of terms (`tags: a, b`) splits: "commas", or "spaces" as Jekyll splits it
    # (a string holding a comma still splits on commas).
    term_strings: Literal["commas", "spaces"] = "commas"
    # [authors.NAME]: what the site says of each author (NAME as posts write it).
    authors: dict[str, AuthorProfile] = Field(default_factory=dict)
    # [feeds]: the formats of the site's and each term's feed, their length and content.
    feeds: FeedsConfig = FeedsConfig()
    # [strings]: the site's own words for the theme's, keyed by the English text
    # ("Tags" = "Sujets"); a plural message takes a table of CLDR forms (one = ..., other = ...).
    # The renderer checks the keys against its catalogue.
    strings: dict[str, StringOverride] = Field(default_factory=dict)
    # A search page and box, and a Pagefind index of the posts and pages made by each build;
    # false: none of them (`octavo build --no-search` says the same for one build).
    search: bool = True

    @field_validator("base_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        return absolute_base_url(value)

    def with_base_url(self, value: str) -> SiteConfig:
        """This config served from another address (`octavo build --base-url`); raises
        ContentErrors when `value` is not an absolute http(s) URL."""
        try:
            base_url = absolute_base_url(value)
        except ValueError as failure:
            raise ContentErrors(
                [
                    ContentError(
                        path="--base-url",
                        field="base_url",
                        message=str(failure),
                        expected="an absolute URL such as https://example.org/blog/",
                        hint="check the --base-url option or the OCTAVO_BASE_URL variable",
                    )
                ]
            ) from None
        return self.model_copy(update={"base_url": base_url})

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not a known time zone; expected an IANA name such as 'UTC'"
            ) from None
        return value

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str) -> str:
        if not _LANGUAGE_TAG.match(value):
            raise ValueError(f"{value!r} is not a language tag; expected a tag such as 'en'")
        return value

    @field_validator("slug_source", mode="before")
    @classmethod
    def _slug_source(cls, value: object) -> object:
        if value not in SLUG_SOURCES:
            allowed = " or ".join(f'"{source}"' for source in SLUG_SOURCES)
            raise ValueError(f"{value!r} is not a slug source; expected {allowed}")
        return value

    @field_validator("taxonomies")
    @classmethod
    def _taxonomies(cls, value: dict[str, str]) -> dict[str, str]:
        plurals: dict[str, str] = {}
        for singular, plural in value.items():
            for name in (singular, plural):
                if not _TAXONOMY_NAME.match(name):
                    raise ValueError(
                        f"{name!r} is not a taxonomy name; expected lowercase letters, digits,"
                        " '-' or '_', such as  category = \"categories\""
                    )
                if name in RESERVED_TAXONOMY_NAMES:
                    raise ValueError(
                        f"{name!r} is a front matter key of its own; expected another name"
                        "; hint authors and series have pages of their own: leave them out"
                    )
            if plural in plurals or singular in plurals.values() or singular == plural:
                raise ValueError(
                    f"{plural!r} names two taxonomies; expected a name per taxonomy, such as"
                    '  category = "categories"'
                )
            plurals[plural] = singular
        if value.get("tag", "tags") != "tags" or plurals.get("tags", "tag") != "tag":
            raise ValueError(
                'tags are always  tag = "tags"; expected another name for this taxonomy'
            )
        # Tags are a taxonomy of every site: their pages exist whatever the table says.
        return {"tag": "tags", **value}

    @property
    def taxonomy_plurals(self) -> tuple[str, ...]:
        """The plural name of each taxonomy, tags first: `("tags", "categories")`."""
        return ("tags", *(plural for plural in self.taxonomies.values() if plural != "tags"))

    def singular_of(self, plural: str) -> str:
        """Given a taxonomy's plural name, returns its singular: `categories` -> `category`."""
        return {p: s for s, p in self.taxonomies.items()}[plural]

    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone."""
        return ZoneInfo(self.timezone)

    def absolute_url(self, path: str) -> str:
        """The absolute address of a site path such as `/posts/hello/`."""
        return self.base_url + path.lstrip("/")

    @classmethod
    def from_toml(cls, text: str, path: str = CONFIG_FILE) -> SiteConfig:
        """Read a configuration from TOML text; raise `ContentErrors` listing every problem."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = _line_from_message(str(exc))
            raise ContentErrors(
                [
                    ContentError(
                        path=path,
                        line=line,
                        message=f"invalid TOML: {exc}",
                        expected='TOML such as  key = "value"',
                        hint="check quotes, brackets and '=' on that line",
                    )
                ]
            ) from None
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            errors = errors_from_validation(exc, path, lambda key: _line_of_key(text, key), _HINTS)
            # One error per detail, in order: an unknown key gets its own message and a guess.
            errors = [
                _unknown_key(error, detail["loc"]) if detail["type"] == "extra_forbidden" else error
                for error, detail in zip(errors, exc.errors(include_url=False), strict=True)
            ]
            # A field inside a table (permalinks.post) stands on its own line, not the table's.
            raise ContentErrors(
                [
                    error.model_copy(update={"line": _line_of_key(text, error.field)})
                    if error.field and "." in error.field
                    else error
                    for error in errors
                ]
            ) from None

    @classmethod
    def load(cls, site: Path) -> SiteConfig:
        """Read `SITE/octavo.toml`; raise `ContentErrors` when it is missing or wrong."""
        file = site / CONFIG_FILE
        try:
            # A FIFO would block a read forever, a folder would fail it: only a regular file.
            if file.exists() and not file.is_file():
                raise IsADirectoryError(f"{CONFIG_FILE} is not a regular file")
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ContentErrors(
                [
                    ContentError(
                        path=str(file),
                        message="no configuration file",
                        expected=f"a {CONFIG_FILE} in the site folder",
                        hint=f"run  octavo new {site}  for a scaffold, or point at the site folder",
                    )
                ]
            ) from None
        except (OSError, UnicodeDecodeError) as failure:
            raise ContentErrors(
                [
                    ContentError(
                        path=str(file),
                        message=f"the configuration file cannot be read ({failure})",
                        expected="a regular, readable file in UTF-8",
                        hint="check the file's type, permissions and encoding",
                    )
                ]
            ) from None
        return cls.from_toml(text, str(file))


def config_line(text: str, key: str) -> int | None:
    """Given `octavo.toml`'s text and a key as pydantic names it (`menu.1.page`), returns the line
    it stands on (or its table's), for errors found after the file was read."""
    return _line_of_key(text, key)


# Other engines' names for settings Octavo has, folded as `_folded` folds them: Hugo's
# `baseURL`, `languageCode`, `params`, `paginate`; Jekyll's `url`, `baseurl`, `paginate`;
# Zola's `default_language`.
_OTHER_ENGINES = {
    "baseurl": "base_url",
    "url": "base_url",
    "languagecode": "language",
    "defaultlanguage": "language",
    "lang": "language",
    "params": "extra",
    "paginate": "per_page",
    "pagination": "per_page",
    "permalink": "permalinks",
    "feed": "feeds",
    "feedlimit": "feeds",
    "generatefeeds": "feeds",
    "feedfilenames": "feeds",
}


def _folded(key: str) -> str:
    """Given a key, returns it without case, `_` or `-`: `baseURL` and `base_url` are alike."""
    return key.casefold().replace("_", "").replace("-", "")


def _model_at(location: tuple[Any, ...]) -> type[BaseModel] | None:
    """Given the location of a key in the configuration, returns the model of the table that
    holds it (None for a table of free keys)."""
    model: type[BaseModel] | None = SiteConfig
    named = False  # the next part is a name of a table of tables (`[authors.ada]`)
    for part in location[:-1]:
        if model is None:
            return None
        if isinstance(part, int) or named:  # an item of an array or a named table: its model
            named = False
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        kinds = [field.annotation, *get_args(field.annotation)]
        model = next((k for k in kinds if isinstance(k, type) and issubclass(k, BaseModel)), None)
        named = get_origin(field.annotation) is dict
    return model


def _unknown_key(error: ContentError, location: tuple[Any, ...]) -> ContentError:
    """Given the error for a key the configuration does not have, returns it saying so, with
    the keys that table takes and the one most likely meant."""
    key = str(location[-1])
    model = _model_at(location)
    known = list(model.model_fields) if model else []
    by_fold = {_folded(name): name for name in known}
    guess = by_fold.get(_folded(key))
    if guess is None and model is SiteConfig:
        guess = _OTHER_ENGINES.get(_folded(key))
    if guess is None:
        close = difflib.get_close_matches(_folded(key), list(by_fold), n=1, cutoff=0.6)
        guess = by_fold[close[0]] if close else None
    table = ".".join(str(part) for part in location[:-1] if not isinstance(part, int))
    if guess:
        hint = f"did you mean '{guess}'?"
    elif model is SiteConfig:
        hint = "remove it, or put settings of your own under [extra] for templates"
    else:
        hint = "remove it"
    return error.model_copy(
        update={
            "message": f"unknown key '{key}'" + (f" in [{table}]" if table else ""),
            "expected": "one of " + ", ".join(known) if known else None,
            "hint": hint,
        }
    )


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _line_of_key(text: str, key: str) -> int | None:
    """Given TOML text and a key (`title`, `permalinks`, `permalinks.post`), returns its line.

    A key in a table is found under its `[table]` header or written dotted; failing that, the
    line of its table. The tables of an array (`[[menu]]`) are numbered from 0, as pydantic
    numbers them: `menu.1.page` is the `page` of the second `[[menu]]`.
    """
    table = ""
    arrays: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header:
            table = _plain_key(header.group(1))
            if line.lstrip().startswith("[["):
                arrays[table] = arrays.get(table, -1) + 1
                table = f"{table}.{arrays[table]}"
            if table == key:
                return number
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment and ".".join(filter(None, [table, _plain_key(assignment.group(1))])) == key:
            return number
    parent = key.rpartition(".")[0]
    return _line_of_key(text, parent) if parent else None


_TABLE_HEADER = re.compile(r"^\s*\[\[?([^\]]+)\]")
_ASSIGNMENT = re.compile(r"""^\s*([A-Za-z0-9_."' -]+?)\s*=""")


def _plain_key(written: str) -> str:
    """Given a TOML key as written (`"permalinks" . post`), returns it as `permalinks.post`."""
    return ".".join(part.strip().strip("\"'") for part in written.split("."))
