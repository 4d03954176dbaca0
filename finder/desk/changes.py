"""What a change does to the catalog, row by row: added, changed (which columns) and removed rows, by ID."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from finder.catalog.csvio import Problem, table_from_bytes
from finder.catalog.schema import SPEC_BY_FILE, FileSpec

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


def rows_of(raw: bytes, name: str) -> list[Row]:
    """Rows of a catalog file's bytes (a file that does not parse has no rows to compare)."""
    problems: list[Problem] = []
    table = table_from_bytes(raw, name, problems)
    return table.rows if table else []


def diff_files(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, RowDiff]:
    """Row diffs of every catalog file that differs between two sets of files (name → bytes)."""
    diffs = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        spec = SPEC_BY_FILE.get(name)
        if old == new or spec is None:
            continue
        diff = diff_rows(spec, rows_of(old or b"", name), rows_of(new or b"", name))
        if diff:
            diffs[name] = diff
    return diffs


def total_counts(diffs: dict[str, RowDiff] | list[RowDiff]) -> dict[str, int]:
    totals = {"added": 0, "changed": 0, "removed": 0}
    for diff in diffs.values() if isinstance(diffs, dict) else diffs:
        for k, v in diff.counts().items():
            totals[k] += v
    return totals
