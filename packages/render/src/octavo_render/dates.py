"""Dates as pages and feeds print them: readable text, HTML `datetime` values and RFC 3339."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from email.utils import format_datetime

from octavo_content import LightPost

# Fixed English names: `strftime("%B")` would follow the build machine's locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Moment:
    """A date ready for `<time datetime="{{ iso }}">{{ text }}</time>`."""

    iso: str
    text: str


def aware(moment: datetime, zone: tzinfo) -> datetime:
    """Given a datetime, returns it with a zone: a naive one is read in the site's zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def day_text(day: date) -> str:
    """Given a calendar day, returns it as readers see it: `1 May 2024`."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


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


def published(post: LightPost, zone: tzinfo) -> Moment:
    """Given a post, returns its publication date for a `<time>` element."""
    day = publication_day(post, zone)
    if post.day_only:
        return Moment(iso=day.isoformat(), text=day_text(day))
    local = aware(post.dated, zone).astimezone(zone)
    return Moment(iso=local.isoformat(timespec="seconds"), text=day_text(day))


def updated(post: LightPost, zone: tzinfo) -> Moment | None:
    """Given a post, returns its update date for a `<time>` element, or None when never updated."""
    if post.updated is None:
        return None
    local = aware(post.updated, zone).astimezone(zone)
    return Moment(iso=local.isoformat(timespec="seconds"), text=day_text(local.date()))
