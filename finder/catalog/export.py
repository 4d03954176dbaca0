"""Export the catalog as one CSV (formula-safe) or GeoJSON.

``status`` is a certificate's or a service's own status and a procedure's online status (the question a
resident asks first); ``status_as_of`` is the date it was true and ``status_note`` what the source says about
it. ``checked`` is the day the source was read, not the date of the fact.
"""

from __future__ import annotations

import csv
import io
import json

from finder.catalog.csvio import neutralize_formula
from finder.catalog.loader import Catalog

EXPORT_COLUMNS = ["kind", "id", "municipality_code", "municipality", "title", "title_kana", "title_en",
                  "summary", "status", "status_as_of", "status_note", "lat", "lon", "coord_precision", "level",
                  "is_sample", "source", "checked"]


def catalog_rows(catalog: Catalog) -> list[dict[str, str]]:
    rows = []
    for it in catalog.items:
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


def catalog_csv(catalog: Catalog) -> bytes:
    """UTF-8 with BOM (so Excel opens Japanese correctly); formula-like cells are neutralised."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in catalog_rows(catalog):
        writer.writerow({k: neutralize_formula(v) for k, v in row.items()})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def catalog_geojson(catalog: Catalog) -> bytes:
    features = []
    for row, it in zip(catalog_rows(catalog), catalog.items):
        if it.lat is None or it.lon is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [it.lon, it.lat]},
                         "properties": props})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
