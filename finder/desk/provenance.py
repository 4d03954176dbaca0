"""Where an uploaded row's facts come from: 出典 and 確認日 for what changed, current values for what the file lacks.

A row a file adds or changes carries the source the staff member typed (in front of what the row cited
before) and the date they gave; without a typed source the file itself must give the row's 出典 and
確認日, else it is refused by file:row:column (nothing is invented). Rows the file leaves as they are keep
theirs. A file without some of the layout's columns changes only the columns it has: the catalog's rows
keep their values in the others (and the plan says so).
"""

from __future__ import annotations

from finder.catalog.csvio import Problem
from finder.catalog.schema import FileSpec
from finder.desk.edits import merge_source
from finder.desk.rowdiff import Row, header_of, row_id
from finder.i18n.messages import bilingual


def carry_columns(spec: FileSpec, before: list[Row], rows: list[Row], columns: frozenset[str], name: str,
                  problems: list[Problem]) -> list[Row]:
    """Rows whose ID the catalog has keep its values in the columns the file lacks; a note names them."""
    missing = [h for h in spec.headers() if h not in columns]
    if not missing:
        return rows
    problems.append(Problem(name, 1, "、".join(missing), bilingual("desk.upload.columns_kept", columns="、".join(missing)),
                            "warning"))
    old = {row_id(spec, r): r for r in before}
    out = []
    for row in rows:
        prev = old.get(row_id(spec, row))
        out.append({**row, **{h: prev.get(h, "") for h in missing}} if prev is not None else row)
    return out


def stamp_changed(spec: FileSpec, before: list[Row], rows: list[Row], lines: list[int], columns: frozenset[str],
                  source: str, checked: str, name: str, problems: list[Problem]) -> list[Row]:
    """Added and changed rows get the typed 出典 and 確認日; without one, each must bring its own (else a problem)."""
    src_h, chk_h = header_of(spec, "source"), header_of(spec, "checked")
    old = {row_id(spec, r): r for r in before}
    source = source.strip()
    out = []
    for row, line in zip(rows, lines):
        prev = old.get(row_id(spec, row))
        if prev is not None and all(prev.get(h, "") == row.get(h, "") for h in spec.headers()):
            out.append(row)
            continue
        if source:
            out.append({**row, src_h: merge_source(source, row.get(src_h, "")), chk_h: checked or row.get(chk_h, "")})
            continue
        for header, key in ((src_h, "desk.provenance.no_source"), (chk_h, "desk.provenance.no_checked")):
            if header not in columns or not row.get(header, "").strip():
                problems.append(Problem(name, line, header, bilingual(key)))
        out.append(row)
    return out
