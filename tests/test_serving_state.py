"""Per-search cost on the live server: no full collection after each run, catalog frozen, repeated searches remembered."""

from __future__ import annotations

import gc
import re
import weakref
from pathlib import Path

from finder.live.loader import load_catalog
from finder.live.store import CatalogStore
from ui import state

ROOT = Path(__file__).resolve().parent.parent


def test_streamlit_does_not_collect_the_whole_heap_after_every_run():
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^\[runner\]\s*(?:#.*\n\s*)*postScriptGC\s*=\s*false", config, re.M)


def test_a_loaded_catalog_is_frozen_once_per_reload(tmp_path):
    store = CatalogStore()
    store.refresh()
    try:
        state.freeze_long_lived(store)
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        state.freeze_long_lived(store)  # same catalog: nothing to do
        assert gc.get_freeze_count() == 0
        store.refresh(force=True)
        state.freeze_long_lived(store)  # a new catalog: frozen again
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_repeated_searches_are_remembered_per_catalog_and_filters():
    catalog = load_catalog()
    calls = []
    search = catalog.search

    def counting(*args, **kwargs):
        calls.append(args)
        return search(*args, **kwargs)

    catalog.search = counting
    first = state.search(catalog, "住民票", municipality="土浦市", kinds={"certificate"}, limit=5)
    again = state.search(catalog, "住民票", municipality="土浦市", kinds={"certificate"}, limit=5)
    assert first == again == search("住民票", municipality="土浦市", kinds={"certificate"}, limit=5)
    assert len(calls) == 1
    state.search(catalog, "住民票", municipality="笠間市", kinds={"certificate"}, limit=5)
    state.search(catalog, "住民票", limit=6)
    assert len(calls) == 3
    again.clear()  # callers get their own list
    assert state.search(catalog, "住民票", municipality="土浦市", kinds={"certificate"}, limit=5) == first


def test_remembered_searches_do_not_keep_a_replaced_catalog_alive():
    old, new = load_catalog(), load_catalog()
    state.search(old, "住民票")
    assert old in state._search_cache and new not in state._search_cache
    ref = weakref.ref(old)
    del old
    gc.collect()
    assert ref() is None
