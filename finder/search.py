"""PLACEHOLDER search (substring only) so pages can be built; replaced by the real engine (issue 3).

The public API below is fixed: SearchIndex(catalog), .search(query, municipality=None, kinds=None,
limit=10) -> list[SearchHit]; SearchHit has .item, .score (0-100), .matched (human-readable).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog
    from .model import Item

MAX_QUERY_CHARS = 200


@dataclass(frozen=True, slots=True)
class SearchHit:
    item: Item
    score: float
    matched: str


class SearchIndex:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def search(self, query: str, municipality: str | None = None, kinds: set[str] | None = None,
               limit: int = 10) -> list[SearchHit]:
        q = unicodedata.normalize("NFKC", str(query or ""))[:MAX_QUERY_CHARS].strip().lower()
        city = self.catalog.municipality(municipality) if municipality else None
        hits = []
        for it in self.catalog.items:
            if kinds and it.kind not in kinds:
                continue
            if city and it.municipality_code != city.code:
                continue
            if not q:
                hits.append(SearchHit(it, 0.0, ""))
            elif q in it.title.lower() or q in it.title_kana or q in it.title_en.lower():
                hits.append(SearchHit(it, 100.0, f"名称: {it.title}"))
        return hits[:limit]
