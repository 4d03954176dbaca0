"""Reading a CSV that staff publish: the project's layout for its kind, or the standard open-data layout.

UTF-8 (with or without BOM) or CP932; headers may use the spellings import-opendata accepts. Rows of the
open-data kinds get what import-opendata fills in (city name or code, an ID from the row's content when
none is published, 座標精度, サンプル=no, 種別=other). 出典 and 確認日 are never invented here: they come from
the file or from what the staff member typed (finder.desk.provenance). ``columns`` says which of the
layout's columns the file has, so a file without some columns changes only the ones it has. Every
problem is file:row:column of the uploaded file. Files are bounded (bytes and rows): a city's rows of one
kind are hundreds, and a runaway file must not take the server's memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from finder.catalog.cells import parse_float
from finder.catalog.csvio import Problem, table_from_bytes
from finder.catalog.opendata import HEADER_ALIASES, content_id, standard_headers
from finder.catalog.schema import SPEC_BY_KIND, FileSpec
from finder.desk.rowdiff import Row, header_of
from finder.i18n.messages import bilingual
from finder.live.export import OPEN_DATA_KINDS

_CATALOG_ID = re.compile(r"^[A-Za-z]+-")  # cls-082031-..., wifi-...: a catalog ID, kept as it is
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the largest catalog file (all cities' procedures) is ~0.2 MB
MAX_UPLOAD_ROWS = 5_000


@dataclass
class Upload:
    """Rows of an uploaded file in the catalog's headers, the file line of each row, and what was wrong."""

    name: str
    kind: str
    rows: list[Row] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    columns: frozenset[str] = frozenset()  # the layout's headers the file has (after older spellings are mapped)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def cities(self) -> list[str]:
        spec = SPEC_BY_KIND[self.kind]
        code_h = header_of(spec, "municipality_code")
        return sorted({r.get(code_h, "") for r in self.rows if r.get(code_h)})


def read_upload(raw: bytes, name: str, kind: str, cities: dict[str, str],
                allowed: set[str] | frozenset[str] | None = None) -> Upload:
    """Parse and complete an uploaded CSV. ``cities`` maps 全国地方公共団体コード → name; ``allowed`` limits the
    cities the rows may belong to (the account's, or the one city the desk is editing)."""
    up = Upload(name, kind)
    spec = SPEC_BY_KIND.get(kind)
    if spec is None or not spec.is_item:
        up.problems.append(Problem(name, 0, "--kind", bilingual("desk.upload.unknown_kind", kind=kind)))
        return up
    if len(raw) > MAX_UPLOAD_BYTES:
        up.problems.append(Problem(name, 0, "-", bilingual("desk.upload.too_large", size=len(raw),
                                                      limit=MAX_UPLOAD_BYTES)))
        return up
    table = table_from_bytes(raw, name, up.problems, allow_legacy=True)
    if table is None:
        return up
    if len(table.rows) > MAX_UPLOAD_ROWS:
        up.problems.append(Problem(name, 0, "-", bilingual("desk.upload.too_many_rows", rows=len(table.rows),
                                                      limit=MAX_UPLOAD_ROWS)))
        return up
    up.encoding = table.encoding
    known = spec.by_header()
    header = standard_headers(spec, table.header, name, up.problems)
    up.columns = frozenset(h for h in header if h in known)
    if spec.kind not in OPEN_DATA_KINDS:
        for col in spec.columns:
            if col.required and col.header not in header:
                up.problems.append(Problem(name, 1, col.header, bilingual("desk.upload.required_column")))
    if not table.rows:
        up.problems.append(Problem(name, 2, "-", bilingual("desk.upload.no_rows")))
    by_name = {v: k for k, v in cities.items()}
    for raw_row, line in zip(table.rows, table.row_numbers):
        row = {h: "" for h in spec.headers()}
        row.update({HEADER_ALIASES.get(k, k): v for k, v in raw_row.items() if HEADER_ALIASES.get(k, k) in known})
        _complete(spec, row, line, cities, by_name, up)
        code = row.get(header_of(spec, "municipality_code"), "")
        if allowed is not None and code and code not in allowed:
            names = "、".join(cities.get(c, c) for c in sorted(allowed)) or "-"
            up.problems.append(Problem(name, line, header_of(spec, "municipality_code"),
                                       bilingual("desk.upload.other_city", city=cities.get(code, code), code=code,
                                            allowed=names)))
        up.rows.append(row)
        up.lines.append(line)
    return up


def _complete(spec: FileSpec, row: Row, line: int, cities: dict[str, str], by_name: dict[str, str],
              up: Upload) -> None:
    h = {c.key: c.header for c in spec.columns}
    code_h, id_h = h["municipality_code"], h["id"]
    name_h = h.get("municipality_name")
    if not row[code_h] and name_h and row.get(name_h) in by_name:
        row[code_h] = by_name[row[name_h]]
    if name_h and not row[name_h] and row[code_h] in cities:
        row[name_h] = cities[row[code_h]]
    if not row[code_h]:
        up.problems.append(Problem(up.name, line, code_h, bilingual("desk.upload.no_city")))
    open_data = spec.kind in OPEN_DATA_KINDS
    if not row[id_h] and open_data and row[code_h]:
        # No published ID: the same one import-opendata derives from what the row is, so re-publishing matches.
        stem = f"{spec.kind}-{row[code_h]}-{content_id(spec, row)}"
        taken = {r.get(id_h) for r in up.rows}
        row[id_h] = next(c for c in (stem if n == 1 else f"{stem}-{n}" for n in range(1, len(taken) + 2))
                         if c not in taken)
    elif not row[id_h]:
        up.problems.append(Problem(up.name, line, id_h, bilingual("desk.upload.no_id")))
    elif row[code_h] and not _CATALOG_ID.match(row[id_h]):
        row[id_h] = f"{spec.kind}-{row[code_h]}-{row[id_h]}"  # a city's own numbering, made unique as import does
    if open_data and "coord_precision" in h and not row[h["coord_precision"]]:
        has_point = all(parse_float(row.get(h[k]) or "x") is not None for k in ("lat", "lon"))
        row[h["coord_precision"]] = "exact" if has_point else "none"
    if open_data and spec.kind == "class" and not row[h["is_sample"]]:
        row[h["is_sample"]] = "no"
    if open_data and spec.kind == "facility" and not row[h["facility_type"]]:
        row[h["facility_type"]] = "other"
