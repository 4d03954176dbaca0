"""Process-wide catalog (st.cache_resource), and the clock pages use (finder.clock)."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections import OrderedDict

import streamlit as st

from finder import clock
from finder.catalog.background import Background
from finder.live.catalog import Catalog
from finder.live.store import CatalogStore, data_dir_from_env
from finder.search.index import SearchHit

SEARCH_CACHE_SIZE = 2048  # distinct (query, city, kinds, limit) per catalog
_frozen_at: dict[int, int] = {}  # id(store) -> store.reloads when the heap was last frozen
_served: dict[int, weakref.ref] = {}  # id(store) -> the catalog frozen last
_replaced: list[weakref.ref] = []  # replaced catalogs still alive at the last collection
RECOLLECT_S = 30.0  # first wait before collecting again for a replaced catalog; doubles up to RECOLLECT_MAX_S
RECOLLECT_MAX_S = 600.0
_recollect = {"at": 0.0, "wait": RECOLLECT_S}
_search_cache: weakref.WeakKeyDictionary[Catalog, OrderedDict] = weakref.WeakKeyDictionary()
_search_lock = threading.Lock()
_background = Background()
OFF_PAGE_WAIT_S = 2.0


@st.cache_resource(show_spinner=False)
def _store_for(path: str) -> CatalogStore:
    # One store per data directory per process; it reloads by itself when the files change. The first load
    # happens here, so the heap is frozen with the catalog in it before the first search.
    store = CatalogStore(path)
    store.refresh()
    freeze_long_lived(store)
    return store


def freeze_long_lived(store: CatalogStore) -> None:
    """After a catalog (re)load, move the heap out of the automatic collections' reach (gc.freeze).

    The catalog and its index live until the next reload; walking them on every collection was most of a
    search's CPU. Unfreezing first lets the collection reclaim a replaced catalog.
    """
    if store.catalog is not None and _frozen_at.get(id(store)) != store.reloads:
        _frozen_at[id(store)] = store.reloads
        previous = _served.get(id(store))
        _served[id(store)] = weakref.ref(store.catalog)
        if previous is not None and previous() is not None and previous() is not store.catalog:
            _replaced.append(previous)
        _recollect.update(wait=RECOLLECT_S)
        _collect_and_freeze()


def _collect_and_freeze() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _replaced[:] = [ref for ref in _replaced if ref() is not None]
    _recollect["at"] = time.monotonic()


def release_replaced(now: float | None = None) -> None:
    """Collect again while a replaced catalog is still alive: one that a page was still using at the reload
    is frozen with the rest, and once that page is done it is garbage no automatic collection looks at.
    Tried after RECOLLECT_S, then less and less often (up to RECOLLECT_MAX_S) while something still holds it."""
    now = time.monotonic() if now is None else now
    if not _replaced or now - _recollect["at"] < _recollect["wait"]:
        return
    _collect_and_freeze()
    if _replaced:
        _recollect["wait"] = min(RECOLLECT_MAX_S, _recollect["wait"] * 2)


def get_store() -> CatalogStore:
    store = _store_for(str(data_dir_from_env()))
    freeze_long_lived(store)
    release_replaced()
    return store


def get_catalog() -> Catalog | None:
    """The last good catalog (reloaded when data files changed), or None if none ever loaded."""
    return get_store().get()


def search(catalog: Catalog, query: str, municipality: str | None = None, kinds: set[str] | None = None,
           limit: int = 10) -> list[SearchHit]:
    """``catalog.search`` remembered per catalog: residents ask the same few things, and a repeated
    query then costs no search. A reloaded catalog starts with an empty memory (the old one goes with it)."""
    key = (query, municipality, tuple(sorted(kinds)) if kinds else None, limit)
    with _search_lock:
        memory = _search_cache.setdefault(catalog, OrderedDict())
        hits = memory.get(key)
        if hits is not None:
            memory.move_to_end(key)
            return list(hits)
    hits = catalog.search(query, municipality=municipality, kinds=kinds, limit=limit)
    with _search_lock:
        memory[key] = tuple(hits)
        if len(memory) > SEARCH_CACHE_SIZE:
            memory.popitem(last=False)
    return hits


now = clock.now


def off_page(key: tuple, compute, wait: float = OFF_PAGE_WAIT_S, latest: bool = False):
    """``compute()`` run off the page (a read from the data directory, which may stall): once per ``key``,
    or with ``latest`` afresh on every run, falling back to the last result while a read is slow. None
    while nothing is ready after ``wait`` seconds (finder.catalog.background)."""
    return _background.get(key, compute, wait, latest)
