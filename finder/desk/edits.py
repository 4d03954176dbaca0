"""Rows as staff edit them at the desk: a new row from a form, and 出典/確認日 on every row they touched."""

from __future__ import annotations

import hashlib

from finder.catalog.cells import parse_float
from finder.catalog.schema import SPEC_BY_KIND, Column, FileSpec
from finder.desk.rowdiff import Row, header_of, row_id

# The ID prefixes data/ uses (cls-082031-..., wifi-082163-...).
ID_PREFIX = {"procedure": "proc", "certificate": "cert", "wifi": "wifi", "class": "cls", "facility": "fac"}

# What the add-a-row form asks first, per kind (internal keys); the other columns sit below them.
FORM_MAIN: dict[str, tuple[str, ...]] = {
    "class": ("title", "start_date", "start_time", "end_time", "venue", "address", "fee", "capacity", "audience",
              "how_to_apply", "apply_by", "contact_name", "contact_phone", "description", "is_sample"),
    "wifi": ("title", "address", "ssid", "hours", "limits", "area", "ap_count", "url", "note"),
    "facility": ("title", "facility_type", "address", "open_days", "open_time", "close_time", "hours_note", "phone",
                 "url", "has_counter"),
    "certificate": ("certificate_key", "title", "status", "store_fee", "counter_fee", "hours_start", "hours_end",
                    "requirements", "summary", "level"),
    "procedure": ("procedure_key", "title", "field", "online_status", "online_platform", "online_url", "store_status",
                  "counter_status", "mail_status", "fee", "counter_hours", "summary", "level"),
}
# Filled by the desk, never typed: the city, the ID, the source and the date, the coordinate precision.
AUTOMATIC = ("municipality_code", "municipality_name", "id", "source", "checked", "coord_precision")


def form_columns(kind: str) -> tuple[list[Column], list[Column]]:
    """(main columns, the rest) of the add-a-row form for a kind."""
    spec = SPEC_BY_KIND[kind]
    by_key = {c.key: c for c in spec.columns}
    main = [by_key[k] for k in FORM_MAIN.get(kind, ()) if k in by_key]
    rest = [c for c in spec.columns if c.key not in AUTOMATIC and c not in main]
    return main, rest


def new_id(spec: FileSpec, city_code: str, row: Row, taken: set[str]) -> str:
    """A stable ID from what the row is (a class also by its date), unique among ``taken``."""
    title = row.get(header_of(spec, "title"), "")
    date = row.get(header_of(spec, "start_date"), "") if spec.kind == "class" else ""
    what = "\x1f".join([title, date, row.get(header_of(spec, "start_time"), "") if date else "",
                        row.get(header_of(spec, "address"), "")])
    stem = f"{ID_PREFIX.get(spec.kind, spec.kind)}-{city_code}-" + (date.replace("-", "") + "-" if date else "")
    stem += hashlib.sha256(what.encode("utf-8")).hexdigest()[:6]
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def complete_row(kind: str, city_code: str, city_name: str, values: Row, taken: set[str]) -> Row:
    """A whole row from what the form asked: city, ID (kept when editing), coordinate precision and defaults."""
    spec = SPEC_BY_KIND[kind]
    h = {c.key: c.header for c in spec.columns}
    row = {header: values.get(header, "").strip() for header in spec.headers()}
    row[h["municipality_code"]] = city_code
    if "municipality_name" in h:
        row[h["municipality_name"]] = city_name
    if not row[h["id"]]:
        row[h["id"]] = new_id(spec, city_code, row, taken)
    if "coord_precision" in h:
        has_point = all(parse_float(row.get(h[k]) or "x") is not None for k in ("lat", "lon"))
        if not row[h["coord_precision"]] or (row[h["coord_precision"]] == "none") == has_point:
            row[h["coord_precision"]] = "exact" if has_point else "none"
    if kind == "class" and not row[h["is_sample"]]:
        row[h["is_sample"]] = "no"
    return row


def merge_source(new: str, old: str) -> str:
    """The desk's source first, then what the row cited before (the other facts still come from there)."""
    new, old = new.strip(), old.strip()
    if not new or new in old:
        return old
    return f"{new}; {old}" if old else new


def stamp_edited(kind: str, before: list[Row], rows: list[Row], source: str, checked: str) -> list[Row]:
    """Rows added or changed get the desk's 出典 (in front of the old one) and 確認日; untouched rows stay as they are."""
    spec = SPEC_BY_KIND[kind]
    src_h, chk_h = header_of(spec, "source"), header_of(spec, "checked")
    old = {row_id(spec, r): r for r in before}
    out = []
    for row in rows:
        prev = old.get(row_id(spec, row))
        if prev is not None and all(prev.get(h, "") == row.get(h, "") for h in spec.headers()):
            out.append(row)
            continue
        stamped = dict(row)
        stamped[src_h] = merge_source(source, row.get(src_h, ""))
        if checked:
            stamped[chk_h] = checked
        out.append(stamped)
    return out


def is_blank(row: Row) -> bool:
    """A row the table editor added but nobody filled in."""
    return not any((v or "").strip() for v in row.values())
