"""Export the catalog as one CSV (formula-safe) or GeoJSON, and one city's rows in the open-data layouts.

``status`` is a certificate's or a service's own status and a procedure's online status (the question a
resident asks first); ``status_as_of`` is the date it was true and ``status_note`` what the source says about
it. ``checked`` is the day the source was read, not the date of the fact.
"""

from __future__ import annotations

import csv
import io
import json

from finder.catalog.csvio import neutralize_formula
from finder.catalog.schema import SPEC_BY_KIND
from finder.i18n.messages import Message
from finder.live.catalog import Catalog

EXPORT_COLUMNS = ["kind", "id", "municipality_code", "municipality", "title", "title_kana", "title_en",
                  "summary", "status", "status_as_of", "status_note", "lat", "lon", "coord_precision", "level",
                  "is_sample", "source", "checked"]


def exported_items(catalog: Catalog, samples: bool = False) -> list:
    """The items an export carries: sample rows (made-up dates) only when asked for, since whoever reuses
    a file cannot see the app's 「サンプル」 mark."""
    return [it for it in catalog.items if samples or not it.is_sample]


def catalog_rows(catalog: Catalog, samples: bool = False) -> list[dict[str, str]]:
    rows = []
    for it in exported_items(catalog, samples):
        rows.append({
            "kind": it.kind, "id": it.id, "municipality_code": it.municipality_code,
            "municipality": it.municipality, "title": it.title, "title_kana": it.title_kana,
            "title_en": it.title_en, "summary": it.summary,
            "status": it.get("status") or it.get("online_status"), "status_as_of": it.get("status_as_of"),
            "status_note": it.get("status_note"),
            "lat": "" if it.lat is None else f"{it.lat:.6f}", "lon": "" if it.lon is None else f"{it.lon:.6f}",
            "coord_precision": it.coord_precision, "level": it.level,
            "is_sample": "yes" if it.is_sample else "no", "source": it.source, "checked": it.checked,
        })
    return rows


def catalog_csv(catalog: Catalog, samples: bool = False) -> bytes:
    """UTF-8 with BOM (so Excel opens Japanese correctly); formula-like cells are neutralised. Sample rows
    only with ``samples``."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in catalog_rows(catalog, samples):
        writer.writerow({k: neutralize_formula(v) for k, v in row.items()})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def catalog_geojson(catalog: Catalog, samples: bool = False) -> bytes:
    """Every item with coordinates as a point; sample rows only with ``samples``."""
    features = []
    for row, it in zip(catalog_rows(catalog, samples), exported_items(catalog, samples)):
        if it.lat is None or it.lon is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [it.lon, it.lat]},
                         "properties": props})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


# In the 自治体標準オープンデータセット layouts our files follow (Wi-Fi, events, facilities), the standard
# columns come first and end with 備考; the columns after it are this project's additions.
STANDARD_LAST_HEADER = "備考"
OPEN_DATA_KINDS = ("wifi", "class", "facility")


def open_data_headers(kind: str) -> list[str]:
    """The standard layout's headers for Wi-Fi, events and facilities; every column for kinds with no standard."""
    headers = SPEC_BY_KIND[kind].headers()
    if kind in OPEN_DATA_KINDS:
        return headers[: headers.index(STANDARD_LAST_HEADER) + 1]
    return headers


def city_open_data_csv(catalog: Catalog, kind: str, city_code: str, encoding: str = "utf-8") -> bytes:
    """One city's rows of one kind in the open-data layout, ready for the city's open-data site.

    Sample rows are left out: they are not facts a city can publish. UTF-8 gets a BOM so Excel reads it;
    ``cp932`` (Shift_JIS) raises ValueError naming the first row and column it cannot encode.
    Formula-like cells are neutralised as in catalog_csv.
    """
    spec = SPEC_BY_KIND[kind]
    keys = {c.header: c.key for c in spec.columns}
    headers = open_data_headers(kind)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    for item in catalog.of_kind(kind, city_code):
        if item.is_sample:
            continue
        row = [neutralize_formula(item.data.get(keys[h], "")) for h in headers]
        if encoding == "cp932":
            for header, value in zip(headers, row):
                try:
                    value.encode("cp932")
                except UnicodeEncodeError as exc:
                    raise ValueError(Message("export.not_shift_jis", where=f"{item.id}:{header}",
                                             char=repr(value[exc.start]))) from exc
        writer.writerow(row)
    text = buf.getvalue()
    return text.encode("cp932") if encoding == "cp932" else ("\ufeff" + text).encode("utf-8")
