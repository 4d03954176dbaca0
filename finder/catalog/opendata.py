"""Import a municipality's standard open-data CSV (Wi-Fi, events, facilities) into the catalog."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from finder.catalog.cells import parse_float
from finder.catalog.csvio import Problem, read_table, write_csv
from finder.catalog.schema import CLASSES, FACILITIES, MUNICIPALITIES, WIFI, FileSpec
from finder.catalog.validate import validate_dir
from finder.clock import real_today
from finder.national.catalog_row import catalog_city_row
from finder.national.towns import TownTable, load_towns
from finder.places.geo import Gazetteer

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

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def import_opendata(file: Path | str, kind: str, city_code: str, out_dir: Path | str,
                    gazetteer_dir: Path | str | None = None, today: dt.date | None = None) -> ImportReport:
    """Read, normalise, validate and merge; on any error nothing is written."""
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
    cities = _cities(out, report.problems)
    city = cities.get(city_code) or catalog_city_row(city_code)  # any code of data/national/
    new_city = city if city_code not in cities else None
    if city is None:
        report.problems.append(Problem(src.name, 0, "--city",
                                       f"municipalities.csv にないコード / unknown city code {city_code!r}"))
        return report
    known = spec.by_header()
    header = [HEADER_ALIASES.get(h, h) for h in table.header]
    for original, mapped in zip(table.header, header):
        if mapped not in known:
            report.problems.append(Problem(src.name, 1, original, "未知の列は無視します / extra column ignored", "note"))
    if not table.rows:
        report.problems.append(Problem(src.name, 2, "-", "データ行がありません / no data rows"))
        return report
    gaz = Gazetteer.from_dir(Path(gazetteer_dir)) if gazetteer_dir else load_towns()
    rows = []
    for raw, line in zip(table.rows, table.row_numbers):
        row = {HEADER_ALIASES.get(k, k): v for k, v in raw.items()}
        own_code = row.get("全国地方公共団体コード", "")
        if own_code and own_code != city_code:
            report.problems.append(Problem(src.name, line, "全国地方公共団体コード",
                                           f"--city {city_code} と違うコード {own_code!r} / row belongs to another city"))
        rows.append(_complete(spec, row, line, city, src.name, today, gaz, report))
    if not report.ok:
        return report
    target = out / spec.filename
    existing: list[dict[str, str]] = []
    if target.exists():
        t = read_table(target, report.problems)
        existing = t.rows if t else []
    merged = _merge(existing, rows, city_code, report)
    if not report.ok:
        return report
    # Validate the whole catalog as it would be, in a scratch copy; keep nothing on failure.
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for f in out.glob("*.csv"):
            shutil.copy2(f, scratch / f.name)
        if new_city:
            write_csv(scratch / MUNICIPALITIES.filename, MUNICIPALITIES.headers(), [*cities.values(), new_city])
        write_csv(scratch / spec.filename, spec.headers(), merged)
        check = validate_dir(scratch, today=today)
        report.problems.extend(p for p in check.problems if p.severity == "error")
        if not check.ok:
            return report
    if new_city:
        write_csv(out / MUNICIPALITIES.filename, MUNICIPALITIES.headers(), [*cities.values(), new_city])
    write_csv(target, spec.headers(), merged)
    report.written = target
    return report


def _cities(out: Path, problems: list[Problem]) -> dict[str, dict[str, str]]:
    table = read_table(out / MUNICIPALITIES.filename, problems)
    return {r.get("code", ""): r for r in table.rows} if table else {}


def _complete(spec: FileSpec, row: dict[str, str], line: int, city: dict[str, str], src_name: str, today: dt.date,
              gaz: Gazetteer | TownTable | None, report: ImportReport) -> dict[str, str]:
    out = {h: row.get(h, "") for h in spec.headers()}
    out["全国地方公共団体コード"] = out["全国地方公共団体コード"] or city["code"]
    out["地方公共団体名"] = out["地方公共団体名"] or city["name"]
    raw_id = out["ID"] or f"line{line}"  # no ID published: the source line keeps it stable
    prefix = f"{spec.kind}-{city['code']}-"
    out["ID"] = raw_id if raw_id.startswith(prefix) else prefix + raw_id
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


def _merge(existing: list[dict[str, str]], new_rows: list[dict[str, str]], city_code: str,
           report: ImportReport) -> list[dict[str, str]]:
    by_id = {r["ID"]: r for r in new_rows}
    merged = []
    for row in existing:
        if row.get("全国地方公共団体コード") != city_code:
            report.kept_other += 1
            merged.append(row)
        elif row.get("ID") in by_id:
            merged.append(by_id.pop(row["ID"]))
            report.updated += 1
        else:
            merged.append(row)
    for row in new_rows:
        if row["ID"] in by_id:
            merged.append(row)
            report.added += 1
    return merged
