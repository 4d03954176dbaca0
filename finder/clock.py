"""The one clock: Tokyo time, which tests and demos can fix with the ``now`` setting."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from finder.settings import get as setting

TOKYO = ZoneInfo("Asia/Tokyo")


def to_tokyo(when: dt.datetime) -> dt.datetime:
    """Aware datetime in Asia/Tokyo (a naive one is taken to be Tokyo time already)."""
    return when.replace(tzinfo=TOKYO) if when.tzinfo is None else when.astimezone(TOKYO)


def now() -> dt.datetime:
    """Current time in Asia/Tokyo; the ``now`` setting (DXFINDER_NOW, ISO 8601) overrides it."""
    value = setting("now")
    if value:
        try:
            return to_tokyo(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    return dt.datetime.now(TOKYO)


def today() -> dt.date:
    """Today's date in Tokyo (honours the fixed test clock)."""
    return now().date()


def real_today() -> dt.date:
    """Today in Tokyo by the real clock, for facts about the real world (a 確認日 cannot lie in the future)
    that a clock fixed for a demo must not turn into errors."""
    return dt.datetime.now(TOKYO).date()
