"""Smartphone-class sessions: the next one of a class, whether a class has ended, the ones still to come.

Only the row's own date and time columns count. 開催頻度 is not used: the catalog often records plan
targets there, not a schedule, and a date we cannot read is "not announced", never "ended".
A sample row's date is an example, not an event: it is never a session, never "ended" and never
"undated"; ``samples`` lists those rows on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from finder import clock
from finder.catalog.cells import parse_date
from finder.i18n import t
from finder.model import Item
from finder.present.format import time_range


@dataclass(frozen=True)
class Session:
    """A dated class that has not ended: ``day`` is its next day (today while a multi-day one runs)."""

    item: Item
    day: dt.date
    start: dt.date
    end: dt.date

    @property
    def times(self) -> str:
        return time_range(self.item.get("start_time"), self.item.get("end_time"))

    @property
    def text(self) -> str:
        """'2026-12-05 10:00–12:00', or '2026-11-01〜2026-12-31 10:00' while a multi-day session runs."""
        dates = self.start.isoformat() if self.start == self.day else f"{self.start}〜{self.end}"
        return f"{dates} {self.times}".strip()


def session(item: Item, today: dt.date | None = None) -> Session | None:
    """The class's session still to come (or running), None when it has no date or has ended."""
    if item.is_sample:
        return None
    today = today or clock.today()
    start = parse_date(item.get("start_date"))
    if start is None:
        return None
    end = parse_date(item.get("end_date")) or start
    if end < today:
        return None
    return Session(item, max(start, today), start, end)


def next_session(item: Item, today: dt.date | None = None) -> tuple[dt.date | None, str]:
    """(date, display text) of a class's next session; (None, "") when undated or ended."""
    found = session(item, today)
    return (found.day, found.text) if found else (None, "")


def is_dated(item: Item) -> bool:
    """A real row with a readable start date (a sample's date does not count)."""
    return not item.is_sample and parse_date(item.get("start_date")) is not None


def has_ended(item: Item, today: dt.date | None = None) -> bool:
    """A class whose every date has passed (an undated class or a sample has not ended)."""
    return item.kind == "class" and is_dated(item) and session(item, today) is None


def next_session_text(item: Item, lang: str = "ja", today: dt.date | None = None) -> str:
    """The next session as text, or 「終了しました」 / 「日程は未定」 / 「サンプル (日程は例です)」."""
    if item.is_sample:
        return t("classes.sample_dates", lang)
    _, text = next_session(item, today)
    return text or t("classes.ended" if has_ended(item, today) else "classes.no_date", lang)


def _in(item: Item, city: str | None, sample: bool = False) -> bool:
    return (item.kind == "class" and item.is_sample == sample
            and (not city or city in (item.municipality_code, item.municipality)))


def upcoming(items: Iterable[Item], today: dt.date | None = None, city: str | None = None) -> list[Session]:
    """Sessions still to come (of one city, by code or name, or all), soonest first; untimed last in a day."""
    found = [s for it in items if _in(it, city) and (s := session(it, today)) is not None]
    return sorted(found, key=lambda s: (s.day, s.start, s.item.get("start_time") or "99:99",
                                        s.item.municipality, s.item.id))


def real_classes(items: Iterable[Item], city: str | None = None) -> list[Item]:
    """Every real class row of a city (dated, undated or ended; no samples): whom they name is whom to ask."""
    return [it for it in items if _in(it, city)]


def undated(items: Iterable[Item], city: str | None = None) -> list[Item]:
    """Real classes and help desks the catalog gives no date for (ask the contact), in catalog order."""
    return [it for it in items if _in(it, city) and not is_dated(it)]


def samples(items: Iterable[Item], city: str | None = None) -> list[Item]:
    """Sample rows (examples of what a class entry looks like), in catalog order: never shown as events."""
    return [it for it in items if _in(it, city, sample=True)]
