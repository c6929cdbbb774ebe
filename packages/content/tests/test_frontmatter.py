"""FrontMatter: validation and the date rules."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from octavo_content import FRONT_MATTER_HINTS, FrontMatter, errors_from_validation

PARIS = {"zone": ZoneInfo("Europe/Paris")}


def test_a_date_without_zone_is_read_in_the_site_zone() -> None:
    meta = FrontMatter.model_validate({"title": "t", "date": "2024-05-01T09:30:00"}, context=PARIS)
    assert meta.date.utcoffset() == timedelta(hours=2)
    assert meta.day_only is False


def test_a_calendar_date_is_never_shifted() -> None:
    meta = FrontMatter.model_validate({"title": "t", "date": date(2024, 1, 2)}, context=PARIS)
    assert meta.date.date() == date(2024, 1, 2)
    assert meta.day_only is True


def test_a_zoned_date_keeps_its_zone() -> None:
    meta = FrontMatter.model_validate(
        {"title": "t", "date": "2024-05-01T09:30:00-05:00"}, context=PARIS
    )
    assert meta.date == datetime.fromisoformat("2024-05-01T09:30:00-05:00")


def test_tags_from_a_comma_string_or_a_list() -> None:
    by_text = FrontMatter.model_validate({"title": "t", "date": "2024-01-01", "tags": "a, b ,a"})
    by_list = FrontMatter.model_validate({"title": "t", "date": "2024-01-01", "tags": ["a", "b"]})
    assert by_text.tags == by_list.tags == ("a", "b")


def test_unknown_keys_are_kept() -> None:
    meta = FrontMatter.model_validate({"title": "t", "date": "2024-01-01", "cover": "x.png"})
    assert meta.extra == {"cover": "x.png"}


def test_errors_name_field_line_expected_and_hint() -> None:
    with pytest.raises(ValidationError) as caught:
        FrontMatter.model_validate({"date": "yesterday", "tags": {"a": 1}})
    lines = {"date": 3, "tags": 4}
    errors = errors_from_validation(caught.value, "p.md", lines.get, FRONT_MATTER_HINTS)
    by_field = {error.field: error for error in errors}
    assert set(by_field) == {"title", "date", "tags"}
    assert by_field["title"].line is None
    assert by_field["date"].line == 3
    assert by_field["date"].expected is not None and "2024-05-01" in by_field["date"].expected
    assert str(by_field["tags"]).startswith("p.md:4: tags: got dict")
