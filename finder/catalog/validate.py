"""Validation of a catalog directory: every problem as file:row:column: message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from finder.catalog.cells import check_cell, parse_date, parse_float, parse_time
from finder.catalog.contradictions import check_contradictions
from finder.catalog.csvio import Problem, Table, UnreadableFile, read_regular, table_from_bytes
from finder.catalog.schema import ALL_SPECS, ITEM_SPECS, MUNICIPALITIES, Column, FileSpec
from finder.catalog.status import check_status_truth
from finder.clock import real_today
from finder.geo import MAX_KM_FROM_OFFICE, haversine_m, in_japan
from finder.i18n.messages import Message

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
OPTIONAL_FILES = {"synonyms.csv", "readings.csv", "life_events.csv", "services.csv"}


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


def validate_dir(path: Path | str, today: dt.date | None = None) -> ValidationResult:
    """Check every catalog file in a directory (the staff demo scenarios are checked by services.demo)."""
    root = Path(path)
    if not root.is_dir():
        return ValidationResult([Problem(str(root), 0, "-", Message("validate.dir.not_a_directory"))])
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for spec in ALL_SPECS:
        try:
            files[spec.filename] = read_regular(root / spec.filename)
        except FileNotFoundError:
            continue
        except UnreadableFile as exc:
            problems.append(Problem(spec.filename, 0, "-", str(exc)))
        except OSError as exc:
            problems.append(Problem(spec.filename, 0, "-", Message("validate.dir.cannot_read", error=exc.strerror or exc)))
    return validate_files(files, today, problems)


def validate_files(files: Mapping[str, bytes], today: dt.date | None = None,
                   read_problems: list[Problem] | None = None) -> ValidationResult:
    """Check catalog files already read (name -> bytes), so what is validated is exactly what gets loaded.

    ``read_problems`` are files that could not be read (named in them); they are not also reported missing.
    """
    result = ValidationResult(list(read_problems or []))
    unreadable = {p.file for p in result.problems}
    today = today or real_today()
    for spec in ALL_SPECS:
        if spec.filename not in files:
            if spec.filename not in OPTIONAL_FILES and spec.filename not in unreadable:
                result.problems.append(Problem(spec.filename, 0, "-", Message("validate.dir.file_missing")))
            continue
        table = table_from_bytes(files[spec.filename], spec.filename, result.problems)
        if table is None:
            continue
        _check_table(spec, table, result.problems, today)
        result.tables[spec.filename] = table
    _check_cross(result)
    return result


def _check_table(spec: FileSpec, table: Table, problems: list[Problem], today: dt.date) -> None:
    by_header = spec.by_header()
    missing = [c.header for c in spec.columns if c.required and c.header not in table.header]
    for header in missing:
        problems.append(Problem(table.path, 1, header, Message("validate.column.required_missing")))
    for header in table.header:
        if header not in by_header:
            problems.append(Problem(table.path, 1, header or "(空)", Message("validate.column.unknown"),
                                    "note"))
    dupes = [h for h in set(table.header) if table.header.count(h) > 1]
    for header in dupes:
        problems.append(Problem(table.path, 1, header, Message("validate.column.duplicate")))
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
                                        Message("validate.row.checked_in_future")))
        _check_pairs(spec, row, line, table.path, problems)
        check_status_truth(spec, table, row, line, problems, today)
        check_contradictions(spec, table, row, line, problems)


def _check_pairs(spec: FileSpec, row: dict[str, str], line: int, path: str, problems: list[Problem]) -> None:
    cols = {c.key: c for c in spec.columns}
    lat_c, lon_c = cols.get("lat"), cols.get("lon")
    if lat_c and lon_c:
        lat, lon = row.get(lat_c.header, ""), row.get(lon_c.header, "")
        if bool(lat) != bool(lon):
            problems.append(Problem(path, line, lat_c.header if not lat else lon_c.header,
                                    Message("validate.coords.half")))
        elif lat and lon:
            flat, flon = parse_float(lat), parse_float(lon)
            if flat is not None and flon is not None and not in_japan(flat, flon):
                outside = "validate.coords.outside_japan_swapped" if in_japan(flon, flat) else "validate.coords.outside_japan"
                problems.append(Problem(path, line, lat_c.header,
                                        Message(outside, lat=flat, lon=flon)))
        prec = cols.get("coord_precision")
        if prec:
            value = row.get(prec.header, "")
            if value in ("exact", "town") and not lat:
                problems.append(Problem(path, line, prec.header,
                                        Message("validate.coords.precision_without", precision=value)))
            if value == "none" and lat:
                problems.append(Problem(path, line, prec.header,
                                        Message("validate.coords.none_precision")))
    for start_key, end_key in (("start_date", "end_date"), ("start_time", "end_time"),
                               ("hours_start", "hours_end"), ("open_time", "close_time")):
        s_c, e_c = cols.get(start_key), cols.get(end_key)
        if not (s_c and e_c):
            continue
        s, e = row.get(s_c.header, ""), row.get(e_c.header, "")
        parse = parse_date if s_c.type == "date" else parse_time
        ps, pe = parse(s) if s else None, parse(e) if e else None
        if ps and pe and pe < ps:
            problems.append(Problem(path, line, e_c.header, Message("validate.row.ends_before_starts")))


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
                                               Message("validate.row.bad_id", id=repr(item_id[:40]))))
            if item_id in seen_ids:
                result.problems.append(Problem(table.path, line, id_h,
                                               Message("validate.row.duplicate_id", id=repr(item_id), first=seen_ids[item_id])))
            elif item_id:
                seen_ids[item_id] = f"{table.path}:{line}"
            code = row.get(code_h, "")
            city = cities.get(code)
            if code and muni and city is None:
                result.problems.append(Problem(table.path, line, code_h,
                                               Message("validate.row.unknown_city_code", code=repr(code))))
            name_c = cols.get("municipality_name")
            if city and name_c and row.get(name_c.header) and row.get(name_c.header) != city.get("name"):
                result.problems.append(Problem(table.path, line, name_c.header,
                                               Message("validate.row.name_not_code", code=code, city=city.get("name"))))
            _check_distance(table, row, line, cols, city, result.problems)
            fac_c = cols.get("facility_id")
            ref = row.get(fac_c.header, "") if fac_c else ""
            if ref and fac and ref not in facility_ids:
                result.problems.append(Problem(table.path, line, fac_c.header,
                                               Message("validate.row.unknown_facility", id=repr(ref))))
    events = result.tables.get("life_events.csv")
    if events and proc:
        for row, line in zip(events.rows, events.row_numbers):
            key = row.get("procedure_key", "")
            if key and key not in procedure_keys:
                result.problems.append(Problem(events.path, line, "procedure_key",
                                               Message("validate.row.unknown_procedure_key", key=repr(key))))


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
                                Message("validate.coords.far_from_office", km=f"{km:.0f}", city=city.get("name"),
                                        limit=f"{MAX_KM_FROM_OFFICE:.0f}")))
