"""Reading and checking one cell of a catalog CSV: dates, times, numbers, lists, and what text may hold."""

from __future__ import annotations

import datetime as dt
import re

from finder.catalog.schema import Column
from finder.i18n.messages import Message
from finder.municipalities.codes import is_valid_code
from finder.weblink import is_web_link

_TIME_RE = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEARMONTH_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_TEMPLATE_RE = re.compile(r"\{[{%#]")
# Bidirectional overrides and zero-width characters: invisible, they make a name read differently than it is.
INVISIBLE_RE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
NAME_KEYS = ("title", "title_kana", "title_en", "name", "name_kana", "name_en", "municipality_name", "venue",
             "office_name", "organizer", "contact_name")


def parse_date(value: str) -> dt.date | None:
    m = _DATE_RE.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_yearmonth(value: str) -> dt.date | None:
    """YYYY-MM (the first of that month) or YYYY-MM-DD; None when malformed."""
    m = _YEARMONTH_RE.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        return None


def parse_time(value: str) -> dt.time | None:
    m = _TIME_RE.match(value)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2])
    if hour == 24:
        return dt.time(23, 59) if minute == 0 else None
    return dt.time(hour, minute)


def parse_float(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def check_cell(col: Column, value: str) -> Message | None:
    """Message for a bad cell value (bilingual text, finder.i18n.messages), or None when it is fine."""
    if not value:
        return Message("validate.cell.required") if col.required else None
    if len(value) > col.max_len:
        return Message("validate.cell.too_long", length=len(value), limit=col.max_len)
    if col.type == "int":
        if not re.fullmatch(r"-?\d+", value):
            return Message("validate.cell.not_integer", value=repr(value[:40]))
    elif col.type == "float":
        if parse_float(value) is None:
            return Message("validate.cell.not_number", value=repr(value[:40]))
    elif col.type == "date":
        if parse_date(value) is None:
            return Message("validate.cell.bad_date", value=repr(value[:40]))
    elif col.type == "yearmonth":
        if parse_yearmonth(value) is None:
            return Message("validate.cell.bad_yearmonth", value=repr(value[:40]))
    elif col.type == "time":
        if parse_time(value) is None:
            return Message("validate.cell.bad_time", value=repr(value[:40]))
    elif col.type == "code":
        if not is_valid_code(value):
            return Message("validate.cell.bad_city_code", value=repr(value[:40]))
    elif col.type == "url":
        if not is_web_link(value):
            return Message("validate.cell.bad_url", value=repr(value[:60]))
    elif col.type == "enum":
        if value not in col.choices:
            return Message("validate.cell.unknown_choice", value=repr(value[:40]), choices=", ".join(col.choices))
    elif col.type == "list" and col.choices:
        bad = [v for v in split_list(value) if v not in col.choices]
        if bad:
            return Message("validate.cell.unknown_choice", value=repr(bad[0][:40]), choices=", ".join(col.choices))
    if value[0] in "=+@" and col.type in ("str", "list"):
        return Message("validate.cell.formula", value=repr(value[:40]))
    if value[0] == "-" and col.type in ("str", "list") and parse_float(value) is None:
        return Message("validate.cell.dash", value=repr(value[:40]))
    if col.key in NAME_KEYS and INVISIBLE_RE.search(value):
        return Message("validate.cell.invisible")
    if "<" in value and re.search(r"<\s*/?\s*[a-zA-Z!]", value):
        return Message("validate.cell.html")
    if _TEMPLATE_RE.search(value):
        # folium renders its output through Jinja again: catalog text must never carry template syntax.
        return Message("validate.cell.template", syntax="{{ {% {#")
    return None


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]
