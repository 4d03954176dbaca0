"""A catalog ``municipalities.csv`` row for any code of the national table, so that an open-data import
for a city outside the curated five can add the city it needs (office fields stay empty: unknown)."""

from __future__ import annotations

from finder.national.index import romaji_words
from finder.national.table import load_table

# The end of the source of a municipalities.csv row made here: the row came with an open-data import.
IMPORTED_MARK = "(via data/national/municipalities.csv)"
KIND_EN = {"市": "City", "町": "Town", "村": "Village", "区": "Ward"}


def name_en(name_romaji: str, kind: str) -> str:
    """'fuchu-shi' -> 'Fuchu City'; 'sapporo-shi chuo-ku' -> 'Sapporo Chuo Ward' (from the reading)."""
    return " ".join(bare.capitalize() for bare, _ in romaji_words(name_romaji)) + " " + KIND_EN.get(kind, "")


def catalog_city_row(code: str) -> dict[str, str] | None:
    """The row in the catalog's municipalities.csv layout, or None for a code not in the national table."""
    m = load_table().get(code)
    if m is None:
        return None
    return {"code": m.code, "name": m.name, "name_kana": m.name_kana, "name_en": name_en(m.name_romaji, m.kind).strip(),
            "prefecture": m.prefecture, "office_name": "", "office_address": "",
            "lat": "" if m.lat is None else f"{m.lat}", "lon": "" if m.lon is None else f"{m.lon}", "phone": "",
            "website": m.website, "source": f"{m.source} {IMPORTED_MARK}",
            "checked": m.checked}
