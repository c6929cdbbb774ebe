"""Dates at the ends of the calendar are errors naming their line and the range, never a crash."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from octavo_content import SiteConfig
from octavo_parser import parse_post

PATH = "content/hello.md"
RANGE = "a date from 0002-01-01 to 9998-12-31"
# The zones furthest from UTC: a post's date is shown in the site's zone, feeds write it in UTC.
ZONES = [UTC, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12"), ZoneInfo("Europe/Paris")]

OUT_OF_RANGE = [
    "0001-01-01T00:00:00-05:00",
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00",
    "0001-01-01",
    "0001-12-31T23:59:59+23:59",
    "0000-01-01",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59+14:00",
    "9999-12-31T23:59:59-12:00",
    "9999-12-31",
    "9999-01-01T00:00:00",
    "!!timestamp 0001-01-01T00:00:00+05:00",
    "!!timestamp 9999-12-31",
]
IN_RANGE = [
    "0002-01-01",
    "0002-01-01T00:00:00+23:59",
    "0002-01-01T00:00:00",
    "9998-12-31",
    "9998-12-31T23:59:59-23:59",
    "9998-12-31T23:59:59.999999",
    "2024-05-01T09:30:00+02:00",
]


def config_in(zone: str) -> SiteConfig:
    return SiteConfig(title="T", base_url="https://example.org/", timezone=zone)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
@pytest.mark.parametrize("key", ["date", "updated"])
@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_a_yaml_date_out_of_range_is_an_error_at_its_line(zone: str, key: str, value: str) -> None:
    dates = {"date": "2024-05-01", "updated": None} | {key: value}
    lines = "\n".join(f"{name}: {written}" for name, written in dates.items() if written)
    result = parse_post(f"---\ntitle: Hi\n{lines}\n---\n".encode(), PATH, config_in(zone))
    assert result.post is None
    (problem,) = result.problems
    assert problem.path == PATH
    assert (problem.field, problem.line) == (key, 3 if key == "date" else 4)
    assert problem.expected == RANGE


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00-05:00", "9999-12-31T23:59:59+14:00", "0001-01-01", "9999-12-31"]
)
def test_a_toml_date_out_of_range_is_an_error_at_its_line(value: str) -> None:
    source = f'+++\ntitle = "Hi"\ndate = 2024-05-01\nupdated = {value}\n+++\n'
    result = parse_post(source.encode(), PATH, config_in("UTC"))
    assert result.post is None
    (problem,) = result.problems
    assert (problem.field, problem.line, problem.expected) == ("updated", 4, RANGE)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
@pytest.mark.parametrize("value", IN_RANGE)
def test_a_date_in_range_converts_to_every_zone(zone: str, value: str) -> None:
    source = f"---\ntitle: Hi\ndate: {value}\nupdated: {value}\n---\n"
    result = parse_post(source.encode(), PATH, config_in(zone))
    assert result.post is not None, result.problems
    for moment in (result.post.date, result.post.last_modified):
        for other in ZONES:
            assert moment.astimezone(other).tzinfo is other
        assert moment.timestamp() < datetime.max.replace(tzinfo=UTC).timestamp()
