"""Convenience-store availability at fixed moments (Asia/Tokyo), including 12/30 and national holidays."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from finder.model import Item
from finder.resident.availability import (
    CLOSED_HOURS,
    NOT_OFFERED,
    OPEN,
    PLANNED,
    UNKNOWN,
    WEEKDAY_ONLY,
    YEAR_END,
    certificate_status,
    days_key,
    holiday_name,
    hours_text,
    is_business_day,
    is_year_end,
    saving,
    status_at,
)

JST = ZoneInfo("Asia/Tokyo")
STORE = {"hours_start": "06:30", "hours_end": "23:00", "weekday_only": "no", "year_end_closed": "yes"}
WEEKDAY_ONLY_CERT = {"hours_start": "09:00", "hours_end": "17:00", "weekday_only": "yes", "year_end_closed": "yes"}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize("when, expected", [
    ("2026-12-01T10:00+09:00", OPEN),            # Tuesday
    ("2026-12-01T06:30+09:00", OPEN),            # opening minute
    ("2026-12-01T06:29+09:00", CLOSED_HOURS),
    ("2026-12-01T23:00+09:00", CLOSED_HOURS),    # end is exclusive
    ("2026-12-05T10:00+09:00", OPEN),            # Saturday: every day
    ("2026-11-23T10:00+09:00", OPEN),            # 勤労感謝の日: every day
    ("2026-12-28T22:59+09:00", OPEN),
    ("2026-12-29T10:00+09:00", YEAR_END),
    ("2026-12-30T10:00+09:00", YEAR_END),
    ("2027-01-01T10:00+09:00", YEAR_END),
    ("2027-01-03T22:00+09:00", YEAR_END),
    ("2027-01-04T10:00+09:00", OPEN),
])
def test_everyday_certificate(when, expected):
    assert status_at(at(when), **STORE) == expected


@pytest.mark.parametrize("when, expected", [
    ("2026-12-01T10:00+09:00", OPEN),
    ("2026-12-01T17:30+09:00", CLOSED_HOURS),
    ("2026-12-05T10:00+09:00", WEEKDAY_ONLY),    # Saturday
    ("2026-12-06T10:00+09:00", WEEKDAY_ONLY),    # Sunday
    ("2026-11-23T10:00+09:00", WEEKDAY_ONLY),    # Monday, but 勤労感謝の日
    ("2027-01-11T10:00+09:00", WEEKDAY_ONLY),    # 成人の日 (2nd Monday of January)
    ("2026-12-30T10:00+09:00", YEAR_END),        # year-end wins over weekday rule
])
def test_weekday_only_certificate(when, expected):
    assert status_at(at(when), **WEEKDAY_ONLY_CERT) == expected


def test_unknown_facts_are_never_guessed():
    tuesday = at("2026-12-01T10:00+09:00")
    assert status_at(tuesday, hours_start="", hours_end="", weekday_only="no", year_end_closed="yes") == UNKNOWN
    assert status_at(tuesday, hours_start="06:30", hours_end="", weekday_only="no") == UNKNOWN
    # Year-end closure unknown: only matters during 12/29–1/3.
    assert status_at(at("2026-12-30T10:00+09:00"), hours_start="06:30", hours_end="23:00", weekday_only="no") == UNKNOWN
    assert status_at(tuesday, hours_start="06:30", hours_end="23:00", weekday_only="no") == OPEN
    # Weekday rule unknown: only matters on weekends and holidays.
    assert status_at(at("2026-12-05T10:00+09:00"), hours_start="06:30", hours_end="23:00",
                     year_end_closed="yes") == UNKNOWN
    assert status_at(tuesday, hours_start="06:30", hours_end="23:00", year_end_closed="yes") == OPEN


def test_offered_status():
    tuesday = at("2026-12-01T10:00+09:00")
    assert status_at(tuesday, offered="not_available", **STORE) == NOT_OFFERED
    assert status_at(tuesday, offered="planned", **STORE) == PLANNED
    assert status_at(tuesday, offered="unknown", **STORE) == UNKNOWN
    assert status_at(tuesday, offered="", **STORE) == UNKNOWN


def test_time_zone_is_tokyo_whatever_the_input():
    # 2026-12-28 15:30 UTC is 2026-12-29 00:30 in Tokyo: year-end closure.
    assert status_at(dt.datetime(2026, 12, 28, 15, 30, tzinfo=dt.UTC), **STORE) == YEAR_END
    # 2026-12-01 01:00 UTC is 10:00 in Tokyo.
    assert status_at(dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC), **STORE) == OPEN
    # A naive datetime is read as Tokyo time.
    assert status_at(dt.datetime(2026, 12, 1, 6, 0), **STORE) == CLOSED_HOURS


def test_end_of_day_24_00():
    facts = {**STORE, "hours_start": "00:00", "hours_end": "24:00"}
    assert status_at(at("2026-12-01T23:59+09:00"), **facts) == OPEN


def test_calendar_helpers():
    assert is_year_end(dt.date(2026, 12, 29)) and is_year_end(dt.date(2027, 1, 3))
    assert not is_year_end(dt.date(2026, 12, 28)) and not is_year_end(dt.date(2027, 1, 4))
    assert holiday_name(dt.date(2026, 11, 23))
    assert holiday_name(dt.date(2026, 11, 24)) is None
    assert not is_business_day(dt.date(2026, 11, 23)) and is_business_day(dt.date(2026, 11, 24))
    assert not is_business_day(dt.date(2026, 11, 28))  # Saturday


def _cert(**data: str) -> Item:
    return Item(kind="certificate", id="c", title="住民票の写し", title_kana="", title_en="", municipality="土浦市",
                municipality_code="082031", data={"status": "available", **data})


def test_item_helpers():
    item = _cert(store_fee="200", counter_fee="300", **STORE)
    assert certificate_status(item, at("2026-12-30T10:00+09:00")) == YEAR_END
    assert certificate_status(item, at("2026-12-01T10:00+09:00")) == OPEN
    assert saving(item) == 100 and hours_text(item) == "06:30–23:00" and days_key(item) == "conbini.days.all"
    bare = _cert()
    assert saving(bare) is None and hours_text(bare) == "" and days_key(bare) == "conbini.days.unknown"
    assert certificate_status(bare, at("2026-12-01T10:00+09:00")) == UNKNOWN
    assert days_key(_cert(weekday_only="yes")) == "conbini.days.weekday"
