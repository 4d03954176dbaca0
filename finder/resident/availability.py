"""Is a convenience-store certificate available right now? Pure logic over a given datetime.

The clock is always passed in (pages take it from ui.now(), which tests override), so "now" is
testable at fixed times such as 12/30 or a national holiday. Facts the catalog does not know stay
"unknown": we never guess hours, weekday rules or the New Year closure.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from finder.catalog.cells import parse_time
from finder.clock import to_tokyo
from finder.model import Item
from finder.present.format import time_range

OPEN = "open"
CLOSED_HOURS = "closed_hours"
YEAR_END = "year_end"
WEEKDAY_ONLY = "weekday_only"
UNKNOWN = "unknown"
NOT_OFFERED = "not_offered"
PLANNED = "planned"
STATUSES = (OPEN, CLOSED_HOURS, YEAR_END, WEEKDAY_ONLY, UNKNOWN, NOT_OFFERED, PLANNED)


@lru_cache(maxsize=16)
def _jp_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("JP", years=year)


def is_year_end(day: dt.date) -> bool:
    """12/29–1/3, when the convenience-store service is suspended nationwide."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def holiday_name(day: dt.date) -> str | None:
    return _jp_holidays(day.year).get(day)


def is_business_day(day: dt.date) -> bool:
    """Mon–Fri and not a Japanese national holiday (year-end handled separately)."""
    return day.weekday() < 5 and holiday_name(day) is None


def status_at(when: dt.datetime, *, offered: str = "available", hours_start: str = "", hours_end: str = "",
              weekday_only: str = "", year_end_closed: str = "") -> str:
    """One of STATUSES for a certificate with these facts at this moment.

    offered: the catalog's status column (available / planned / not_available / unknown);
    weekday_only, year_end_closed: "yes" / "no" / "" (unknown); hours: "HH:MM" or "" (unknown).
    """
    if offered == "planned":
        return PLANNED
    if offered == "not_available":
        return NOT_OFFERED
    if offered != "available":
        return UNKNOWN
    local = to_tokyo(when)
    day = local.date()
    if is_year_end(day):
        if year_end_closed == "yes":
            return YEAR_END
        if year_end_closed != "no":
            return UNKNOWN
    if not is_business_day(day):
        if weekday_only == "yes":
            return WEEKDAY_ONLY
        if weekday_only != "no":
            return UNKNOWN
    start, end = parse_time(hours_start or ""), parse_time(hours_end or "")
    if start is None or end is None:
        return UNKNOWN
    current = local.time().replace(tzinfo=None)
    end_inclusive = hours_end.strip() in ("24:00", "23:59")
    if start <= current and (current < end or (end_inclusive and current <= end)):
        return OPEN
    return CLOSED_HOURS


def certificate_status(item: Item, when: dt.datetime) -> str:
    """status_at() with the facts of a certificate row."""
    return status_at(when, offered=item.get("status", "unknown"), hours_start=item.get("hours_start"),
                     hours_end=item.get("hours_end"), weekday_only=item.get("weekday_only"),
                     year_end_closed=item.get("year_end_closed"))


def days_key(item: Item) -> str:
    """i18n key describing the days a certificate can be printed: all / weekday / unknown."""
    weekday_only = item.get("weekday_only")
    if weekday_only == "yes":
        return "conbini.days.weekday"
    if weekday_only == "no":
        return "conbini.days.all"
    return "conbini.days.unknown"


def hours_text(item: Item) -> str:
    """'6:30–23:00' or '' when either end is unknown."""
    start, end = item.get("hours_start"), item.get("hours_end")
    return time_range(start, end) if start and end else ""


def saving(item: Item) -> int | None:
    """Counter fee minus store fee in yen, or None when either fee is unknown."""
    try:
        return int(item.get("counter_fee")) - int(item.get("store_fee"))
    except ValueError:
        return None
