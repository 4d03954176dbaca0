"""``Catalog``: the loaded catalog the app serves, its items, cities and search, curated and national."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from finder.catalog.csvio import Problem
from finder.model import Item, LifeEventStep
from finder.municipalities.catalog_row import is_imported
from finder.municipalities.municipality import Municipality
from finder.municipalities.scope import CityInQuery, find_city_in_query, resolve
from finder.national.layer import NationalLayer
from finder.search import SearchHit, SearchIndex


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
        """A municipality by any spelling the resolver understands (finder.municipalities.scope.resolve: code,
        postal code, name with or without 市, ひらがな, カタカナ, romaji, English, a ward giving its city). Curated
        cities always; with the national layer also every other municipality in Japan."""
        if not name_or_code:
            return None
        key = str(name_or_code).strip()
        found = self._cities.get(key)  # a code or exact name: also a fixture city outside the national table
        if found is None:
            matches = resolve(key)
            code = matches[0].city_code if matches else ""
            found = self._cities.get(code)
            if found is None and code and self.national is not None:
                found = self.national.municipality(code)
        return found

    def of_kind(self, kind: str, municipality: str | None = None) -> list[Item]:
        city = self.municipality(municipality) if municipality else None
        own = [it for it in self.items if it.kind == kind and (city is None or it.municipality_code == city.code)]
        if city is not None and self._national_for(city.code):
            return own + self.national.items(city.code, kind)
        return own

    def _national_for(self, code: str) -> bool:
        """Whether the national layer gives this municipality's procedures (it has no curated ones)."""
        return self.national is not None and code not in self.national.curated_codes

    @cached_property
    def curated_municipalities(self) -> list[Municipality]:
        """The catalog's own cities (the five), without those an open-data import added from the national
        table for their Wi-Fi list alone (finder.municipalities.catalog_row): pickers and comparisons list these."""
        return [m for m in self.municipalities if not is_imported(m)]

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
        (札幌 住民票), gets its national items. A query naming no city never lists national items.
        The city named in the query is found once (city_in_query) and handed to the index."""
        layer = self.national
        if municipality not in (None, ""):
            city = self.municipality(municipality) if layer is not None else None
            if layer is not None and city is not None and self._national_for(city.code):
                named = self.city_in_query(query, agree=city.code)
                text = query if named is None else named.rest
                own = lambda: self.index.search(text, municipality=city.code, kinds=kinds, limit=limit)  # noqa: E731
                return self._with_own(layer.search(text, city.code, kinds, limit), city.code, own, limit)
            return self.index.search(query, municipality=municipality, kinds=kinds, limit=limit)
        named = self.city_in_query(query)
        if layer is not None and named is not None and self._national_for(named.city_code):
            hits = layer.search(named.rest, named.city_code, kinds, limit, note=named.match.city)
            own = lambda: self.index.search(query, kinds=kinds, limit=limit, named=named)  # noqa: E731
            return self._with_own(hits, named.city_code, own, limit)
        return self.index.search(query, kinds=kinds, limit=limit, named=named)

    def _with_own(self, national: list[SearchHit], code: str, own: Callable[[], list[SearchHit]],
                  limit: int) -> list[SearchHit]:
        """National hits together with the municipality's own rows (an imported Wi-Fi list), best first."""
        if code not in self._cities:
            return national
        return sorted(national + own(), key=lambda h: -h.score)[:limit]

    def city_in_query(self, query: object, agree: str = "") -> CityInQuery | None:
        """The municipality a query names (finder.municipalities.scope.find_city_in_query: the city, the rest of
        the query): one of the catalog's own cities, or with the national layer any municipality in Japan.
        ``agree``: only that city code counts."""
        layer = self.national
        return find_city_in_query(query, layer.words if layer is not None else (), own=self.index.cities,
                                  nationwide=layer is not None, agree=agree)
