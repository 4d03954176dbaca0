"""The small search fixture catalog (tests/fixtures/search_catalog), shared by the tests of finder.search."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from finder.live.catalog import Catalog
from finder.live.loader import load_catalog
from finder.search import SearchHit

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "search_catalog"


@cache
def catalog() -> Catalog:
    return load_catalog(FIXTURE)


def ids(query, **kw) -> list[str]:
    return [h.item.id for h in catalog().search(query, **kw)]


def top(query, **kw) -> SearchHit:
    hits = catalog().search(query, **kw)
    assert hits, f"no hits for {query!r}"
    return hits[0]
