"""The staff demo and a signed-in desk stay up while the data share stalls (residents' pages already do).

A read that hangs (a stalled network share) is simulated by replacing the page's one read from the data
directory with one that blocks until released; the page must answer within a few seconds, saying the data
is loading, and show the data once the read completes.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from finder.desk import auth
from finder.desk import publish as pub
from finder.resident import demo
from tests.pages.apptest import APP_CATALOG, ROOT

PASSWORD = "correct horse battery"  # made up for the tests
LOADING = "データを読み込んでいます"
BOUND_S = 15  # far below a stalled share's minutes; generous for a loaded 2-core machine


@pytest.fixture
def stall(monkeypatch):
    """Make ``module.name`` block until the test ends (or the returned event is set)."""
    release = threading.Event()

    def make(module, name):
        real = getattr(module, name)

        def stalled(*args, **kwargs):
            release.wait(60)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, stalled)
        return release

    yield make
    release.set()


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "data"
    shutil.copytree(APP_CATALOG, root)
    shutil.copy(ROOT / "data" / "scenarios.csv", root / "scenarios.csv")
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(root))
    return root


def _timed_run(at: AppTest) -> float:
    started = time.monotonic()
    at.run(timeout=BOUND_S + 5)
    return time.monotonic() - started


def _shown(at: AppTest) -> str:
    return "\n".join(str(e.value) for group in (at.info, at.title, at.markdown, at.error) for e in group)


def test_the_demo_page_stays_up_while_the_share_stalls(data, stall):
    release = stall(demo, "validate_scenarios")
    at = AppTest.from_file(str(ROOT / "pages" / "6_demo.py"), default_timeout=BOUND_S + 5)
    assert _timed_run(at) < BOUND_S
    assert not at.exception and LOADING in _shown(at)
    release.set()
    time.sleep(0.5)
    at.run()
    assert not at.exception and LOADING not in _shown(at)
    assert any(b.key and b.key.startswith("demo_pick_") for b in at.button)  # the scenarios are there


def test_a_signed_in_desk_stays_up_while_the_share_stalls(data, stall, monkeypatch):
    hashed = auth.hash_password(PASSWORD)
    monkeypatch.setenv("DXFINDER_STAFF_ACCOUNTS", auth.account_line("yamada", hashed))
    monkeypatch.setattr(auth.GUARD, "sleep", lambda seconds: None)
    auth.GUARD.reset()
    try:
        at = AppTest.from_file(str(ROOT / "pages" / "10_staff_desk.py"), default_timeout=60).run()
        at.text_input(key="desk_login_name").input("yamada")
        at.text_input(key="desk_login_password").input(PASSWORD)
        at.button[0].click()
        release = stall(pub, "load_base")  # the share stalls while the staff member is signed in
        assert _timed_run(at) < BOUND_S
        assert not at.exception and LOADING in _shown(at)
        release.set()
        time.sleep(0.5)
        at.run()
        assert not at.exception and LOADING not in _shown(at)
    finally:
        auth.GUARD.reset()
