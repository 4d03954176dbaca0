"""Loading the catalog from data/ (or uploaded files) into a ``Catalog``, with validation first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from finder.catalog import versions
from finder.catalog.cells import parse_float, split_list
from finder.catalog.csvio import Problem
from finder.catalog.schema import ITEM_SPECS, LIFE_EVENT_MAP, MUNICIPALITIES, READINGS, SYNONYMS, FileSpec
from finder.catalog.validate import ValidationResult, validate_dir, validate_files
from finder.live.catalog import Catalog, CatalogError
from finder.model import Item, LifeEventStep
from finder.municipalities.catalog_row import is_imported
from finder.municipalities.municipality import Municipality
from finder.municipalities.table import NATIONAL_ONLY, load_table
from finder.national.layer import NationalLayer, vocabulary
from finder.national.list_items import merge_catalog

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def _item_from_row(spec: FileSpec, row: dict[str, str], cities: dict[str, Municipality]) -> Item:
    data = {c.key: row.get(c.header, "") for c in spec.columns}
    code = data["municipality_code"]
    lat, lon = parse_float(data.get("lat") or "x"), parse_float(data.get("lon") or "x")
    return Item(
        kind=spec.kind,
        id=data["id"],
        title=data["title"],
        title_kana=data.get("title_kana", ""),
        title_en=data.get("title_en", ""),
        municipality=cities[code].name if code in cities else data.get("municipality_name", ""),
        municipality_code=code,
        summary=data.get("summary") or data.get("description") or data.get("note", ""),
        keywords=tuple(split_list(data.get("keywords", ""))),
        lat=lat,
        lon=lon,
        coord_precision=data.get("coord_precision") or ("exact" if lat is not None else "none"),
        level=data.get("level") or "city",
        is_sample=data.get("is_sample") == "yes",
        source=data.get("source", ""),
        checked=data.get("checked", ""),
        data=data,
    )


def load_catalog(path: Path | str | None = None, today: dt.date | None = None,
                 national_layer: bool = True) -> Catalog:
    """Validate and load a catalog directory (default: the project's data/), with the national layer for
    every other municipality in Japan unless ``national_layer`` is False.

    Raises CatalogError listing every problem when any file has an error.
    """
    root = Path(path) if path else DATA_DIR
    if not root.is_dir():
        return _from_result(validate_dir(root, today=today), root, national_layer)
    snap = versions.snapshot(root)  # mid-write or after a killed writer: the last complete version
    return load_files(snap.files, root, today, snap.problems, national_layer)


def load_files(files: Mapping[str, bytes], path: Path | None = None, today: dt.date | None = None,
               read_problems: list[Problem] | None = None, national_layer: bool = True) -> Catalog:
    """Validate and load catalog files already read (one consistent version); raises CatalogError."""
    return _from_result(validate_files(files, today, read_problems), path, national_layer)


def _from_result(result: ValidationResult, root: Path | None, national_layer: bool = True) -> Catalog:
    if not result.ok:
        raise CatalogError(result.problems)
    tables = result.tables
    cities: dict[str, Municipality] = {}
    national = load_table()
    for row in tables[MUNICIPALITIES.filename].rows:
        same = national.get(row["code"])  # the national row adds kind, romaji, ward and prefecture readings
        m = Municipality(**({f: getattr(same, f) for f in NATIONAL_ONLY} if same else {}), curated=True,
            code=row["code"], name=row["name"], name_kana=row["name_kana"], name_en=row["name_en"],
            prefecture=row["prefecture"], office_name=row.get("office_name", ""),
            office_address=row.get("office_address", ""),
            lat=parse_float(row.get("lat") or "x"), lon=parse_float(row.get("lon") or "x"),
            phone=row.get("phone", ""), website=row.get("website", ""),
            source=row.get("source", ""), checked=row.get("checked", ""))
        cities[m.code] = m
    items: list[Item] = []
    for spec in ITEM_SPECS:
        table = tables.get(spec.filename)
        if table:
            items.extend(_item_from_row(spec, row, cities) for row in table.rows)
    synonyms = [tuple(split_list(r["terms"])) for r in tables[SYNONYMS.filename].rows] \
        if SYNONYMS.filename in tables else []
    readings = {r["surface"]: r["reading"] for r in tables[READINGS.filename].rows} \
        if READINGS.filename in tables else {}
    steps = [LifeEventStep(r["event"], r["event_en"], int(r["order"]), r["procedure_key"], r.get("note", ""),
                           r.get("done_in", ""), r.get("note_en", ""))
             for r in tables[LIFE_EVENT_MAP.filename].rows] if LIFE_EVENT_MAP.filename in tables else []
    # The catalog's own cities (rows of their own, not added by an open-data import) have the national list
    # merged with their curated rows; a city an import added (東京都's Wi-Fi list), or one without rows yet,
    # gets its national items beside whatever rows it has.
    with_rows = {it.municipality_code for it in items}
    curated = {code for code, m in cities.items() if code in with_rows and not is_imported(m)}
    if root is not None and (root / "national" / "online_status.csv").is_file():
        items, _ = merge_catalog(items, curated)  # one item per procedure and city: curated row + national list
    own_words = vocabulary([it for it in items if it.municipality_code in curated], synonyms)  # not imported place names
    national = NationalLayer(curated, synonyms, readings, own_words) if national_layer else None
    return Catalog(items, list(cities.values()), synonyms, readings, sorted(steps, key=lambda s: (s.event, s.order)),
                   notes=result.problems, path=root, national=national)
