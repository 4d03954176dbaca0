"""The national municipality table (data/national/municipalities.csv), loaded once per process."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from finder.municipalities.municipality import Municipality, english_name

NATIONAL_DIR = Path(__file__).resolve().parents[2] / "data" / "national"
MUNICIPALITIES_CSV = NATIONAL_DIR / "municipalities.csv"
TOWNS_CSV_GZ = NATIONAL_DIR / "towns.csv.gz"


# Fields only the national table knows; a curated city of data/municipalities.csv takes them from its row here.
NATIONAL_ONLY = ("ward", "parent_code", "ward_kana", "name_romaji", "prefecture_kana", "kind", "designated")


def _float(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class NationalTable:
    rows: tuple[Municipality, ...]
    by_code: dict[str, Municipality]

    def get(self, code: str) -> Municipality | None:
        return self.by_code.get(code)

    def wards_of(self, code: str) -> list[Municipality]:
        return [m for m in self.rows if m.parent_code == code]


def read_table(path: Path) -> NationalTable:
    with path.open(encoding="utf-8", newline="") as f:
        rows = tuple(Municipality(
            code=r["code"], name=r["name"], ward=r["ward"], parent_code=r["parent_code"],
            name_kana=r["name_kana"], ward_kana=r["ward_kana"], name_romaji=r["name_romaji"],
            prefecture=r["prefecture"], prefecture_kana=r["prefecture_kana"], kind=r["kind"],
            designated=r["designated"] == "yes", lat=_float(r["lat"]), lon=_float(r["lon"]), website=r["website"],
            source=r["source"], checked=r["checked"], name_en=english_name(r["name_romaji"], r["kind"]),
        ) for r in csv.DictReader(f))
    return NationalTable(rows, {m.code: m for m in rows})


@lru_cache(maxsize=4)
def load_table(path: Path | None = None) -> NationalTable:
    """Cached: the table is read-only, so every caller in the process shares one copy."""
    return read_table(path or MUNICIPALITIES_CSV)


def resolve_city(code: str) -> str:
    """The code whose services apply: a designated-city ward gives its city, anything else itself."""
    m = load_table().get(code)
    return m.parent_code if m is not None and m.parent_code else code
