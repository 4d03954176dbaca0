"""Loading the catalog from data/ into items, with validation first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from finder.catalog import versions
from finder.catalog.cells import parse_float, split_list
from finder.catalog.csvio import Problem
from finder.catalog.schema import ITEM_SPECS, LIFE_EVENT_MAP, MUNICIPALITIES, READINGS, SYNONYMS, FileSpec
from finder.catalog.validate import ValidationResult, validate_dir, validate_files
from finder.model import Item, LifeEventStep, Municipality
from finder.national.layer import NationalLayer, vocabulary
from finder.national.scope import CityInQuery
from finder.search import SearchHit, SearchIndex

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class CatalogError(Exception):
    """The catalog could not be loaded; ``problems`` says exactly where."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        shown = "\n".join(str(p) for p in errors[:20])
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"catalog has {len(errors)} error(s):\n{shown}{more}")


class Catalog:
    """All items of all kinds, plus the staff-edited synonyms, readings and life events.

    With a ``national`` layer (load_catalog adds one) every municipality in Japan is in scope: get, of_kind,
    municipality and search accept any national code, name, ward (-> its city) or postal code, and a
    municipality without curated rows gets its national items (finder.national.layer).
    """

    def __init__(self, items: list[Item], municipalities: list[Municipality],
                 synonyms: list[tuple[str, ...]] | None = None, readings: dict[str, str] | None = None,
                 life_events: list[LifeEventStep] | None = None, notes: list[Problem] | None = None,
                 path: Path | None = None, national: NationalLayer | None = None):
        self.items = items
        self.municipalities = municipalities
        self.synonyms = synonyms or []
        self.readings = readings or {}
        self.life_events = life_events or []
        self.notes = notes or []
        self.path = path
        self._by_id = {it.id: it for it in items}
        self._cities = {m.code: m for m in municipalities}
        self._cities.update({m.name: m for m in municipalities})
        self.national = national

    def __len__(self) -> int:
        return len(self.items)

    def get(self, item_id: str) -> Item | None:
        item = self._by_id.get(item_id)
        if item is None and self.national is not None:
            item = self.national.get(item_id)
        return item

    def municipality(self, name_or_code: str | None) -> Municipality | None:
        """A city by code, name, or name without 市 (e.g. '土浦'); with the national layer also any
        municipality in Japan by code, postal code or exact name, a ward giving its city."""
        if not name_or_code:
            return None
        key = str(name_or_code).strip()
        found = self._cities.get(key) or self._cities.get(key + "市") or next(
            (m for m in self.municipalities if m.name_en.lower() == key.lower()), None)
        if found is None and self.national is not None:
            code = self.national.city_code(key)
            found = (self._cities.get(code) or self.national.municipality(code)) if code else None
        return found

    def of_kind(self, kind: str, municipality: str | None = None) -> list[Item]:
        city = self.municipality(municipality) if municipality else None
        if city is not None and city.code not in self._cities and self.national is not None:
            return self.national.items(city.code, kind)
        return [it for it in self.items
                if it.kind == kind and (city is None or it.municipality_code == city.code)]

    @cached_property
    def index(self) -> SearchIndex:
        return SearchIndex(self)

    def warm(self) -> None:
        """Build every search index now (the curated one and the national layer's), so that no resident's
        first keystroke pays for it."""
        _ = self.index
        if self.national is not None:
            self.national.warm()

    def search(self, query: str, municipality: str | None = None, kinds: set[str] | None = None,
               limit: int = 10) -> list[SearchHit]:
        """Curated items as before; a municipality without curated rows, chosen or named in the query
        (札幌 住民票), gets its national items. A query naming no city never lists national items."""
        layer = self.national
        if layer is not None:
            if municipality not in (None, ""):
                city = self.municipality(municipality)
                if city is not None and city.code not in self._cities:
                    named = layer.city_in_query(query)
                    same = named is not None and named.city_code == city.code
                    return layer.search(named.rest if same else query, city.code, kinds, limit)
            else:
                named = layer.city_in_query(query)
                if named is not None and named.city_code not in self._cities:
                    return layer.search(named.rest, named.city_code, kinds, limit, note=named.match.city)
        return self.index.search(query, municipality=municipality, kinds=kinds, limit=limit)

    def city_in_query(self, query: str) -> CityInQuery | None:
        """The municipality a query names (finder.national.scope.CityInQuery: the city, the rest of the
        query and same-named alternatives such as 府中), or None; None without the national layer."""
        return self.national.city_in_query(query) if self.national is not None else None


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
    for row in tables[MUNICIPALITIES.filename].rows:
        m = Municipality(
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
    national = NationalLayer(cities, synonyms, readings, vocabulary(items, synonyms)) if national_layer else None
    return Catalog(items, list(cities.values()), synonyms, readings, sorted(steps, key=lambda s: (s.event, s.order)),
                   notes=result.problems, path=root, national=national)
