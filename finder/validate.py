"""Validation of a catalog directory: every problem as file:row:column: message."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .codes import is_valid_code
from .csvio import Problem, Table, read_table
from .geo import MAX_KM_FROM_OFFICE, haversine_m, in_japan
from .schema import ALL_SPECS, ITEM_SPECS, MUNICIPALITIES, STATUS_KEYS, Column, FileSpec

_TIME_RE = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEARMONTH_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_TEMPLATE_RE = re.compile(r"\{[{%#]")
_URL_RE = re.compile(r"^https?://[^\s<>\"']+$")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
OPTIONAL_FILES = {"synonyms.csv", "readings.csv", "life_events.csv", "services.csv"}
# A status whose status_as_of is older than this is shown as possibly out of date (UI setting's default).
STATUS_MAX_AGE_YEARS = 2
# Dates as plans and notes write them: 令和7年度, 令和5年4月, R7年度, 2025年度, 2023年4月, 2025-06-30.
_REIWA_RE = re.compile(r"(?:令和|R)\s*(元|\d{1,2})\s*年(度|\s*(\d{1,2})\s*月)")
_WESTERN_RE = re.compile(r"(?<!\d)(20\d{2})\s*年(度|\s*(\d{1,2})\s*月)")
_ISO_RE = re.compile(r"(?<!\d)(20\d{2})-(\d{2})(?:-(\d{2}))?(?!\d)")


@dataclass
class ValidationResult:
    problems: list[Problem] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


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


def status_is_stale(as_of: str, today: dt.date, max_years: float = STATUS_MAX_AGE_YEARS) -> bool:
    """True when a status was last known true more than ``max_years`` before ``today`` (or has no date)."""
    when = parse_yearmonth(as_of)
    return when is None or (today - when).days > max_years * 365.25


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
        if not _URL_RE.match(value):
            return f"URL が不正です (http/https のみ) / bad URL: {value[:60]!r}"
    elif col.type == "enum":
        if value not in col.choices:
            return f"不明な値 {value[:40]!r} (許される値: {', '.join(col.choices)}) / unknown value"
    elif col.type == "list" and col.choices:
        bad = [v for v in split_list(value) if v not in col.choices]
        if bad:
            return f"不明な値 {bad[0][:40]!r} (許される値: {', '.join(col.choices)}) / unknown value"
    if value[0] in "=+@" and col.type in ("str", "list"):
        return f"数式として解釈される値です / looks like a spreadsheet formula: {value[:40]!r}"
    if "<" in value and re.search(r"<\s*/?\s*[a-zA-Z!]", value):
        return "HTML タグは使えません / HTML markup is not allowed"
    if _TEMPLATE_RE.search(value):
        # folium renders its output through Jinja again: catalog text must never carry template syntax.
        return "テンプレート記法 ({{ {% {#) は使えません / template syntax is not allowed"
    return None


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def validate_dir(path: Path | str, today: dt.date | None = None, include_scenarios: bool = True) -> ValidationResult:
    """Check every catalog file in a directory (and the staff demo scenarios unless told not to)."""
    root = Path(path)
    result = ValidationResult()
    if not root.is_dir():
        result.problems.append(Problem(str(root), 0, "-", "ディレクトリがありません / not a directory"))
        return result
    today = today or dt.date.today()
    for spec in ALL_SPECS:
        file = root / spec.filename
        if not file.exists():
            if spec.filename not in OPTIONAL_FILES:
                result.problems.append(Problem(spec.filename, 0, "-", "ファイルがありません / file missing"))
            continue
        table = read_table(file, result.problems)
        if table is None:
            continue
        _check_table(spec, table, result.problems, today)
        result.tables[spec.filename] = table
    _check_cross(result)
    if include_scenarios and (root / "scenarios.csv").exists():
        from .demo import validate_scenarios  # staff demo scenarios live beside the catalog

        result.problems.extend(validate_scenarios(root / "scenarios.csv")[0])
    return result


def _check_table(spec: FileSpec, table: Table, problems: list[Problem], today: dt.date) -> None:
    by_header = spec.by_header()
    missing = [c.header for c in spec.columns if c.required and c.header not in table.header]
    for header in missing:
        problems.append(Problem(table.path, 1, header, "必須の列がありません / required column missing"))
    for header in table.header:
        if header not in by_header:
            problems.append(Problem(table.path, 1, header or "(空)", "未知の列 (無視します) / unknown column, ignored",
                                    "note"))
    dupes = [h for h in set(table.header) if table.header.count(h) > 1]
    for header in dupes:
        problems.append(Problem(table.path, 1, header, "列名が重複しています / duplicate column"))
    for row, line in zip(table.rows, table.row_numbers):
        for col in spec.columns:
            if col.header not in table.header:
                continue
            message = check_cell(col, row.get(col.header, ""))
            if message:
                problems.append(Problem(table.path, line, col.header, message))
        checked_col = next((c for c in spec.columns if c.key == "checked"), None)
        if checked_col:
            checked = parse_date(row.get(checked_col.header, ""))
            if checked and checked > today + dt.timedelta(days=1):
                problems.append(Problem(table.path, line, checked_col.header,
                                        "確認日が未来です / checked date is in the future"))
        _check_pairs(spec, row, line, table.path, problems)
        _check_status_truth(spec, table, row, line, problems, today)


def _check_status_truth(spec: FileSpec, table: Table, row: dict[str, str], line: int, problems: list[Problem],
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
                                f"status_as_of が未来です / status date is in the future: {as_of}"))
    known = [c for c in status_cols if row.get(c.header, "") not in ("", "unknown")]
    if known and has_as_of and not as_of:
        problems.append(Problem(
            table.path, line, as_of_c.header,
            f"{known[0].header}={row.get(known[0].header)} に、いつの時点の状態か (status_as_of) がありません"
            " / known status without the date it was true", "warning"))
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
                f"planned の予定時期 ({due.isoformat()} まで) を過ぎています。開始したと分かる出典がなければ unknown に"
                " / planned date has passed: unknown unless a source says it started", "warning"))


def _check_pairs(spec: FileSpec, row: dict[str, str], line: int, path: str, problems: list[Problem]) -> None:
    cols = {c.key: c for c in spec.columns}
    lat_c, lon_c = cols.get("lat"), cols.get("lon")
    if lat_c and lon_c:
        lat, lon = row.get(lat_c.header, ""), row.get(lon_c.header, "")
        if bool(lat) != bool(lon):
            problems.append(Problem(path, line, lat_c.header if not lat else lon_c.header,
                                    "緯度と経度は両方必要です / latitude and longitude go together"))
        elif lat and lon:
            flat, flon = parse_float(lat), parse_float(lon)
            if flat is not None and flon is not None and not in_japan(flat, flon):
                hint = " (緯度と経度が逆? / swapped?)" if in_japan(flon, flat) else ""
                problems.append(Problem(path, line, lat_c.header,
                                        f"座標が日本の外です / coordinates outside Japan: {flat}, {flon}{hint}"))
        prec = cols.get("coord_precision")
        if prec:
            value = row.get(prec.header, "")
            if value in ("exact", "town") and not lat:
                problems.append(Problem(path, line, prec.header,
                                        f"座標精度 {value} なのに座標がありません / precision without coordinates"))
            if value == "none" and lat:
                problems.append(Problem(path, line, prec.header,
                                        "座標があるのに座標精度が none です / coordinates with precision none"))
    for start_key, end_key in (("start_date", "end_date"), ("start_time", "end_time"),
                               ("hours_start", "hours_end"), ("open_time", "close_time")):
        s_c, e_c = cols.get(start_key), cols.get(end_key)
        if not (s_c and e_c):
            continue
        s, e = row.get(s_c.header, ""), row.get(e_c.header, "")
        parse = parse_date if s_c.type == "date" else parse_time
        ps, pe = parse(s) if s else None, parse(e) if e else None
        if ps and pe and pe < ps:
            problems.append(Problem(path, line, e_c.header, "終わりが始まりより前です / ends before it starts"))


def _check_cross(result: ValidationResult) -> None:
    muni = result.tables.get(MUNICIPALITIES.filename)
    cities: dict[str, dict[str, str]] = {}
    if muni:
        for row in muni.rows:
            cities[row.get("code", "")] = row
    seen_ids: dict[str, str] = {}
    facility_ids = set()
    fac = result.tables.get("facilities.csv")
    if fac:
        facility_ids = {r.get("ID", "") for r in fac.rows}
    procedure_keys = set()
    proc = result.tables.get("procedures.csv")
    if proc:
        procedure_keys = {r.get("procedure_key", "") for r in proc.rows}
    for spec in ITEM_SPECS:
        table = result.tables.get(spec.filename)
        if not table:
            continue
        cols = {c.key: c for c in spec.columns}
        id_h, code_h = cols["id"].header, cols["municipality_code"].header
        for row, line in zip(table.rows, table.row_numbers):
            item_id = row.get(id_h, "")
            if item_id and not _ID_RE.match(item_id):
                result.problems.append(Problem(table.path, line, id_h,
                                               f"ID は半角英数字と _ . - のみ / bad id: {item_id[:40]!r}"))
            if item_id in seen_ids:
                result.problems.append(Problem(table.path, line, id_h,
                                               f"ID が重複しています ({seen_ids[item_id]}) / duplicate id {item_id!r}"))
            elif item_id:
                seen_ids[item_id] = f"{table.path}:{line}"
            code = row.get(code_h, "")
            city = cities.get(code)
            if code and muni and city is None:
                result.problems.append(Problem(table.path, line, code_h,
                                               f"municipalities.csv にない市町村コード / unknown city code {code!r}"))
            name_c = cols.get("municipality_name")
            if city and name_c and row.get(name_c.header) and row.get(name_c.header) != city.get("name"):
                result.problems.append(Problem(table.path, line, name_c.header,
                                               f"コード {code} は {city.get('name')} です / name does not match code"))
            _check_distance(table, row, line, cols, city, result.problems)
            fac_c = cols.get("facility_id")
            ref = row.get(fac_c.header, "") if fac_c else ""
            if ref and fac and ref not in facility_ids:
                result.problems.append(Problem(table.path, line, fac_c.header,
                                               f"facilities.csv にない施設ID / unknown facility id {ref!r}"))
    events = result.tables.get("life_events.csv")
    if events and proc:
        for row, line in zip(events.rows, events.row_numbers):
            key = row.get("procedure_key", "")
            if key and key not in procedure_keys:
                result.problems.append(Problem(events.path, line, "procedure_key",
                                               f"procedures.csv にない procedure_key / unknown key {key!r}"))


def _check_distance(table: Table, row: dict[str, str], line: int, cols: dict[str, Column],
                    city: dict[str, str] | None, problems: list[Problem]) -> None:
    if not city or "lat" not in cols:
        return
    lat = parse_float(row.get(cols["lat"].header, "") or "x")
    lon = parse_float(row.get(cols["lon"].header, "") or "x")
    clat, clon = parse_float(city.get("lat", "") or "x"), parse_float(city.get("lon", "") or "x")
    if None in (lat, lon, clat, clon) or not in_japan(lat, lon):
        return
    km = haversine_m(lat, lon, clat, clon) / 1000
    if km > MAX_KM_FROM_OFFICE:
        problems.append(Problem(table.path, line, cols["lat"].header,
                                f"市役所から {km:.0f} km 離れています (上限 {MAX_KM_FROM_OFFICE:.0f} km)"
                                f" / {km:.0f} km from {city.get('name')}'s office"))
