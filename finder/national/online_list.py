"""デジタル庁's オンライン化状況一覧 as the app reads it: one cell per municipality and procedure, kept raw.

The derived files (scripts/derive_online_status.py, docs/NATIONAL.md) keep the list's own cell meaning:
``○`` an online route exists (maybe only for some variants or people), ``ー`` the municipality has no such
procedure, empty = not listed as online (never "not available"), ``不明`` unknown. ``list_status`` turns a
cell into the status words the CLI and the answer use: available, not_listed, not_applicable, unknown.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from finder.catalog.csvio import Problem
from finder.i18n.messages import Message
from finder.municipalities.table import NATIONAL_DIR, load_table

PROCEDURES_CSV = NATIONAL_DIR / "online_procedures.csv"
STATUS_CSV = NATIONAL_DIR / "online_status.csv"
DASHBOARD_CSV = NATIONAL_DIR / "dx_dashboard.csv"
SOURCES_CSV = NATIONAL_DIR / "opendata_sources.csv"
PROCEDURES_HEADER = ["column", "procedure_key", "title", "group", "resident", "marked31"]
SOURCES_HEADER = ["dataset", "publisher", "title", "as_of", "as_of_label", "published", "licence", "credit",
                  "raw_file", "sha256"]
CELL_AVAILABLE, CELL_NONE, CELL_UNKNOWN = "○", "ー", "不明"
CELL_STATUS = {CELL_AVAILABLE: "available", "": "not_listed", CELL_NONE: "not_applicable", CELL_UNKNOWN: "unknown"}
GROUPS = ("frequent", "kosodate", "kaigo", "hisai", "moving", "business")


@dataclass(frozen=True, slots=True)
class ListProcedure:
    key: str
    title: str  # the list's official title
    group: str  # one of GROUPS
    resident: bool  # False for the business procedures (港湾, 入札 ...), which never become items
    marked31: bool


@dataclass(frozen=True, slots=True)
class Source:
    dataset: str
    as_of: str  # YYYY-MM-DD
    as_of_label: str
    published: str
    licence: str
    credit: str


@dataclass(frozen=True)
class OnlineList:
    procedures: tuple[ListProcedure, ...]
    cells: dict[str, dict[str, str]]  # code -> procedure key -> raw cell
    other_counts: dict[str, str]
    sources: dict[str, Source]
    dashboard: dict[str, dict[str, str]]  # code -> mynumber_card_rate, online26_mynaportal_rate

    @property
    def source(self) -> Source:
        return self.sources["online_status"]

    def cell(self, code: str, key: str) -> str | None:
        """The raw cell for a municipality (a ward gives its city's) and procedure; None when not in the list."""
        row = self.cells.get(_city_code(code))
        return None if row is None or key not in row else row[key]

    def resident_procedures(self) -> tuple[ListProcedure, ...]:
        return tuple(p for p in self.procedures if p.resident)

    def by_key(self, key: str) -> ListProcedure | None:
        return next((p for p in self.procedures if p.key == key), None)


def _city_code(code: str) -> str:
    m = load_table().get(code)
    return m.parent_code if m is not None and m.parent_code else code


def list_status(cell: str | None) -> str:
    """available | not_listed | not_applicable | unknown for a raw cell (None: not in the list -> unknown)."""
    return CELL_STATUS.get(cell, "unknown") if cell is not None else "unknown"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_online_list(directory: Path = NATIONAL_DIR) -> OnlineList:
    procs = tuple(ListProcedure(r["procedure_key"], r["title"], r["group"], r["resident"] == "yes",
                                r["marked31"] == "yes") for r in _rows(directory / PROCEDURES_CSV.name))
    keys = [p.key for p in procs]
    cells, other = {}, {}
    for r in _rows(directory / STATUS_CSV.name):
        cells[r["code"]] = {k: sys.intern(r[k]) for k in keys}  # four distinct cells: one object each
        other[r["code"]] = r["other_online_count"]
    sources = {r["dataset"]: Source(r["dataset"], r["as_of"], r["as_of_label"], r["published"], r["licence"],
                                    r["credit"]) for r in _rows(directory / SOURCES_CSV.name)}
    dash = {r["code"]: r for r in _rows(directory / DASHBOARD_CSV.name)}
    return OnlineList(procs, cells, other, sources, dash)


@lru_cache(maxsize=2)
def load_online_list(directory: Path | None = None) -> OnlineList:
    """Cached: read once per process (~1,741 short rows, well under a few MB)."""
    return read_online_list(directory or NATIONAL_DIR)


def check_files(directory: Path) -> list[Problem]:
    """Problems of the derived files (``finder validate``): layout, codes, cells, dates, credit."""
    problems: list[Problem] = []
    names = [PROCEDURES_CSV.name, STATUS_CSV.name, DASHBOARD_CSV.name, SOURCES_CSV.name]
    missing = [n for n in names if not (directory / n).is_file()]
    for n in missing:
        problems.append(Problem(f"national/{n}", 0, "-", Message("validate.dir.file_missing")))
    if missing:
        return problems
    try:
        data = read_online_list(directory)
    except (KeyError, ValueError) as exc:
        return [Problem("national/online_status.csv", 0, "-", Message("validate.national.unreadable", error=exc))]
    table = load_table()
    for line, (code, row) in enumerate(data.cells.items(), start=2):
        m = table.get(code)
        if m is None or m.parent_code:
            problems.append(Problem("national/online_status.csv", line, "code", Message("validate.national.unknown_code", code=code)))
        for key, cell in row.items():
            if cell not in CELL_STATUS:
                problems.append(Problem("national/online_status.csv", line, key, Message("validate.national.bad_cell", cell=repr(cell))))
    if len(data.cells) != 1741:
        problems.append(Problem("national/online_status.csv", 0, "-", Message("validate.national.row_count", count=len(data.cells))))
    for name in ("online_status", "dx_dashboard", "tokyo_wifi"):
        src = data.sources.get(name)
        if src is None or not src.as_of or not src.credit or not src.published:
            problems.append(Problem("national/opendata_sources.csv", 0, name,
                                    Message("validate.national.source_missing")))
    for line, (code, row) in enumerate(data.dashboard.items(), start=2):
        rate = row.get("mynumber_card_rate", "")
        if code not in data.cells or (rate and not rate.replace(".", "", 1).isdigit()):
            problems.append(Problem("national/dx_dashboard.csv", line, "mynumber_card_rate", f"{code}: {rate!r}"))
    return problems
