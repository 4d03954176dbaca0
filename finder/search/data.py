"""``CatalogData``: what the search index reads from a catalog, so search need not know the catalog class."""

from __future__ import annotations

from typing import Protocol

from finder.model import Item
from finder.municipalities.municipality import Municipality


class CatalogData(Protocol):
    """What the search index reads from a catalog (finder.live.catalog.Catalog is one)."""

    items: list[Item]
    municipalities: list[Municipality]
    synonyms: list[tuple[str, ...]]
    readings: dict[str, str]

    def municipality(self, name_or_code: str | None) -> Municipality | None: ...
