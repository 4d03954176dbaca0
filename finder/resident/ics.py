"""iCalendar (.ics) files for smartphone classes, so residents can add a session to their phone.

Only dated sessions become events. Times are Asia/Tokyo; a session without a start time becomes an
all-day event, and a missing end time is left out (we do not invent a duration). A sample row's date is
an example, so a sample never becomes an event (nothing in a resident's calendar looks like a real class).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from finder import clock
from finder.catalog.cells import parse_date, parse_time
from finder.clock import TOKYO
from finder.i18n import t
from finder.model import Item
from finder.present.html import display_title

PRODID = "-//DX Service Finder//dx-service-finder//JA"


def event_start(item: Item) -> dt.datetime | dt.date | None:
    """Start as an aware datetime (Tokyo), a date (all day) or None when the session has no date or is a sample."""
    day = None if item.is_sample else parse_date(item.get("start_date"))
    if day is None:
        return None
    start = parse_time(item.get("start_time"))
    return dt.datetime.combine(day, start, TOKYO) if start else day


def class_event(item: Item, stamp: dt.datetime, lang: str = "ja") -> Event | None:
    start = event_start(item)
    if start is None:
        return None
    event = Event()
    event.add("uid", f"{item.id}-{item.get('start_date')}@dx-service-finder")
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("summary", display_title(item, lang))
    event.add("dtstart", start)
    end_day = parse_date(item.get("end_date")) or parse_date(item.get("start_date"))
    if isinstance(start, dt.datetime):
        end = parse_time(item.get("end_time"))
        if end and end_day:
            event.add("dtend", dt.datetime.combine(end_day, end, TOKYO))
    elif end_day:
        event.add("dtend", end_day + dt.timedelta(days=1))  # all-day DTEND is exclusive
    location = " ".join(v for v in (item.get("venue"), item.get("address"), item.get("address_note")) if v)
    if location:
        event.add("location", location)
    lines = [v for v in (item.get("description"),) if v]
    for key, label in (("fee", "detail.fee"), ("audience", "detail.class_audience"),
                       ("how_to_apply", "detail.class_apply"), ("contact_name", "detail.class_contact"),
                       ("contact_phone", "common.phone")):
        if item.get(key):
            lines.append(f"{t(label, lang)}: {item.get(key)}")
    lines.append(f"{t('common.source', lang)}: {item.source} ({t('common.checked', lang)} {item.checked})")
    event.add("description", "\n".join(lines))
    if item.get("url"):
        event.add("url", item.get("url"))
    return event


def calendar_ics(items: Iterable[Item], stamp: dt.datetime | None = None, lang: str = "ja") -> bytes:
    """One VCALENDAR with an event per dated class (undated ones and samples are skipped)."""
    stamp = stamp or clock.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", "Asia/Tokyo")
    for item in items:
        event = class_event(item, stamp, lang)
        if event is not None:
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def ics_filename(item: Item) -> str:
    """ASCII file name (ids are ASCII by validation)."""
    return f"{item.id}.ics"
