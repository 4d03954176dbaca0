"""A file made from an older catalog: the cells it would set back to a value someone has since changed.

A CSV exported last week and edited offline still holds last week's values in the rows it did not mean to
change; published as it is, it would silently undo whatever was published since. The history knows: a
cell whose new value is the value it had before a later version changed it is stale, and the publish is
refused naming the row, the column, who changed it and when (``--expect-version`` says the file starts
from the current version, and skips this).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from finder.catalog import versions
from finder.catalog.csvio import Problem, table_from_bytes
from finder.catalog.schema import FileSpec
from finder.desk.rowdiff import RowDiff, header_of, row_id
from finder.i18n.messages import bilingual

HISTORY_DEPTH = 50  # versions looked back through; older changes are long since re-exported


@dataclass(frozen=True)
class StaleCell:
    key: str
    column: str
    old_value: str  # what the file has: the value before ``version`` changed it
    current: str
    version: versions.VersionInfo


def stale_cells(root: Path | str, spec: FileSpec, diff: RowDiff, depth: int = HISTORY_DEPTH) -> list[StaleCell]:
    """Cells the plan sets back to a value a later version replaced (newest such change per cell)."""
    provenance = {header_of(spec, "source"), header_of(spec, "checked")}  # stamped by the publish itself
    wanted = {c.key: c for c in diff.changed}
    added = {c.key: c for c in diff.added}
    if not wanted and not added:
        return []
    try:
        history = versions.history(root)[: depth + 1]
    except versions.VersionError:
        return []
    cache: dict[str, dict[str, dict[str, str]]] = {}
    id_h = header_of(spec, spec.id_key)

    def rows_at(version: versions.VersionInfo) -> dict[str, dict[str, str]]:
        info = version.files.get(spec.filename)
        if info is None:
            return {}
        if info.sha256 not in cache:
            try:
                raw = versions.read_file(root, version.id, spec.filename) or b""
            except (OSError, versions.VersionError):
                raw = b""
            table = table_from_bytes(raw, spec.filename, []) if raw else None
            cache[info.sha256] = {row_id(spec, r): r for r in table.rows
                                  if row_id(spec, r) in wanted or row_id(spec, r) in added} if table else {}
        return cache[info.sha256]

    found: dict[tuple[str, str], StaleCell] = {}
    for newer, older in zip(history, history[1:]):
        a, b = newer.files.get(spec.filename), older.files.get(spec.filename)
        if a is None or b is None or a.sha256 == b.sha256:
            continue
        new_rows, old_rows = rows_at(newer), rows_at(older)
        for key in added:  # the file brings back a row a later version removed
            if key in old_rows and key not in new_rows and (key, id_h) not in found:
                found[(key, id_h)] = StaleCell(key, id_h, key, "", newer)
        for key, change in wanted.items():
            before, after = old_rows.get(key), new_rows.get(key)
            if before is None or after is None:
                continue
            for column in (c for c in change.columns if c not in provenance):
                value = change.after.get(column, "")
                if (key, column) not in found and before.get(column, "") == value != after.get(column, ""):
                    found[(key, column)] = StaleCell(key, column, value, change.before.get(column, ""), newer)
    return list(found.values())


def stale_problems(cells: list[StaleCell], name: str, line_of: dict[str, int]) -> list[Problem]:
    return [Problem(name, line_of.get(c.key, 0), c.column,
                    bilingual("desk.stale.cell", key=c.key, old=c.old_value or "—", current=c.current or "—",
                         by=c.version.by or "?", at=c.version.at[:16].replace("T", " "), version=c.version.id))
            for c in cells]
