"""Import a municipality's standard open-data CSV (Wi-Fi, events, facilities) into the catalog."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from finder.catalog import versions
from finder.catalog.cells import parse_float
from finder.catalog.csvio import Problem, csv_bytes, read_table, table_from_bytes
from finder.catalog.schema import CLASSES, FACILITIES, MUNICIPALITIES, WIFI, FileSpec
from finder.clock import real_today
from finder.i18n.messages import Message
from finder.municipalities.catalog_row import catalog_city_row
from finder.municipalities.gazetteer import Gazetteer, TownTable, load_towns

IMPORT_SPECS: dict[str, FileSpec] = {"wifi": WIFI, "class": CLASSES, "facility": FACILITIES}

# Header spellings seen in published files (older 推奨データセット versions), mapped to ours.
HEADER_ALIASES = {
    "都道府県コード又は市区町村コード": "全国地方公共団体コード",
    "市区町村コード": "全国地方公共団体コード",
    "NO": "ID",
    "No": "ID",
    "市区町村名": "地方公共団体名",
    "名称（カナ）": "名称_カナ",
    "名称(カナ)": "名称_カナ",
    "名称（英語）": "名称_英語",
    "イベント名（カナ）": "イベント名_カナ",
    "料金": "料金（基本）",
    "料金(基本)": "料金（基本）",
    "料金(詳細)": "料金（詳細）",
}


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    kept_other: int = 0
    filled_from_gazetteer: int = 0
    encoding: str = ""
    problems: list[Problem] = field(default_factory=list)
    written: Path | None = None
    version: str = ""
    not_in_file: list[tuple[str, str]] = field(default_factory=list)  # (ID, name) of this city's rows kept

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def standard_headers(spec: FileSpec, header: list[str], name: str, problems: list[Problem]) -> list[str]:
    """The file's headers in our spelling (older published spellings mapped); a note for each one we ignore."""
    known = spec.by_header()
    mapped = [HEADER_ALIASES.get(h, h) for h in header]
    for original, ours in zip(header, mapped):
        if ours not in known:
            problems.append(Problem(name, 1, original or "(空)", Message("import.column_ignored"), "note"))
    return mapped


class _Refused(Exception):
    """The import found errors (already in the report) while merging; nothing is written."""


def import_opendata(file: Path | str, kind: str, city_code: str, out_dir: Path | str,
                    gazetteer_dir: Path | str | None = None, today: dt.date | None = None, *,
                    by: str = "import-opendata", lock_timeout: float = versions.LOCK_TIMEOUT) -> ImportReport:
    """Read and normalise, then merge, validate and write as one catalog version; on any error nothing is written."""
    report = ImportReport()
    spec = IMPORT_SPECS.get(kind)
    if spec is None:
        report.problems.append(Problem(str(file), 0, "-", f"unknown kind {kind!r}; use wifi, class or facility"))
        return report
    out = Path(out_dir)
    today = today or real_today()
    src = Path(file)
    table = read_table(src, report.problems, allow_legacy=True, display_name=src.name)
    if table is None:
        return report
    report.encoding = table.encoding
    standard_headers(spec, table.header, src.name, report.problems)
    if not table.rows:
        report.problems.append(Problem(src.name, 2, "-", Message("import.no_rows")))
        return report
    gaz = Gazetteer.from_dir(Path(gazetteer_dir)) if gazetteer_dir else load_towns()

    def change(base: dict[str, bytes]) -> dict[str, bytes]:
        # Runs under the data directory's lock, on the files as they are now: no other writer can interleave.
        cities = _cities(base, report.problems)
        city = cities.get(city_code) or catalog_city_row(city_code)  # any code of data/national/
        if city is None:
            report.problems.append(Problem(src.name, 0, "--city",
                                           Message("import.unknown_city", code=repr(city_code))))
            raise _Refused
        rows = []
        for raw, line in zip(table.rows, table.row_numbers):
            row = {HEADER_ALIASES.get(k, k): v for k, v in raw.items()}
            own_code = row.get("全国地方公共団体コード", "")
            if own_code and own_code != city_code:
                report.problems.append(Problem(src.name, line, "全国地方公共団体コード",
                                               Message("import.other_city_row", city=city_code, code=repr(own_code))))
            rows.append(_complete(spec, row, city, src.name, today, gaz, report))
        _content_ids(spec, rows, city["code"])
        if not report.ok:
            raise _Refused
        existing: list[dict[str, str]] = []
        if spec.filename in base:
            t = table_from_bytes(base[spec.filename], spec.filename, report.problems)
            existing = t.rows if t else []
        merged = _merge(existing, rows, city_code, spec, report)
        if not report.ok:
            raise _Refused
        files = {**base, spec.filename: csv_bytes(spec.headers(), merged)}
        if city_code not in cities:  # a municipality new to this catalog: its row from the national table
            files[MUNICIPALITIES.filename] = csv_bytes(MUNICIPALITIES.headers(), [*cities.values(), city])
        return files

    try:
        info = versions.update(out, change, by=by, kind=kind, action="import",
                               note=f"{src.name} → {spec.filename} ({city_code})", today=today,
                               lock_timeout=lock_timeout)
    except _Refused:
        return report
    except versions.InvalidCatalog as exc:
        report.problems.extend(exc.problems)
        return report
    except versions.VersionError as exc:
        report.problems.append(Problem(str(out), 0, "-", str(exc)))
        return report
    report.written = out / spec.filename
    report.version = info.id
    return report


def _cities(files: dict[str, bytes], problems: list[Problem]) -> dict[str, dict[str, str]]:
    raw = files.get(MUNICIPALITIES.filename)
    table = table_from_bytes(raw, MUNICIPALITIES.filename, problems) if raw is not None else None
    return {r.get("code", ""): r for r in table.rows} if table else {}


def _complete(spec: FileSpec, row: dict[str, str], city: dict[str, str], src_name: str, today: dt.date,
              gaz: Gazetteer | TownTable | None, report: ImportReport) -> dict[str, str]:
    out = {h: row.get(h, "") for h in spec.headers()}
    out["全国地方公共団体コード"] = out["全国地方公共団体コード"] or city["code"]
    out["地方公共団体名"] = out["地方公共団体名"] or city["name"]
    prefix = f"{spec.kind}-{city['code']}-"
    if out["ID"]:
        out["ID"] = out["ID"] if out["ID"].startswith(prefix) else prefix + out["ID"]
    has_point = parse_float(out.get("緯度") or "x") is not None and parse_float(out.get("経度") or "x") is not None
    if not has_point and gaz is not None:
        point = gaz.locate(city["code"] if isinstance(gaz, TownTable) else city["name"], out.get("住所", ""))
        if point is not None:
            out["緯度"], out["経度"] = f"{point.lat:.6f}", f"{point.lon:.6f}"
            out["座標精度"] = "town"
            report.filled_from_gazetteer += 1
            has_point = True
    if not out.get("座標精度"):
        out["座標精度"] = "exact" if has_point else "none"
    if not out.get("出典"):
        out["出典"] = f"{city['name']} オープンデータ {src_name}"
    if not out.get("確認日"):
        out["確認日"] = today.isoformat()
    if spec.kind == "class" and not out.get("サンプル"):
        out["サンプル"] = "no"
    if spec.kind == "facility" and not out.get("種別"):
        out["種別"] = "other"
    return out


def content_id(spec: FileSpec, row: dict[str, str]) -> str:
    """An ID from what a row is (name and address; an event also by its date and time), not where it stands.

    Deleting or reordering rows in the published file keeps every other row's ID, so shared links and kiosk
    QR codes keep opening the same place.
    """
    keys = ("title", "address", "start_date", "start_time") if spec.kind == "class" else ("title", "address")
    by_key = {c.key: c.header for c in spec.columns}
    parts = [" ".join(unicodedata.normalize("NFKC", row.get(by_key[k], "")).split()) for k in keys if k in by_key]
    return "h" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _content_ids(spec: FileSpec, rows: list[dict[str, str]], city_code: str) -> None:
    """Give rows without a published ID one derived from their content (a repeat of the same row gets -2, -3)."""
    seen: dict[str, int] = {}
    for row in rows:
        if row["ID"]:
            continue
        base = f"{spec.kind}-{city_code}-{content_id(spec, row)}"
        seen[base] = seen.get(base, 0) + 1
        row["ID"] = base if seen[base] == 1 else f"{base}-{seen[base]}"


def _merge(existing: list[dict[str, str]], new_rows: list[dict[str, str]], city_code: str, spec: FileSpec,
           report: ImportReport) -> list[dict[str, str]]:
    by_id = {r["ID"]: r for r in new_rows}
    title = next(c.header for c in spec.columns if c.key == "title")
    merged = []
    for row in existing:
        if row.get("全国地方公共団体コード") != city_code:
            report.kept_other += 1
            merged.append(row)
        elif row.get("ID") in by_id:
            merged.append(by_id.pop(row["ID"]))
            report.updated += 1
        else:
            report.not_in_file.append((row.get("ID", ""), row.get(title, "")))
            merged.append(row)
    for row in new_rows:
        if row["ID"] in by_id:
            merged.append(row)
            report.added += 1
    return merged
