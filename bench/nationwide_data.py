"""A nationwide-sized catalog directory on disk, for serving benchmarks (``DXFINDER_DATA_DIR``).

``python -m bench.nationwide_data OUT_DIR [--municipalities 1741]`` writes data/ as it is plus every item
of one of the five real cities copied for each of N generated municipalities (names from
``bench.synthetic.synthetic_names``, city names substituted, places moved with their city's office), about
75 items per municipality. Unlike the in-memory ``synthetic_catalog`` of the search benchmark (every pattern
for every city, search columns only), every row keeps its columns, so the app loads and validates the
directory like real data; copies cite their original row as source.
Municipality codes 90001–9xxxx (with their check digit) are not real codes.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench.synthcatalog import NATIONWIDE, SynthCity, _kata, _pattern_key, _real_forms, synthetic_names
from finder.live.loader import DATA_DIR, load_catalog
from finder.municipalities.codes import check_digit
from finder.text.normalize import to_hiragana

ITEM_FILES = ("procedures.csv", "certificates.csv", "wifi.csv", "classes.csv", "facilities.csv")
ID_COLS = ("id", "ID")
CODE_COLS = ("municipality_code", "全国地方公共団体コード")
NAME_COL = "地方公共団体名"
LAT_COL, LON_COL = "緯度", "経度"
# Provenance text is long and never searched: copies cite their original row instead, so that every file
# stays under the loader's size limit (finder.catalog.csvio.MAX_FILE_BYTES).
SOURCE_COLS = ("source", "出典")
NOTE_COLS = ("note", "備考")
FACILITY_COL = "施設ID"


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header)
        writer.writeheader()
        writer.writerows(rows)


def _code(index: int) -> str:
    five = f"{90001 + index:05d}"
    return five + str(check_digit(five))


def _substitute(row: dict[str, str], subs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    out = {}
    for key, value in row.items():
        for old, new in subs:
            if old and old in value:
                value = value.replace(old, new)
        out[key] = value
    return out


def write_nationwide(out: Path, municipalities: int = NATIONWIDE, source: Path = DATA_DIR) -> int:
    """Write the directory; returns the number of items in it."""
    base = load_catalog(source)
    avoid = "\n".join(f"{it.title}\n{it.title_kana}\n{to_hiragana(it.title_kana)}\n{';'.join(it.keywords)}"
                      f"\n{it.get('address')}\n{it.get('venue')}" for it in base.items)
    cities: list[SynthCity] = synthetic_names(municipalities, avoid)
    real_forms = {m.code: _real_forms(m) for m in base.municipalities}
    real_names = {m.code: m.name for m in base.municipalities}
    real_codes = sorted(real_forms)
    patterns: dict[str, list] = defaultdict(list)
    for it in base.items:
        patterns[_pattern_key(it)].append(it)
    shutil.copytree(source, out, dirs_exist_ok=True)  # data/ as it is, the national layer (national/) included

    header, munis = _read(source / "municipalities.csv")
    by_code = {row["code"]: row for row in munis}
    office = {code: (float(row["lat"]), float(row["lon"])) for code, row in by_code.items()}
    codes = [_code(i) for i in range(len(cities))]
    for ci, (city, code) in enumerate(zip(cities, codes)):
        row = dict(by_code[real_codes[ci % len(real_codes)]])  # the office of the city it copies
        row.update(code=code, name=city.name, name_kana=city.kana + city.suffix[1],
                   name_en=f"{city.romaji.capitalize()} {city.suffix[2]}", prefecture="架空県")
        munis.append(row)
    _write(out / "municipalities.csv", header, munis)

    files = {name: _read(source / name) for name in ITEM_FILES if (source / name).exists()}
    row_of: dict[str, tuple[str, dict[str, str]]] = {}
    for name, (header, rows) in files.items():
        id_col = next(c for c in ID_COLS if c in header)
        for row in rows:
            row_of[row[id_col]] = (name, row)
    total = len(base.items)
    for ci, (city, code) in enumerate(zip(cities, codes)):
        home = real_codes[ci % len(real_codes)]
        prefix = f"s{code}-"
        for versions in patterns.values():
            tpl = next((v for v in versions if v.municipality_code == home), None)
            if tpl is None:  # a city has its own version of each item its template city has, nothing more
                continue
            if tpl.id not in row_of:  # built from the national list, not a row of data/: a made-up city has none
                continue
            name, row = row_of[tpl.id]
            header = files[name][0]
            stem, kana, romaji = real_forms[tpl.municipality_code]
            subs = ((real_names[tpl.municipality_code], city.name), (stem, city.stem), (kana, city.kana),
                    (_kata(kana), _kata(city.kana)), (romaji, city.romaji.capitalize()))
            new = _substitute(row, subs)
            for col in SOURCE_COLS:
                if col in new:
                    new[col] = f"合成データ / synthetic copy of {tpl.id} (bench.nationwide_data)"
            for col in NOTE_COLS:
                if col in new:
                    new[col] = ""
            id_col = next(c for c in ID_COLS if c in header)
            new[id_col] = prefix + row[id_col]
            new[next(c for c in CODE_COLS if c in header)] = code
            if NAME_COL in header:
                new[NAME_COL] = city.name
            if row.get(LAT_COL) and row.get(LON_COL):  # keep the place as far from the office as it really is
                (home_lat, home_lon), (tpl_lat, tpl_lon) = office[home], office[tpl.municipality_code]
                new[LAT_COL] = f"{float(row[LAT_COL]) + home_lat - tpl_lat:.6f}"
                new[LON_COL] = f"{float(row[LON_COL]) + home_lon - tpl_lon:.6f}"
            if row.get(FACILITY_COL):  # every place is copied for every city, so its copy is there
                new[FACILITY_COL] = prefix + row[FACILITY_COL]
            files[name][1].append(new)
            total += 1
    for name, (header, rows) in files.items():
        _write(out / name, header, rows)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.nationwide_data",
                                     description="write a nationwide-sized synthetic catalog directory")
    parser.add_argument("out", type=Path)
    parser.add_argument("--municipalities", type=int, default=NATIONWIDE)
    args = parser.parse_args(argv)
    if args.out.resolve() == DATA_DIR.resolve():
        parser.error("refusing to overwrite the project's data/")
    started = time.perf_counter()
    items = write_nationwide(args.out, args.municipalities)
    print(f"wrote {args.out}: {args.municipalities} synthetic municipalities + the real ones, {items} items "
          f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
