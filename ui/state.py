"""Process-wide catalog (st.cache_resource) and the injectable clock."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import streamlit as st

from finder import Catalog
from finder.store import CatalogStore, data_dir_from_env

TOKYO = ZoneInfo("Asia/Tokyo")
NOW_ENV = "DXFINDER_NOW"


@st.cache_resource(show_spinner=False)
def _store_for(path: str) -> CatalogStore:
    # One store per data directory per process; it reloads by itself when the files change.
    return CatalogStore(path)


def get_store() -> CatalogStore:
    return _store_for(str(data_dir_from_env()))


def get_catalog() -> Catalog | None:
    """The last good catalog (reloaded when data files changed), or None if none ever loaded."""
    return get_store().get()


def now() -> dt.datetime:
    """Current time in Asia/Tokyo; $DXFINDER_NOW (e.g. 2026-12-30T10:00+09:00) overrides it in tests."""
    value = os.environ.get(NOW_ENV, "").strip()
    if value:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed.replace(tzinfo=TOKYO) if parsed.tzinfo is None else parsed.astimezone(TOKYO)
    return dt.datetime.now(TOKYO)
