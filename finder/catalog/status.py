"""Status truth: when a status was last known true, when a plan said it would start, and the checks on both.

A status (available / planned / not available) says only what its source says, with the date it was true
(``status_as_of``). A plan's start date that has passed does not make a service available.
"""

from __future__ import annotations

import datetime as dt
import re

from finder.appsettings import AppSettings, resolved
from finder.catalog.cells import parse_date, parse_yearmonth
from finder.catalog.channel_dates import CHANNEL_DATE_KEYS
from finder.catalog.csvio import Problem, Table
from finder.catalog.schema import STATUS_KEYS, FileSpec
from finder.i18n.messages import Message

# A status whose status_as_of is older than this is shown as possibly out of date (UI setting's default).
STATUS_MAX_AGE_YEARS = 2
# Dates as plans and notes write them: 令和7年度, 令和5年4月, R7年度, 2025年度, 2023年4月, 2025-06-30.
_REIWA_RE = re.compile(r"(?:令和|R)\s*(元|\d{1,2})\s*年(度|\s*(\d{1,2})\s*月)")
_WESTERN_RE = re.compile(r"(?<!\d)(20\d{2})\s*年(度|\s*(\d{1,2})\s*月)")
_ISO_RE = re.compile(r"(?<!\d)(20\d{2})-(\d{2})(?:-(\d{2}))?(?!\d)")


def status_is_stale(as_of: str, today: dt.date, max_years: float = STATUS_MAX_AGE_YEARS) -> bool:
    """True when a status was last known true more than ``max_years`` before ``today`` (or has no date)."""
    when = parse_yearmonth(as_of)
    return when is None or (today - when).days > max_years * 365.25


def max_age_years(config: AppSettings | None = None) -> float:
    """The ``status_max_age_years`` setting: a positive number of years, else the default."""
    try:
        years = float(resolved(config).get("status_max_age_years"))
    except ValueError:
        return STATUS_MAX_AGE_YEARS
    return years if 0 < years <= 100 else STATUS_MAX_AGE_YEARS


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def plan_dates(text: str) -> list[dt.date]:
    """Every date a plan or note names, each as the last day it covers (令和7年度 -> 2026-03-31)."""
    found: list[dt.date] = []
    for m in _REIWA_RE.finditer(text or ""):
        year = 2018 + (1 if m[1] == "元" else int(m[1]))
        day = dt.date(year + 1, 3, 31) if m[2] == "度" else _month_end(year, int(m[3]))
        if day:
            found.append(day)
    for m in _WESTERN_RE.finditer(text or ""):
        year = int(m[1])
        day = dt.date(year + 1, 3, 31) if m[2] == "度" else _month_end(year, int(m[3]))
        if day:
            found.append(day)
    for m in _ISO_RE.finditer(text or ""):
        day = parse_date(m[0]) if m[3] else _month_end(int(m[1]), int(m[2]))
        if day:
            found.append(day)
    return found


def planned_date(row_text: str) -> dt.date | None:
    """The date a planned row expects to start: the latest date its text names (None when it names none)."""
    dates = plan_dates(row_text)
    return max(dates) if dates else None


def check_status_truth(spec: FileSpec, table: Table, row: dict[str, str], line: int, problems: list[Problem],
                        today: dt.date) -> None:
    """A status says only what its source says, with the date it was true.

    Warnings: a known status without status_as_of (only in files that have the column, so older catalogs
    keep loading quietly); a `planned` status whose planned date (the latest date in status_note, or in
    note when there is no status_note) has passed. Error: status_as_of in the future.
    """
    cols = {c.key: c for c in spec.columns}
    status_cols = [cols[k] for k in STATUS_KEYS if k in cols and cols[k].header in table.header]
    if not status_cols:
        return
    as_of_c = cols.get("status_as_of")
    has_as_of = as_of_c is not None and as_of_c.header in table.header
    as_of = row.get(as_of_c.header, "") if has_as_of else ""
    when = parse_yearmonth(as_of)
    if when and when > today:
        problems.append(Problem(table.path, line, as_of_c.header,
                                Message("validate.status.as_of_future", date=as_of)))
    for channel_c in (c for c in spec.columns if c.key in CHANNEL_DATE_KEYS.values() and c.header in table.header):
        channel_when = parse_yearmonth(row.get(channel_c.header, ""))
        if channel_when and channel_when > today:
            problems.append(Problem(table.path, line, channel_c.header, Message("validate.status.channel_future",
                                            column=channel_c.header, date=row.get(channel_c.header))))
    known = [c for c in status_cols if row.get(c.header, "") not in ("", "unknown")]
    if known and has_as_of and not as_of:
        problems.append(Problem(
            table.path, line, as_of_c.header,
            Message("validate.status.no_as_of", column=known[0].header, status=row.get(known[0].header)), "warning"))
    planned = [c for c in status_cols if row.get(c.header, "") == "planned"]
    if planned:
        note_c, status_note_c = cols.get("note"), cols.get("status_note")
        text = row.get(status_note_c.header, "") if status_note_c else ""
        if not text and note_c:
            text = row.get(note_c.header, "")
        due = planned_date(text)
        if due and due < today:
            problems.append(Problem(
                table.path, line, planned[0].header,
                Message("validate.status.planned_passed", due=due.isoformat()), "warning"))
