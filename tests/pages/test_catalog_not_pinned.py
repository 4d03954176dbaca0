"""An open session does not keep a replaced catalog alive.

Widget callbacks, their arguments, format functions and session state are kept by Streamlit between runs;
when they hold the catalog (or the page context that holds it), every idle session pins the catalog it last
showed and memory grows by one catalog per reload. They must hold keys and codes; after a reload, once no
page is running, only the current catalog is alive.
"""

from __future__ import annotations

import gc
import shutil
import sys
import types
import weakref

import pytest

from finder.live.catalog import Catalog
from finder.search.index import SearchIndex
from tests.pages.apptest import APP_CATALOG, MAP_CATALOG, ok, run
from ui.layout import PageContext


def _holders(ref: weakref.ref) -> list[str]:
    """What still refers to the object (for the failure message)."""
    obj = ref()
    if obj is None:
        return []
    found = [type(r).__name__ + (f" {sorted(r)[:6]}" if isinstance(r, dict) else "")
             for r in gc.get_referrers(obj) if r is not sys._getframe()]
    del obj
    return found[:8]


@pytest.fixture
def own_data(tmp_path, monkeypatch):
    """A data directory of this test's own, so the reload does not touch other tests' cached store."""
    def use(source):
        root = tmp_path / "data"
        shutil.copytree(source, root)
        monkeypatch.setenv("DXFINDER_DATA_DIR", str(root))
        return root
    return use


def _reload():
    """Reload the served catalog; returns a weak reference to the replaced one."""
    from ui import state

    store = state.get_store()
    ref = weakref.ref(store.catalog)
    if not store.refresh(force=True):
        pytest.fail("the catalog did not reload")
    return ref


def _collected(ref: weakref.ref) -> bool:
    gc.unfreeze()
    try:
        gc.collect()
        return ref() is None
    finally:
        gc.freeze()


def _path_to_catalog(root: object, depth: int = 12) -> str:
    """How ``root`` reaches a Catalog (or the page context holding one), or "" when it does not.

    Follows containers, object attributes, closures, defaults and bound methods; not a function's module
    globals (the last run's page namespace, which the next run replaces).
    """
    seen: set[int] = set()
    stack: list[tuple[object, str, int]] = [(root, "session", 0)]
    while stack:
        obj, path, level = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, (Catalog, PageContext, SearchIndex)):
            return f"{path} -> {type(obj).__name__}"
        if level >= depth or isinstance(obj, (str, bytes, int, float, bool, type, types.ModuleType)) or obj is None:
            continue
        children: list[tuple[object, str]] = []
        if isinstance(obj, types.FunctionType):
            cells = [c.cell_contents for c in obj.__closure__ or () if _filled(c)]
            children = [(v, f"{obj.__qualname__}.<closure>") for v in cells]
            children += [(v, f"{obj.__qualname__}.<default>") for v in obj.__defaults__ or ()]
        elif isinstance(obj, types.MethodType):
            children = [(obj.__self__, f"{obj.__qualname__}.__self__"), (obj.__func__, obj.__qualname__)]
        elif isinstance(obj, dict):
            children = [(v, f"[{k!r}]") for k, v in obj.items()]
        elif isinstance(obj, (list, tuple, set, frozenset)):
            children = [(v, "[]") for v in obj]
        elif hasattr(obj, "__dict__"):
            children = [(v, f".{k}") for k, v in vars(obj).items()]
        elif hasattr(obj, "__slots__"):
            children = [(getattr(obj, k), f".{k}") for k in obj.__slots__ if hasattr(obj, k)]
        stack += [(child, path + step, level + 1) for child, step in children]
    return ""


def _filled(cell) -> bool:
    try:
        cell.cell_contents  # noqa: B018
    except ValueError:
        return False
    return True


SESSIONS = [("pages/1_search.py", APP_CATALOG, {}, [("text_input", "cq_q", "つちうら")]),
            ("pages/1_search.py", APP_CATALOG, {"city": "082031"}, [("text_input", "w_q", "住民票")]),
            ("pages/4_conbini.py", APP_CATALOG, {"city": "082031"}, []),
            ("pages/7_classes.py", APP_CATALOG, {"city": "082163"}, []),
            ("pages/8_life_events.py", APP_CATALOG, {"city": "082031"}, []),
            ("pages/3_map.py", MAP_CATALOG, {"city": "082163"}, [])]


@pytest.mark.parametrize("page,data,params,actions", SESSIONS, ids=[f"{s[0]}-{i}" for i, s in enumerate(SESSIONS)])
def test_session_state_and_widget_callbacks_hold_no_catalog(own_data, page, data, params, actions):
    """Kept between runs (an idle session, or one that reruns only its search part), callbacks, their
    arguments, format functions and session values hold keys and codes, never the catalog."""
    own_data(data)
    at = ok(run(page, **params))
    for kind, key, value in actions:
        ok(getattr(at, kind)(key=key).set_value(value).run())
    state = at._session_state._state  # Streamlit's SessionState: values, widget metadata, callbacks
    assert _path_to_catalog(state) == ""


PAGES = [("pages/1_search.py", APP_CATALOG, {}), ("pages/2_detail.py", APP_CATALOG, {"city": "082031"}),
         ("pages/4_conbini.py", APP_CATALOG, {"city": "082031"}), ("pages/6_demo.py", APP_CATALOG, {}),
         ("pages/7_classes.py", APP_CATALOG, {"city": "082163"}),
         ("pages/8_life_events.py", APP_CATALOG, {"city": "082031"}), ("pages/9_about_data.py", APP_CATALOG, {}),
         ("pages/10_staff_desk.py", APP_CATALOG, {}), ("pages/3_map.py", MAP_CATALOG, {"city": "082163"}),
         ("pages/5_kiosk.py", MAP_CATALOG, {"city": "082163"})]


@pytest.mark.parametrize("page,data,params", PAGES, ids=[p[0] for p in PAGES])
def test_a_session_that_reruns_after_a_reload_lets_the_replaced_catalog_go(own_data, page, data, params):
    own_data(data)
    main = sys.modules["__main__"]
    at = ok(run(page, **params))
    ref = _reload()
    ok(at.run())
    sys.modules["__main__"] = main
    assert _collected(ref), f"{page}: a session keeps the replaced catalog after a rerun: {_holders(ref)}"
