"""Dates as pages and feeds print them: readable text in the site's language (CLDR's long
format, through Babel), HTML `datetime` values, RFC 3339, and RFC 822 in English for RSS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from email.utils import format_datetime
from functools import lru_cache

from babel.dates import format_date

from octavo_content import LightPost


@dataclass(frozen=True)
class Moment:
    """A date ready for `<time datetime="{{ iso }}">{{ text }}</time>`."""

    iso: str
    text: str


def aware(moment: datetime, zone: tzinfo) -> datetime:
    """Given a datetime, returns it with a zone: a naive one is read in the site's zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


@lru_cache(maxsize=4096)
def day_text(day: date, locale: str = "en") -> str:
    """Given a calendar day and a locale (`fr`, `en_GB`), returns the day as its readers write
    it: `1 mai 2024`, `1 May 2024`, `2024年5月1日`, `May 1, 2024` (`en`)."""
    return format_date(day, format="long", locale=locale)


def rfc3339(moment: datetime, zone: tzinfo) -> str:
    """Given a datetime, returns it in RFC 3339 (which is also a W3C datetime), to the second."""
    return aware(moment, zone).isoformat(timespec="seconds")


def rfc822(moment: datetime, zone: tzinfo) -> str:
    """Given a datetime, returns it in RFC 822 as RSS's dates want it (`Mon, 01 Jul 2024
    09:30:00 +0200`), with English names whatever the machine's locale."""
    return format_datetime(aware(moment, zone).replace(microsecond=0))


def publication_day(post: LightPost, zone: tzinfo) -> date:
    """Given a post, returns the calendar day it was published on in the site's zone."""
    # A calendar date from front matter is that day wherever the reader is: never shift it.
    if post.day_only:
        return post.dated.date()
    return aware(post.dated, zone).astimezone(zone).date()


def published(post: LightPost, zone: tzinfo, locale: str = "en") -> Moment:
    """Given a post, returns its publication date for a `<time>` element, its text in
    `locale`."""
    day = publication_day(post, zone)
    if post.day_only:
        return Moment(iso=day.isoformat(), text=day_text(day, locale))
    local = aware(post.dated, zone).astimezone(zone)
    return Moment(iso=local.isoformat(timespec="seconds"), text=day_text(day, locale))


def updated(post: LightPost, zone: tzinfo, locale: str = "en") -> Moment | None:
    """Given a post, returns its update date for a `<time>` element (text in `locale`), or None
    when never updated."""
    if post.updated is None:
        return None
    local = aware(post.updated, zone).astimezone(zone)
    return Moment(iso=local.isoformat(timespec="seconds"), text=day_text(local.date(), locale))
