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


def problems_of(data: dict[str, object]) -> list[tuple[str | None, str, str | None, str | None]]:
    with pytest.raises(ValidationError) as caught:
        FrontMatter.model_validate(data, context=PARIS)
    errors = errors_from_validation(caught.value, "a.md", lambda _: 2, FRONT_MATTER_HINTS)
    return [(error.field, error.message, error.expected, error.hint) for error in errors]


def test_a_limit_carries_its_own_hint_not_the_fields() -> None:
    tags = [f"t{number}" for number in range(101)]
    ((field, message, expected, hint),) = problems_of(
        {"title": "t", "date": "2024-05-01", "tags": tags}
    )
    assert (field, message, expected) == ("tags", "has 101 tags", "at most 100 tags")
    assert hint is not None and hint != FRONT_MATTER_HINTS["tags"]


def test_a_date_from_a_toml_value_out_of_range_names_the_range() -> None:
    ((field, message, expected, _),) = problems_of({"title": "t", "date": date(9999, 12, 31)})
    assert (field, message) == ("date", "'9999-12-31' is out of range")
    assert expected == "a date from 0002-01-01 to 9998-12-31"


def test_the_same_tag_written_twice_is_kept_once_in_linear_time() -> None:
    meta = FrontMatter.model_validate(
        {"title": "t", "date": "2024-05-01", "tags": "a, b, a, " * 50_000}, context=PARIS
    )
    assert meta.tags == ("a", "b")
