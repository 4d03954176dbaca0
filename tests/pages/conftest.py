"""Every page test starts on the resident fixture catalog at a fixed time; a test may switch to another."""

from __future__ import annotations

import pytest

from tests.pages.apptest import APP_CATALOG


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(APP_CATALOG))
    monkeypatch.setenv("DXFINDER_NOW", "2026-12-01T10:00+09:00")  # a Tuesday
