"""Process-wide catalog (st.cache_resource), and the clock pages use (finder.clock)."""

from __future__ import annotations

import streamlit as st

from finder import Catalog, clock
from finder.catalog.store import CatalogStore, data_dir_from_env


@st.cache_resource(show_spinner=False)
def _store_for(path: str) -> CatalogStore:
    # One store per data directory per process; it reloads by itself when the files change.
    return CatalogStore(path)


def get_store() -> CatalogStore:
    return _store_for(str(data_dir_from_env()))


def get_catalog() -> Catalog | None:
    """The last good catalog (reloaded when data files changed), or None if none ever loaded."""
    return get_store().get()


now = clock.now
