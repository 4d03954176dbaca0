"""Process-wide catalog (st.cache_resource), and the clock pages use (finder.clock)."""

from __future__ import annotations

import gc

import streamlit as st

from finder import Catalog, clock
from finder.catalog.store import CatalogStore, data_dir_from_env

_frozen_at: dict[int, int] = {}  # id(store) -> store.reloads when the heap was last frozen


@st.cache_resource(show_spinner=False)
def _store_for(path: str) -> CatalogStore:
    # One store per data directory per process; it reloads by itself when the files change.
    return CatalogStore(path)


def freeze_long_lived(store: CatalogStore) -> None:
    """After a catalog (re)load, move the heap out of the automatic collections' reach (gc.freeze).

    The catalog and its index live until the next reload; walking them on every collection was most of a
    search's CPU. Unfreezing first lets the collection reclaim a replaced catalog.
    """
    if store.catalog is not None and _frozen_at.get(id(store)) != store.reloads:
        _frozen_at[id(store)] = store.reloads
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def get_store() -> CatalogStore:
    store = _store_for(str(data_dir_from_env()))
    freeze_long_lived(store)
    return store


def get_catalog() -> Catalog | None:
    """The last good catalog (reloaded when data files changed), or None if none ever loaded."""
    return get_store().get()


now = clock.now
