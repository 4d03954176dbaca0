"""Fill town-level coordinates in the place files (facilities, wifi, classes).

Why: most venues have no published coordinates. For a facility row marked 座標精度 ``town`` we take
the 町字 representative point of its 住所 from the Geolonia gazetteer (CC BY 4.0) and credit it in
出典. Wi-Fi and class rows that name a 施設ID copy the facility's point, so one venue always has one
point. Rows marked ``exact`` or ``none`` are never touched. The gazetteer itself is read from
/work/shared/reference and is never copied into the repository.

Usage: ``.venv/bin/python scripts/derive_coords.py [--data data] [--gazetteer DIR] [--check]``
(``--check`` reports what would change and exits 1 if anything would).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from finder.catalog.schema import CLASSES, FACILITIES, WIFI, FileSpec  # noqa: E402
from finder.municipalities.gazetteer import Gazetteer  # noqa: E402

DEFAULT_GAZETTEER = Path("/work/shared/reference/gazetteer")
CREDIT = "座標: Geolonia 住所データ 町字代表点 (CC BY 4.0)"


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, spec: FileSpec, rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=spec.headers(), lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({h: row.get(h, "") for h in spec.headers()})
    return buf.getvalue()


def _credit(row: dict[str, str]) -> None:
    if CREDIT not in row["出典"]:
        row["出典"] = f"{row['出典']}; {CREDIT}".lstrip("; ")


def fill_facilities(rows: list[dict[str, str]], gaz: Gazetteer) -> list[str]:
    """Set lat/lon of rows marked town from their address; returns warnings."""
    warnings = []
    for row in rows:
        if row["座標精度"] != "town":
            continue
        point = gaz.locate(row["地方公共団体名"], row["住所"])
        if point is None:
            warnings.append(f"{row['ID']}: no town for {row['住所']!r}; set to none")
            row["緯度"] = row["経度"] = ""
            row["座標精度"] = "none"
            continue
        row["緯度"], row["経度"] = f"{point.lat:.6f}", f"{point.lon:.6f}"
        _credit(row)
    return warnings


def copy_from_facilities(rows: list[dict[str, str]], facilities: dict[str, dict[str, str]]) -> list[str]:
    """Give rows that name a 施設ID the facility's point and, when empty, its address."""
    warnings = []
    for row in rows:
        fid = row.get("施設ID", "")
        if not fid:
            continue
        fac = facilities.get(fid)
        if fac is None:
            warnings.append(f"{row['ID']}: unknown 施設ID {fid!r}")
            continue
        row["緯度"], row["経度"], row["座標精度"] = fac["緯度"], fac["経度"], fac["座標精度"]
        if not row.get("住所"):
            row["住所"] = fac["住所"]
        if fac["座標精度"] == "town":
            _credit(row)
    return warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--gazetteer", type=Path, default=DEFAULT_GAZETTEER)
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if a file would change")
    args = parser.parse_args(argv)

    gaz = Gazetteer.from_dir(args.gazetteer)
    tables = {}
    for spec in (FACILITIES, WIFI, CLASSES):
        header, rows = read_rows(args.data / spec.filename)
        if header != spec.headers():
            print(f"{spec.filename}: header differs from finder/schema.py", file=sys.stderr)
            return 2
        tables[spec.filename] = rows
    warnings = fill_facilities(tables[FACILITIES.filename], gaz)
    by_id = {r["ID"]: r for r in tables[FACILITIES.filename]}
    for spec in (WIFI, CLASSES):
        warnings += copy_from_facilities(tables[spec.filename], by_id)
    for w in warnings:
        print("warning:", w, file=sys.stderr)

    changed = []
    for spec in (FACILITIES, WIFI, CLASSES):
        path = args.data / spec.filename
        text = write_rows(path, spec, tables[spec.filename])
        if path.read_text(encoding="utf-8") != text:
            changed.append(spec.filename)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    verb = "would change" if args.check else "updated"
    print(f"{verb}: {', '.join(changed) or 'nothing'}")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
