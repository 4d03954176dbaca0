"""Reading and checking one cell of a catalog CSV: dates, times, numbers, lists, and what text may hold."""

from __future__ import annotations

import datetime as dt
import re

from finder.catalog.schema import Column
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


def check_cell(col: Column, value: str) -> str | None:
    """Message for a bad cell value, or None when it is fine."""
    if not value:
        return "必須の値が空です / required value is empty" if col.required else None
    if len(value) > col.max_len:
        return f"長すぎます ({len(value)} 文字, 上限 {col.max_len}) / too long"
    if col.type == "int":
        if not re.fullmatch(r"-?\d+", value):
            return f"整数ではありません / not a whole number: {value[:40]!r}"
    elif col.type == "float":
        if parse_float(value) is None:
            return f"数値ではありません / not a number: {value[:40]!r}"
    elif col.type == "date":
        if parse_date(value) is None:
            return f"日付が不正です (YYYY-MM-DD) / bad date: {value[:40]!r}"
    elif col.type == "yearmonth":
        if parse_yearmonth(value) is None:
            return f"年月が不正です (YYYY-MM か YYYY-MM-DD) / bad year-month: {value[:40]!r}"
    elif col.type == "time":
        if parse_time(value) is None:
            return f"時刻が不正です (HH:MM) / bad time: {value[:40]!r}"
    elif col.type == "code":
        if not is_valid_code(value):
            return f"全国地方公共団体コードが不正です (6桁・検査数字) / bad municipality code: {value[:40]!r}"
    elif col.type == "url":
        if not is_web_link(value):
            return f"URL が不正です (http/https のみ、@ の前の利用者名は不可) / bad URL: {value[:60]!r}"
    elif col.type == "enum":
        if value not in col.choices:
            return f"不明な値 {value[:40]!r} (許される値: {', '.join(col.choices)}) / unknown value"
    elif col.type == "list" and col.choices:
        bad = [v for v in split_list(value) if v not in col.choices]
        if bad:
            return f"不明な値 {bad[0][:40]!r} (許される値: {', '.join(col.choices)}) / unknown value"
    if value[0] in "=+@" and col.type in ("str", "list"):
        return f"数式として解釈される値です / looks like a spreadsheet formula: {value[:40]!r}"
    if value[0] == "-" and col.type in ("str", "list") and parse_float(value) is None:
        return f"「-」で始まる値は数式として解釈されます / starts with '-' (Excel reads a formula): {value[:40]!r}"
    if col.key in NAME_KEYS and INVISIBLE_RE.search(value):
        return "見えない制御文字 (双方向・ゼロ幅) は使えません / bidi or zero-width control character in a name"
    if "<" in value and re.search(r"<\s*/?\s*[a-zA-Z!]", value):
        return "HTML タグは使えません / HTML markup is not allowed"
    if _TEMPLATE_RE.search(value):
        # folium renders its output through Jinja again: catalog text must never carry template syntax.
        return "テンプレート記法 ({{ {% {#) は使えません / template syntax is not allowed"
    return None


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]
