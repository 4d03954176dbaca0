"""A place in words, for map popups and the kiosk's cards alike: how far and how long a walk, and the lines
under its name (Wi-Fi name and hours, a class's next session, a facility's opening hours). Raw text: escape it."""

from __future__ import annotations

import datetime as dt

from finder.geo import Nearby
from finder.i18n import t
from finder.model import Item
from finder.present.format import time_range
from finder.resident import classes


def format_distance(metres: float) -> str:
    return f"{metres / 1000:.1f} km" if metres >= 1000 else f"{round(metres / 10) * 10:.0f} m"


def walk_text(near: Nearby, lang: str = "ja") -> str:
    return t("map.walk", lang, m=near.walk_min, d=format_distance(near.metres))


def facility_hours(item: Item) -> str:
    parts = (item.get("open_days"), time_range(item.get("open_time"), item.get("close_time")), item.get("hours_note"))
    return " ".join(p for p in parts if p)


def detail_lines(item: Item, lang: str = "ja", today: dt.date | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs shown under an item's name; raw text, escape before putting into HTML."""
    unknown = t("common.unknown_ask", lang)
    lines: list[tuple[str, str]] = []
    if item.kind == "wifi":
        lines.append((t("detail.wifi_ssid", lang), item.get("ssid") or unknown))
        lines.append((t("common.hours", lang), item.get("hours") or unknown))
        if item.get("limits"):
            lines.append((t("detail.wifi_limits", lang), item.get("limits")))
    elif item.kind == "class":
        # A sample's 「次回」 reads 「サンプル (日程は例です)」 (finder.resident.classes), never a date.
        lines.append((t("classes.next", lang), classes.next_session_text(item, lang, today)))
        if item.get("venue"):
            lines.append((t("detail.class_venue", lang), item.get("venue")))
    elif item.kind == "facility":
        lines.append((t("map.open", lang), facility_hours(item) or unknown))
        if item.get("has_counter") == "yes":
            lines.append(("✔", t("map.counter", lang)))
    return lines
