"""A catalog replaced while a page still used it is collected once that page is done (ui.state).

The heap is frozen after each reload (gc.freeze) so collections skip the catalog. A catalog that a page was
still rendering with at the reload is frozen too; when the page lets it go it is cyclic garbage no automatic
collection looks at, so memory would stay at two catalogs' worth until the next reload.
"""

from __future__ import annotations

import gc
import shutil
import time
import weakref
from pathlib import Path

from finder.live.store import CatalogStore
from ui import state

FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"


def test_a_catalog_released_after_the_reload_is_collected(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "data")
    store = CatalogStore(tmp_path / "data")
    try:
        assert store.refresh()
        state.freeze_long_lived(store)
        in_use = store.catalog  # a page still rendering with it while the reload happens
        ref = weakref.ref(in_use)
        assert store.refresh(force=True)
        state.freeze_long_lived(store)
        assert ref() is not None  # still in use: kept
        del in_use  # the page is done
        state.release_replaced(now=time.monotonic() + state.RECOLLECT_S + 1)
        assert ref() is None
        assert store.catalog is not None
    finally:
        gc.unfreeze()


def test_nothing_is_collected_again_while_no_replaced_catalog_lives(tmp_path, monkeypatch):
    shutil.copytree(FIXTURE, tmp_path / "data")
    store = CatalogStore(tmp_path / "data")
    collections = []
    try:
        assert store.refresh()
        state.freeze_long_lived(store)
        assert store.refresh(force=True)
        state.freeze_long_lived(store)  # nobody held the old one: gone in this collection
        monkeypatch.setattr(state.gc, "collect", lambda *a: collections.append(a) or 0)
        state.release_replaced(now=time.monotonic() + 10 * state.RECOLLECT_MAX_S)
        assert collections == []
    finally:
        gc.unfreeze()
