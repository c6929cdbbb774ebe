"""The site's navigation, as `[[menu]]` entries in `octavo.toml` say it."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# The pages of every site that a menu entry can name without knowing their URL.
MENU_TARGETS = ("home", "tags", "archive", "feed")
# What a menu entry links to: exactly one of these keys.
MENU_LINK_KEYS = ("url", "page", "target")
# An address elsewhere: a scheme a link may carry. `javascript:` and `data:` are no place to go.
_EXTERNAL = re.compile(r"^(https?://[^/\s]+|mailto:\S+)")
_HINT = (
    'an entry is  name = "About"  and one of  page = "pages/about.md",  url = "/contact/"'
    ' or  url = "https://example.org/",  target = "archive"'
)


class MenuEntry(BaseModel):
    """One link of the site's navigation: its text, where it goes, and its weight.

    Where it goes is one of: `url`, a site path (`/contact/`, under `base_url`) or an address
    elsewhere (`https://...`, `mailto:...`); `page`, the source path of a page or post relative to
    the content folder (`pages/about.md`), whose URL the builder looks up; `target`, a page every
    site has (`home`, `tags`, `archive`, `feed`). Entries are shown by `weight`, lightest first,
    and in the file's order for equal weights.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    url: str | None = None
    page: str | None = None
    target: Literal["home", "tags", "archive", "feed"] | None = None
    weight: int = 0

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        name = " ".join(value.split())
        if not name:
            raise ValueError('is empty; expected the link\'s text, such as  name = "About"')
        return name

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        text = value.strip()
        if text.startswith("/") and not text.startswith("//"):
            return text
        if _EXTERNAL.match(text):
            return text
        raise ValueError(
            f"{value!r} is not a path on the site or an address elsewhere; expected a path such"
            " as '/contact/' or an address starting with https://, http:// or mailto:"
        )

    @field_validator("page")
    @classmethod
    def _page(cls, value: str | None) -> str | None:
        if value is None:
            return None
        text = value.strip().removeprefix("./")
        if not text or text.startswith("/") or ".." in text.split("/"):
            raise ValueError(
                f"{value!r} is not a file of the content folder; expected a path such as"
                " 'pages/about.md', relative to content/"
            )
        return text

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: object) -> object:
        if value is not None and value not in MENU_TARGETS:
            allowed = ", ".join(f'"{target}"' for target in MENU_TARGETS)
            raise ValueError(f"{value!r} is not a page every site has; expected one of {allowed}")
        return value

    @model_validator(mode="after")
    def _one_destination(self) -> MenuEntry:
        given = [key for key in MENU_LINK_KEYS if getattr(self, key) is not None]
        if len(given) != 1:
            found = " and ".join(given) if given else "none of them"
            raise ValueError(
                f"the entry {self.name!r} has {found}; expected one of url, page or target;"
                f" hint {_HINT}"
            )
        return self


def menu_order(entries: tuple[MenuEntry, ...]) -> list[MenuEntry]:
    """Given the entries as written, returns them as shown: by weight, then as written."""
    return sorted(entries, key=lambda entry: entry.weight)
