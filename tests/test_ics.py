"""The .ics files residents download for smartphone classes."""

import datetime as dt

from icalendar import Calendar

from finder.model import Item
from finder.resident.ics import calendar_ics, event_start

STAMP = dt.datetime(2026, 11, 23, 0, 0, tzinfo=dt.UTC)


def klass(**data: str) -> Item:
    base = {"start_date": "2026-12-05", "start_time": "10:00", "end_time": "12:00", "venue": "試験公民館",
            "address": "茨城県笠間市試験町2", "description": "基本操作, 写真; LINE", "contact_phone": "0296-00-0000"}
    base.update(data)
    return Item(kind="class", id=data.pop("id", "class-t-1"), title="スマートフォン講座", title_kana="",
                title_en="Smartphone class", municipality="笠間市", municipality_code="082163",
                is_sample=data.get("sample", "no") == "yes", source="テスト出典", checked="2026-11-01", data=base)


def events(raw: bytes):
    cal = Calendar.from_ical(raw)
    return [c for c in cal.walk("VEVENT")]


def test_timed_event_in_tokyo_time():
    raw = calendar_ics([klass()], stamp=STAMP)
    text = raw.decode()
    assert text.startswith("BEGIN:VCALENDAR") and "VERSION:2.0" in text and "PRODID:" in text
    assert "DTSTART;TZID=Asia/Tokyo:20261205T100000" in text
    assert "DTEND;TZID=Asia/Tokyo:20261205T120000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Asia/Tokyo" in text
    (event,) = events(raw)
    assert str(event["SUMMARY"]) == "スマートフォン講座"
    assert str(event["LOCATION"]) == "試験公民館 茨城県笠間市試験町2"
    assert "基本操作, 写真; LINE" in str(event["DESCRIPTION"])  # commas and semicolons survive escaping
    assert str(event["UID"]) == "class-t-1-2026-12-05@dx-service-finder"
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 5, 10, 0, tzinfo=event.decoded("DTSTART").tzinfo)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=9)


def test_sample_rows_never_become_events():
    """A sample's date is an example: nothing in a resident's calendar may look like a real class."""
    raw = calendar_ics([klass(sample="yes"), klass(id="class-2")], stamp=STAMP)
    assert [str(e["UID"]) for e in events(raw)] == ["class-2-2026-12-05@dx-service-finder"]
    assert "サンプル" not in raw.decode() and event_start(klass(sample="yes")) is None
    assert events(calendar_ics([klass(sample="yes")], stamp=STAMP)) == []


def test_english_title():
    (event,) = events(calendar_ics([klass()], stamp=STAMP, lang="en"))
    assert str(event["SUMMARY"]) == "Smartphone class"


def test_all_day_and_missing_end():
    raw = calendar_ics([klass(start_time="", end_time="")], stamp=STAMP)
    assert "DTSTART;VALUE=DATE:20261205" in raw.decode()
    assert "DTEND;VALUE=DATE:20261206" in raw.decode()  # exclusive end
    raw = calendar_ics([klass(end_time="")], stamp=STAMP)
    assert "DTEND" not in raw.decode()  # no invented duration


def test_undated_sessions_are_skipped():
    raw = calendar_ics([klass(start_date="", id="class-undated"), klass(id="class-2")], stamp=STAMP)
    assert len(events(raw)) == 1
    assert event_start(klass(start_date="")) is None


def test_several_events_in_one_file():
    raw = calendar_ics([klass(id="a"), klass(id="b", start_date="2027-01-16")], stamp=STAMP)
    assert [str(e["UID"]).split("-")[0] for e in events(raw)] == ["a", "b"]
