"""What a post's front matter may say, validated. Dates without a zone are read in the site's."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

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
}

_DATE_EXPECTED = "a date such as 2024-05-01 or 2024-05-01T09:30:00+02:00"


def _to_datetime(value: Any, zone: ZoneInfo) -> tuple[datetime, bool]:
    """Read a front matter date; return the aware moment and whether it was a calendar date."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{value!r} is not a date; expected {_DATE_EXPECTED}") from None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)), False
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=zone), True
    raise ValueError(f"{value!r} is not a date; expected {_DATE_EXPECTED}")


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
    names: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise ValueError(f"{item!r} is not a name; expected each of the {what} to be text")
        name = " ".join(str(item).split())
        if name and name not in names:
            names.append(name)
    return tuple(names)


class FrontMatter(BaseModel):
    """Validated front matter. Unknown keys are kept in `model_extra` for templates."""

    model_config = ConfigDict(frozen=True, extra="allow")

    title: str = Field(min_length=1)
    date: datetime
    day_only: bool = False
    updated: datetime | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    draft: bool = False
    slug: str | None = None
    authors: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _note_calendar_date(cls, data: Any) -> Any:
        if isinstance(data, dict) and "day_only" in data:
            raise ValueError("day_only is set by Octavo; expected no 'day_only' key")
        if isinstance(data, dict):
            raw = data.get("date")
            is_day = (isinstance(raw, date) and not isinstance(raw, datetime)) or (
                isinstance(raw, str) and len(raw.strip()) == 10
            )
            return {**data, "day_only": is_day}
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
        return value

    @field_validator("date", "updated", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name == "updated":
            return None
        return _to_datetime(value, _zone(info))[0]

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> tuple[str, ...]:
        return () if value is None else _text_list(value, "tags")

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: Any) -> tuple[str, ...]:
        return () if value is None else _text_list(value, "authors")

    @field_validator("slug", mode="before")
    @classmethod
    def _slug(cls, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ValueError(f"{value!r} is not a slug; expected text such as my-post")
        return slugify(str(value))

    @property
    def extra(self) -> dict[str, Any]:
        """The keys Octavo does not know, kept for templates."""
        return dict(self.model_extra or {})


KNOWN_KEYS: tuple[str, ...] = tuple(name for name in FrontMatter.model_fields if name != "day_only")
