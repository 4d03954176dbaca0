"""Publishing staff changes as catalog versions: a plan (row diff and every problem) first, then one write.

A publish replaces the rows of one kind for the cities it covers (a class missing from a city's new list
is removed), validates the whole would-be catalog, and writes through finder.catalog.versions, which
records who, when and what, keeps the old files, and never lets a reader see a mix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from finder import clock
from finder.catalog import versions
from finder.catalog.csvio import Problem, csv_bytes, parse_text, table_from_bytes
from finder.catalog.schema import MUNICIPALITIES, SPEC_BY_FILE, SPEC_BY_KIND, FileSpec
from finder.catalog.validate import validate_files
from finder.desk.rowdiff import Row, RowDiff, diff_rows, header_of
from finder.desk.upload import read_upload


class Conflict(versions.VersionError):
    """Someone else published these rows after they were loaded for editing; nothing was changed."""


@dataclass(frozen=True)
class Base:
    """The catalog files a change starts from, and the recorded version they are (None before the first write)."""

    files: dict[str, bytes]
    version: str | None


def load_base(root: Path | str) -> Base:
    """What readers are served now (never a half-written state)."""
    snap = versions.snapshot(root)
    return Base(snap.files, snap.version.id if snap.version else None)


def cities_of(files: dict[str, bytes]) -> dict[str, str]:
    """全国地方公共団体コード → name, from municipalities.csv."""
    raw = files.get(MUNICIPALITIES.filename)
    table = table_from_bytes(raw, MUNICIPALITIES.filename, []) if raw is not None else None
    return {r.get("code", ""): r.get("name", "") for r in table.rows} if table else {}


def file_rows(files: dict[str, bytes], spec: FileSpec) -> list[Row]:
    raw = files.get(spec.filename)
    table = table_from_bytes(raw, spec.filename, []) if raw is not None else None
    return table.rows if table else []


def city_rows(files: dict[str, bytes], kind: str, cities: set[str] | frozenset[str]) -> list[Row]:
    """The rows of one kind that belong to the given cities, in file order."""
    spec = SPEC_BY_KIND[kind]
    code_h = header_of(spec, "municipality_code")
    return [r for r in file_rows(files, spec) if r.get(code_h) in cities]


def merge_city_rows(spec: FileSpec, current: list[Row], new: list[Row], cities: set[str] | frozenset[str]) -> list[Row]:
    """Other cities' rows stay where they are; each covered city's rows become ``new`` (at its first row's place)."""
    code_h = header_of(spec, "municipality_code")
    by_city: dict[str, list[Row]] = {}
    for row in new:
        by_city.setdefault(row.get(code_h, ""), []).append(row)
    merged: list[Row] = []
    placed: set[str] = set()
    for row in current:
        city = row.get(code_h, "")
        if city not in cities:
            merged.append(row)
        elif city not in placed:
            merged.extend(by_city.get(city, []))
            placed.add(city)
    for city in sorted(cities - placed):
        merged.extend(by_city.get(city, []))
    return merged


@dataclass
class Plan:
    """What a publish would do: the rows it writes for ``cities``, the diff, and every problem (file:row:column)."""

    kind: str
    cities: frozenset[str]
    source_name: str  # the uploaded file's name, or the editor's label
    base: Base
    before: list[Row]
    rows: list[Row]
    lines: list[int]  # the line of each row in its source (uploaded file line; editor row number)
    diff: RowDiff
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def spec(self) -> FileSpec:
        return SPEC_BY_KIND[self.kind]

    def row_at(self, line: int) -> Row | None:
        """The row a problem of the source names (by its line), for showing its ID and title."""
        return next((r for r, n in zip(self.rows, self.lines) if n == line), None)

    def new_files(self, files: dict[str, bytes] | None = None) -> tuple[dict[str, bytes], dict[int, int]]:
        """The whole catalog with this plan applied to ``files`` (default: the base), and which catalog file
        line holds which source line (to name problems by the source's rows)."""
        files = self.base.files if files is None else files
        merged = merge_city_rows(self.spec, file_rows(files, self.spec), self.rows, self.cities)
        data = csv_bytes(self.spec.headers(), merged)
        table = parse_text(data.decode("utf-8"), self.spec.filename, [])
        ours = {id(r): n for r, n in zip(self.rows, self.lines)}
        where = {line: ours[id(r)] for r, line in zip(merged, table.row_numbers if table else []) if id(r) in ours}
        return {**files, self.spec.filename: data}, where

    def source_problems(self, problems: list[Problem], where: dict[int, int]) -> list[Problem]:
        """Catalog-file problems on this plan's rows, renamed to the source's file and line."""
        out = []
        for p in problems:
            if p.file == self.spec.filename and p.row in where:
                out.append(Problem(self.source_name, where[p.row], p.column, p.message, p.severity))
            else:
                out.append(p)
        return out


def plan_rows(base: Base, kind: str, cities: set[str] | frozenset[str], rows: list[Row], source_name: str,
              lines: list[int] | None = None, today: dt.date | None = None,
              problems: list[Problem] | None = None, encoding: str = "") -> Plan:
    """Plan replacing ``kind``'s rows of ``cities`` with ``rows``; validated unless ``problems`` has errors already."""
    spec = SPEC_BY_KIND[kind]
    cities = frozenset(cities)
    plan = Plan(kind, cities, source_name, base, city_rows(base.files, kind, cities), rows,
                lines or list(range(1, len(rows) + 1)), RowDiff(spec.filename), list(problems or []), encoding)
    plan.diff = diff_rows(spec, plan.before, rows)
    if plan.ok:
        files, where = plan.new_files()
        plan.problems += plan.source_problems(validate_files(files, today or clock.real_today()).errors, where)
    return plan


def plan_upload(base: Base, raw: bytes, name: str, kind: str, today: dt.date | None = None, source: str = "",
                checked: str = "", allowed: set[str] | frozenset[str] | None = None) -> Plan:
    """Plan publishing an uploaded CSV: the cities it covers are the cities its rows name."""
    today = today or clock.real_today()
    up = read_upload(raw, name, kind, cities_of(base.files), today, source, checked, allowed)
    return plan_rows(base, kind, set(up.cities), up.rows, name, up.lines, today, up.problems, up.encoding)


def publish(root: Path | str, plan: Plan, by: str, note: str = "", expect_version: str | None = None,
            guard_rows: bool = False, today: dt.date | None = None) -> versions.VersionInfo:
    """Write a plan as a new version, merged under the lock onto whatever is current then.

    ``expect_version``: refuse (StaleVersion) when the catalog moved on since that version at all.
    ``guard_rows``: refuse (Conflict) only when this plan's own rows changed since they were loaded, so staff
    of different cities (or kinds) never block or overwrite each other. Problems name the plan's source.
    """
    if not plan.ok:
        raise versions.InvalidCatalog(plan.errors)
    where: dict[int, int] = {}

    def change(files: dict[str, bytes]) -> dict[str, bytes]:
        if guard_rows and city_rows(files, plan.kind, plan.cities) != plan.before:
            raise Conflict("ほかの人がこの市のデータを先に公開しました。読み込み直してから、もう一度変更してください"
                           " / someone else published these rows since you loaded them; reload and redo your change")
        new, mapping = plan.new_files(files)
        where.update(mapping)
        return new

    cities = ",".join(sorted(plan.cities))
    try:
        return versions.update(root, change, by=by, kind=plan.kind, action="publish",
                               note=note or f"{plan.source_name} ({cities})", expect_version=expect_version,
                               today=today)
    except versions.InvalidCatalog as exc:
        raise versions.InvalidCatalog(plan.source_problems(exc.problems, where)) from None


def rollback(root: Path | str, version_id: str, by: str, today: dt.date | None = None) -> versions.VersionInfo:
    """Make the catalog exactly what it was at ``version_id`` (byte for byte), recorded as a new version."""
    target = versions.read_version(root, version_id)
    now = load_base(root).files
    gone = set(now) - set(target)
    kinds = sorted({SPEC_BY_FILE[n].kind for n in set(now) | set(target)
                    if n in SPEC_BY_FILE and now.get(n) != target.get(n)})
    return versions.commit(root, target, by=by, kind=",".join(kinds), action="rollback", note=f"to {version_id}",
                           remove=gone, today=today)
