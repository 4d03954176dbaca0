"""What a staff change does to one kind's rows, for the preview: added, changed (which columns) and removed rows.

Rows are matched by the file's ID column. Per-version totals in the history come from finder.catalog.changes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from finder.catalog.schema import FileSpec

Row = dict[str, str]


@dataclass(frozen=True)
class RowChange:
    key: str  # the row's ID; rows of files without IDs (synonyms...) are keyed by their content
    city: str  # 全国地方公共団体コード, "" when the file has none
    before: Row | None
    after: Row | None
    columns: tuple[str, ...] = ()  # headers whose value differs (changed rows only)

    @property
    def status(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"

    @property
    def row(self) -> Row:
        return self.after if self.after is not None else self.before or {}


@dataclass
class RowDiff:
    filename: str
    added: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    removed: list[RowChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def changes(self) -> list[RowChange]:
        return [*self.added, *self.changed, *self.removed]

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed)}


def header_of(spec: FileSpec, key: str) -> str:
    """The CSV header of an internal column key (e.g. municipality_code → 全国地方公共団体コード)."""
    return next((c.header for c in spec.columns if c.key == key), "")


def row_id(spec: FileSpec, row: Row) -> str:
    return row.get(header_of(spec, spec.id_key), "") if spec.id_key else ""


def diff_rows(spec: FileSpec, before: list[Row], after: list[Row]) -> RowDiff:
    """Rows matched by ID (files without an ID column: by their whole content), in the order of ``after``."""
    if not spec.id_key:
        return _diff_by_content(spec, before, after)
    diff = RowDiff(spec.filename)
    city_h = header_of(spec, "municipality_code")
    old = {row_id(spec, r): r for r in before}
    seen = set()
    for row in after:
        key = row_id(spec, row)
        seen.add(key)
        prev = old.get(key)
        if prev is None:
            diff.added.append(RowChange(key, row.get(city_h, ""), None, row))
            continue
        columns = tuple(h for h in dict.fromkeys([*prev, *row]) if prev.get(h, "") != row.get(h, ""))
        if columns:
            diff.changed.append(RowChange(key, row.get(city_h, ""), prev, row, columns))
    diff.removed = [RowChange(k, r.get(city_h, ""), r, None) for k, r in old.items() if k not in seen]
    return diff


def _diff_by_content(spec: FileSpec, before: list[Row], after: list[Row]) -> RowDiff:
    def key(row: Row) -> str:
        return " | ".join(row.get(h, "") for h in spec.headers())

    diff = RowDiff(spec.filename)
    old, new = Counter(key(r) for r in before), Counter(key(r) for r in after)
    for row in after:
        if new[key(row)] > old[key(row)]:
            diff.added.append(RowChange(key(row), "", None, row))
            new[key(row)] -= 1
    for row in before:
        if old[key(row)] > new[key(row)]:
            diff.removed.append(RowChange(key(row), "", row, None))
            old[key(row)] -= 1
    return diff
