"""A catalog ``municipalities.csv`` row for any code of the national table, so that an open-data import
for a city outside the curated five can add the city it needs (office fields stay empty: unknown)."""

from __future__ import annotations

from finder.municipalities.municipality import Municipality
from finder.municipalities.table import load_table

# The end of the source of a municipalities.csv row made here: the row came with an open-data import.
IMPORTED_MARK = "(via data/national/municipalities.csv)"


def is_imported(m: Municipality) -> bool:
    """A catalog city an open-data import added from the national table (東京都's Wi-Fi list), not one of the
    catalog's own: its row's source ends with IMPORTED_MARK."""
    return m.source.endswith(IMPORTED_MARK)


def catalog_city_row(code: str) -> dict[str, str] | None:
    """The row in the catalog's municipalities.csv layout, or None for a code not in the national table."""
    m = load_table().get(code)
    if m is None:
        return None
    return {"code": m.code, "name": m.name, "name_kana": m.name_kana, "name_en": m.name_en,
            "prefecture": m.prefecture, "office_name": "", "office_address": "",
            "lat": "" if m.lat is None else f"{m.lat}", "lon": "" if m.lon is None else f"{m.lon}", "phone": "",
            "website": m.website, "source": f"{m.source} {IMPORTED_MARK}",
            "checked": m.checked}
