"""The national layer of the catalog: every municipality's national items, made on demand (lazily).

Only the ~34 templates are indexed (once); a search scoped to a municipality without curated data
searches the templates and turns each hit into that municipality's item, so memory and search time do
not grow with the 1,741 municipalities (materializing them would be ~59,000 items that all say the same).
A ward stands for its designated city (札幌市中央区 -> 札幌市), whose services apply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.municipalities.scope import CityInQuery, find_city_in_query
from finder.municipalities.table import load_table
from finder.national.list_items import with_list
from finder.national.templates import Template, instantiate, load_templates, parse_item_id, template_item
from finder.search import Match, SearchHit, SearchIndex
from finder.text.normalize import search_key

_TITLE_PREFIX_MAX = 8


@dataclass
class _TemplateCatalog:
    """What SearchIndex reads (finder.search.data.CatalogData): the templates as items of no municipality."""

    items: list[Item]
    synonyms: list[tuple[str, ...]]
    readings: dict[str, str]
    municipalities: list[Municipality] = field(default_factory=list)

    def municipality(self, name_or_code: str | None) -> Municipality | None:
        return None


def vocabulary(items: Iterable[Item], synonyms: Iterable[tuple[str, ...]]) -> frozenset[str]:
    """Search keys of the words a catalog uses (keywords, synonyms, the start of titles): such a word in a
    query means the catalog's thing, not a municipality of the same bare name (さくら, 昭和)."""
    words: set[str] = set()
    for it in items:
        words.update(search_key(k) for k in it.keywords)
        for title in (it.title, it.title_kana):
            key = search_key(title).replace(" ", "")
            words.update(key[:n] for n in range(2, min(len(key), _TITLE_PREFIX_MAX) + 1))
    for group in synonyms:
        words.update(search_key(t) for t in group)
    words.discard("")
    return frozenset(words)


@lru_cache(maxsize=256)
def _city_row(code: str) -> Municipality | None:
    row = load_table().get(code)
    return None if row is None else replace(row, source=f"{row.source} (via data/national/municipalities.csv)")


class NationalLayer:
    """National items for every municipality the curated catalog does not cover."""

    def __init__(self, curated_codes: Iterable[str], synonyms: list[tuple[str, ...]] | None = None,
                 readings: dict[str, str] | None = None, words: frozenset[str] = frozenset(),
                 templates: tuple[Template, ...] | None = None):
        self.curated_codes = frozenset(curated_codes)
        self.templates = templates if templates is not None else load_templates()
        self._by_key = {t.key: t for t in self.templates}
        self._synonyms = synonyms or []
        self._readings = readings or {}
        self.words = words

    @cached_property
    def index(self) -> SearchIndex:
        """The templates' search index, built on first use (a few hundred ms, a few MB)."""
        items = [template_item(t) for t in self.templates]
        return SearchIndex(_TemplateCatalog(items, self._synonyms, self._readings))

    def warm(self) -> None:
        """Build the templates' index and the municipality look-up now rather than on a first search."""
        _ = self.index
        self.city_in_query("土浦 住民票")

    # --- municipalities -------------------------------------------------------------------------

    def municipality(self, code: str) -> Municipality | None:
        """A national-table municipality in the catalog's Municipality shape (office fields unknown)."""
        return _city_row(code)

    def city_in_query(self, query: object) -> CityInQuery | None:
        """The municipality a query names (札幌 住民票), or None; ordinary words never count."""
        return find_city_in_query(query, self.words)

    # --- items ----------------------------------------------------------------------------------

    def _city(self, code: str):
        m = load_table().get(code)
        return None if m is None or m.parent_code or code in self.curated_codes else m

    def items(self, code: str, kind: str | None = None) -> list[Item]:
        """The municipality's national items (of one kind), in template order; [] for a curated city."""
        city = self._city(code)
        if city is None:
            return []
        made = (self._make(t, city) for t in self.templates if kind is None or t.kind == kind)
        return [it for it in made if it is not None]

    @staticmethod
    def _make(template: Template, city) -> Item | None:
        """The template as the city's item with the national list's cell; None where the list says ー."""
        return with_list(instantiate(template, city))

    def get(self, item_id: object) -> Item | None:
        """The national item with this id (``nat-011002-juminhyo``), or None."""
        parsed = parse_item_id(item_id)
        if parsed is None:
            return None
        city, template = self._city(parsed[0]), self._by_key.get(parsed[1])
        return self._make(template, city) if city is not None and template is not None else None

    def search(self, query: str, code: str, kinds: set[str] | None = None, limit: int = 10,
               note: str = "") -> list[SearchHit]:
        """Search the templates and return them as this municipality's items (``note``: the city named in
        the query, given as a city Match as the curated index does)."""
        city = self._city(code)
        if city is None:
            return []
        hits = self.index.search(query, kinds=kinds, limit=limit + 4)  # room for items the list says ー
        out = []
        for hit in hits:
            matches = (*hit.matches, Match("municipality", "city", note)) if note else hit.matches
            item = self._make(self._by_key[parse_item_id(hit.item.id)[1]], city)
            if item is not None:
                out.append(SearchHit(item, hit.score, matches))
        return out[:limit]
