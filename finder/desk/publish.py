"""Publishing staff changes as catalog versions: a plan (row diff and every problem) first, then one write.

A publish replaces the rows of one kind for the cities it covers, validates the whole would-be catalog
once (in memory), and writes through finder.catalog.versions, which records who, when and what, keeps the
old files, and never lets a reader see a mix. Rows a file no longer has are removed only when the staff
member confirmed the listed removals; a publish whose rows someone else changed since the plan was made
is refused, never written over.
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
from finder.desk.provenance import carry_columns, stamp_changed
from finder.desk.roles import may_roll_back
from finder.desk.rowdiff import Row, RowDiff, diff_rows, header_of
from finder.desk.staleness import stale_cells, stale_problems
from finder.desk.upload import read_upload
from finder.i18n.messages import bilingual


class Conflict(versions.VersionError):
    """Someone else published these rows after they were loaded for editing; nothing was changed."""


class RemovalsNotConfirmed(versions.VersionError):
    """The plan removes rows its file does not mention, and nobody confirmed that; nothing was changed."""


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
    given_source: str = ""  # the 出典 the staff member typed for this change ("" when every row brought its own)
    given_checked: str = ""
    validated: dict[str, bytes] | None = None  # the would-be catalog this plan validated (not validated again)

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
              problems: list[Problem] | None = None, encoding: str = "", given_source: str = "",
              given_checked: str = "") -> Plan:
    """Plan replacing ``kind``'s rows of ``cities`` with ``rows``; validated unless ``problems`` has errors already.

    The plan keeps the validation's warnings on its own rows (e.g. a fee beside an unknown status)."""
    spec = SPEC_BY_KIND[kind]
    cities = frozenset(cities)
    today = today or clock.real_today()
    plan = Plan(kind, cities, source_name, base, city_rows(base.files, kind, cities), rows,
                lines or list(range(1, len(rows) + 1)), RowDiff(spec.filename), list(problems or []), encoding,
                given_source.strip(), given_checked)
    plan.diff = diff_rows(spec, plan.before, rows)
    if plan.ok:
        files, where = plan.new_files()
        found = validate_files(files, today).problems
        mine = [p for p in found if p.severity == "error" or (p.file == spec.filename and p.row in where)]
        plan.problems += _explain_future_dates(plan, plan.source_problems(mine, where), today)
        plan.validated = files if plan.ok else None
    return plan


def _explain_future_dates(plan: Plan, problems: list[Problem], today: dt.date) -> list[Problem]:
    """A 確認日 after the server's today is most often the server's clock running behind: say so, with its date."""
    checked_h = header_of(plan.spec, "checked")
    out = []
    for p in problems:
        row = plan.row_at(p.row) if p.file == plan.source_name and p.column == checked_h else None
        value = (row or {}).get(checked_h, "")
        if p.severity == "error" and value > today.isoformat():
            p = Problem(p.file, p.row, p.column, bilingual("desk.checked.after_server_today", checked=value,
                                                      today=today.isoformat()), p.severity)
        out.append(p)
    return out


def plan_upload(base: Base, raw: bytes, name: str, kind: str, today: dt.date | None = None, source: str = "",
                checked: str = "", allowed: set[str] | frozenset[str] | None = None,
                history_root: Path | str | None = None) -> Plan:
    """Plan publishing an uploaded CSV: the cities it covers are the cities its rows name.

    ``source``/``checked``: what the staff member typed, stamped on every row the file adds or changes.
    ``history_root``: the data directory whose history tells whether the file sets cells back to values
    someone has changed since (a file made from an older export); such cells are refused.
    """
    today = today or clock.real_today()
    up = read_upload(raw, name, kind, cities_of(base.files), allowed)
    spec = SPEC_BY_KIND[kind]
    rows = up.rows
    if up.rows and up.columns:
        before = city_rows(base.files, kind, set(up.cities))
        rows = carry_columns(spec, before, rows, up.columns, name, up.problems)
        rows = stamp_changed(spec, before, rows, up.lines, up.columns, source, checked or today.isoformat(), name,
                             up.problems)
    plan = plan_rows(base, kind, set(up.cities), rows, name, up.lines, today, up.problems, up.encoding,
                     source, checked or today.isoformat())
    if history_root is not None and plan.diff:
        stale = stale_cells(history_root, spec, plan.diff)
        if stale:
            line_of = {r.get(header_of(spec, spec.id_key), ""): n for r, n in zip(plan.rows, plan.lines)}
            plan.problems += stale_problems(stale, name, line_of)
            plan.validated = None
    return plan


def publish(root: Path | str, plan: Plan, by: str, note: str = "", expect_version: str | None = None,
            guard_rows: bool = True, confirm_removals: bool = False,
            today: dt.date | None = None) -> versions.VersionInfo:
    """Write a plan as a new version, merged under the lock onto whatever is current then.

    ``expect_version``: refuse (StaleVersion) when the catalog moved on since that version at all.
    ``guard_rows`` (default): refuse (Conflict) when this plan's own rows (its kind, its cities) changed since
    the plan was made, so a publish never writes over a version it did not start from, while staff of
    other cities (or kinds) never block each other. ``confirm_removals``: the staff member saw and confirmed
    the rows this plan removes (refused with RemovalsNotConfirmed otherwise). Problems name the plan's source.
    """
    if not plan.ok:
        raise versions.InvalidCatalog(plan.errors)
    if plan.diff.removed and not confirm_removals:
        title_h = header_of(plan.spec, "title")
        listed = "\n".join(f"  - {c.key}  {c.row.get(title_h, '')}" for c in plan.diff.removed)
        raise RemovalsNotConfirmed(bilingual("desk.removals.unconfirmed", count=len(plan.diff.removed)) + "\n" + listed)
    where: dict[int, int] = {}

    def change(files: dict[str, bytes]) -> dict[str, bytes]:
        if guard_rows and city_rows(files, plan.kind, plan.cities) != plan.before:
            raise Conflict(bilingual("desk.conflict.rows"))
        new, mapping = plan.new_files(files)
        where.update(mapping)
        return new

    cities = ",".join(sorted(plan.cities))
    text = note or f"{plan.source_name} ({cities})"
    if plan.given_source:
        text += "; " + bilingual("desk.history.source", by=by, checked=plan.given_checked, source=plan.given_source)
    try:
        return versions.update(root, change, by=by, kind=plan.kind, action="publish", note=text,
                               expect_version=expect_version, today=today, validated=plan.validated)
    except versions.InvalidCatalog as exc:
        raise versions.InvalidCatalog(plan.source_problems(exc.problems, where)) from None


class RollbackNotAllowed(versions.VersionError):
    """The rollback would change rows of cities (or data) this account does not look after; nothing changed."""


def rollback(root: Path | str, version_id: str, by: str, today: dt.date | None = None,
             account_cities: frozenset[str] = frozenset()) -> versions.VersionInfo:
    """Make the catalog exactly what it was at ``version_id`` (byte for byte), recorded as a new version.

    ``account_cities``: a city account may roll back only when that changes its own cities' rows alone.
    """
    target = versions.read_version(root, version_id)
    now = load_base(root).files
    allowed, foreign, other = may_roll_back(account_cities, now, target)
    if not allowed:
        names = cities_of(now)
        if other:
            raise RollbackNotAllowed(bilingual("desk.rollback.not_city_data", files="、".join(other)))
        raise RollbackNotAllowed(bilingual("desk.rollback.not_yours",
                                      cities="、".join(names.get(c, c) for c in sorted(foreign))))
    gone = set(now) - set(target)
    kinds = sorted({SPEC_BY_FILE[n].kind for n in set(now) | set(target)
                    if n in SPEC_BY_FILE and now.get(n) != target.get(n)})
    return versions.commit(root, target, by=by, kind=",".join(kinds), action="rollback", note=f"to {version_id}",
                           remove=gone, today=today)
