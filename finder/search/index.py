"""``SearchIndex``: build once from a catalog, then search it (read-only, thread-safe).

A query is normalized and split into words; a municipality named in it (笠間 wifi) becomes a filter,
a kind named in it (wifi, スマホ教室) lifts that kind. The whole query and, with several words, each
word is scored as a *pass* (finder.search.score); the passes are combined and ranked
(finder.search.results). How the index is laid out: finder.search.build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from finder.municipalities.scope import CityInQuery, find_city_in_query, own_city
from finder.search.build import build
from finder.search.hit import Match, SearchHit
from finder.search.kinds import kind_mask
from finder.search.results import browse_hits, collect
from finder.search.score import CityScopes, Pass, run_pass
from finder.text.normalize import MAX_QUERY_CHARS, normalize

if TYPE_CHECKING:
    import numpy as np

    from finder.municipalities.cities import CityLexicon
    from finder.search.data import CatalogData

MAX_TOKENS = 6
MAX_LIMIT = 500


class SearchIndex:
    """All normalized keys of a catalog, built once; ``search`` is read-only and thread-safe."""

    def __init__(self, catalog: CatalogData):
        self.catalog = catalog
        self.items = catalog.items
        self._t = build(catalog)
        self.reader = self._t.reader
        self._city_rank = {m.code: i for i, m in enumerate(catalog.municipalities)}
        self._scopes = CityScopes(self._t.docs)

    @property
    def cities(self) -> CityLexicon:
        """Every key that names one of this catalog's cities (for finder.municipalities.scope.find_city_in_query)."""
        return self._t.cities

    def sizes(self) -> dict[str, int]:
        """How big the index is: items, documents (items with identical texts share one), distinct keys."""
        docs = self._t.docs
        return {"items": len(self.items), "documents": len(docs.doc_kind), "distinct_keys": len(docs.keys)}

    def resolve_city(self, name_or_code: object) -> int | None:
        """Municipality index for a name, code, kana or romaji name; None when unknown."""
        if name_or_code is None:
            return None
        m = self.catalog.municipality(str(name_or_code)) if isinstance(name_or_code, str) else None
        if m is not None and m.code in self._city_rank:
            return self._city_rank[m.code]
        return own_city(name_or_code, self._t.cities)

    def search(self, query: str, municipality: str | None = None, kinds: set[str] | None = None,
               limit: int = 10, named: CityInQuery | None | bool = True) -> list[SearchHit]:
        """Hits for a query. ``named``: the city the query names, when the caller already found it with
        find_city_in_query (None: none); by default this index finds it among its own cities."""
        try:
            limit = max(0, min(MAX_LIMIT, int(limit)))
        except (TypeError, ValueError, OverflowError):
            limit = 10
        if limit == 0:
            return []
        kind_ok = kind_mask(kinds)
        if not kind_ok.any():
            return []
        city: int | None = None
        if municipality not in (None, ""):
            city = self.resolve_city(municipality)
            if city is None:
                return []
        q = normalize(query, max_chars=MAX_QUERY_CHARS)
        if not q:
            return browse_hits(self._t, city, kind_ok, limit, 0.0, None)
        if named is True:
            agree = "" if city is None else self.catalog.municipalities[city].code
            named = find_city_in_query(q, own=self._t.cities, nationwide=False, agree=agree)
        found_city = None if not isinstance(named, CityInQuery) else self._city_rank.get(named.city_code)
        if found_city is not None and city not in (None, found_city):
            found_city = None  # the query names another city than the one chosen: its name is a plain word
        if found_city is None:
            tokens = q.split()[:MAX_TOKENS]
            city_match = None
        else:
            tokens = normalize(named.rest, max_chars=MAX_QUERY_CHARS).split()[:MAX_TOKENS]
            city_match = Match("municipality", "city", self.catalog.municipalities[found_city].name)
        if city is None:
            city = found_city
        rest = " ".join(tokens)
        if not rest:
            # Only a place was typed: that city's items in browse order, items named after it first.
            hits = collect(self._t, [self._pass(q, city, kind_ok)], [], city, kind_ok, limit, city_match)
            seen = {h.item.id for h in hits}
            extra = [h for h in browse_hits(self._t, city, kind_ok, limit + len(hits), 50.0, city_match)
                     if h.item.id not in seen]
            return (hits + extra)[:limit]
        whole = self._pass(rest, city, kind_ok)
        token_passes = [self._pass(t, city, kind_ok) for t in tokens] if len(tokens) > 1 else []
        return collect(self._t, [whole], token_passes, city, kind_ok, limit, city_match)

    def _pass(self, text: str, city: int | None, kind_ok: np.ndarray) -> Pass:
        return run_pass(self._t, self._scopes, text, city, kind_ok)
