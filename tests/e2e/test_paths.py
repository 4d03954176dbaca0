"""The resident's main paths in the real app, in Debian's chromium (one server for the whole module).

Every external host is blocked (helpers.OFFLINE_RULES), as on a machine without internet: the map still shows
its markers, because Leaflet and Leaflet.markercluster come from the app itself (static/ at /app/static/).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from urllib.parse import parse_qs, urlparse

import pytest

from finder.i18n import t
from finder.live.loader import load_catalog
from tests.e2e.helpers import (
    FIXED_NOW,
    KIOSK_IDLE_SECONDS,
    LOCAL_HOSTS,
    act,
    new_context,
    new_page,
    open_app,
    open_filters,
    type_query,
)
from ui.routes import KIOSK, MAP

NOW = dt.datetime.fromisoformat(FIXED_NOW)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def first_titles(page, n: int = 3) -> list[str]:
    return [s.strip() for s in page.locator('[data-testid="stMain"] .dxf-card .dxf-title').all_inner_texts()[:n]]


def test_shared_url_restores_the_view(browser, page, app):
    open_app(page, app.url)
    open_filters(page)
    act(page, page.get_by_text(t("kind.procedure"), exact=True).click)
    type_query(page, "てんしゅつ")
    shared = page.url
    params = parse_qs(urlparse(shared).query)
    assert params.get("q") == ["てんしゅつ"] and params.get("kind") == ["procedure"]
    before = first_titles(page, 10)
    # someone else opens the link in a fresh browser
    other = new_context(browser)
    try:
        fresh = new_page(other)
        open_app(fresh, shared.split("?")[0].rstrip("/"), **{k: v[0] for k, v in params.items()})
        assert fresh.locator('[data-testid="stTextInput"] input').first.input_value() == "てんしゅつ"
        checked = fresh.locator('[data-testid="stRadio"] input[type="radio"]:checked')
        assert checked.count() >= 1
        assert first_titles(fresh, 10) == before
        cards = fresh.locator('[data-testid="stMain"] .dxf-card .dxf-kind').all_inner_texts()
        assert cards and all(t("kind.procedure") in c for c in cards)
    finally:
        other.close()


def test_kiosk_goes_back_to_start_when_left_alone(page, app):
    open_app(page, app.url, KIOSK.url_path)
    lead = t("kiosk.lead", "ja")
    page.get_by_role("heading", name=lead).wait_for()
    # Not act(): the idle check reruns part of the page every moment, so the page is never still while the
    # Wi-Fi view is up, and waiting for stillness under load could outlast the 5 s timeout itself.
    page.get_by_role("button", name=re.compile("^📶")).first.click()
    page.get_by_role("heading", name=re.compile(t("kiosk.wifi", "ja"))).first.wait_for()
    assert page.get_by_role("heading", name=lead).count() == 0
    start = time.monotonic()
    page.get_by_role("heading", name=lead).wait_for(timeout=(KIOSK_IDLE_SECONDS + 10) * 1000)
    waited = time.monotonic() - start
    assert waited >= KIOSK_IDLE_SECONDS - 2, f"reset after {waited:.1f}s, before the {KIOSK_IDLE_SECONDS}s timeout"
    assert page.get_by_role("heading", name=re.compile(t("kiosk.wifi", "ja"))).count() == 0


def map_frame(page):
    page.locator('iframe[title*="streamlit_folium"]').first.wait_for()
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.locator(".leaflet-container").first.wait_for()
    return frame


def marker_counts(frame) -> tuple[dict[str, int], list[int]]:
    """Markers per layer symbol, and the numbers shown on cluster bubbles."""
    symbols = frame.locator(".leaflet-marker-icon.dxf-marker").all_inner_texts()
    per: dict[str, int] = {}
    for s in symbols:
        per[s.strip()] = per.get(s.strip(), 0) + 1
    clusters = [int(n) for n in frame.locator(".marker-cluster").all_inner_texts() if n.strip().isdigit()]
    return per, clusters


def wait_markers(frame, total: int, timeout: float = 20.0) -> tuple[dict[str, int], list[int]]:
    deadline = time.monotonic() + timeout
    per, clusters = {}, []
    while time.monotonic() < deadline:
        per, clusters = marker_counts(frame)
        if sum(per.values()) + sum(clusters) == total:
            break
        frame.page.wait_for_timeout(200)
    return per, clusters


@pytest.mark.parametrize("city", ["笠間市", "つくば市"])
def test_map_shows_the_markers_of_a_city(page, app, catalog, city):
    from finder.resident import mapview

    static, external = [], []
    page.on("response", lambda r: static.append(urlparse(r.url).path) if "/app/static/" in r.url and r.ok else None)
    page.on("request", lambda r: external.append(r.url)
            if urlparse(r.url).scheme.startswith("http") and urlparse(r.url).hostname not in LOCAL_HOSTS else None)
    layers = [layer.kind for layer in mapview.LAYERS]
    everywhere = sum(len(items) for items in mapview.mappable(catalog.items, layers).values())
    code = catalog.municipality(city).code
    per_kind = mapview.mappable(catalog.items, layers, code)
    expected = {layer.symbol: len(per_kind.get(layer.kind, [])) for layer in mapview.LAYERS}
    total = sum(expected.values())
    assert total > 0
    open_app(page, app.url, MAP.url_path)
    # every city's markers first (the large-cluster mode), from the app's own Leaflet
    per, clusters = wait_markers(map_frame(page), everywhere)
    assert sum(per.values()) + sum(clusters) == everywhere, (per, clusters)
    assert {"/app/static/leaflet.js", "/app/static/leaflet.markercluster.js", "/app/static/leaflet.css"} <= set(static)
    # nothing but map tiles asks the outside world (they are blocked here: the markers show on a plain background)
    assert [u for u in external if "tile.openstreetmap.org" not in u] == []
    select = page.locator('[data-testid="stSelectbox"]').filter(has_text=t("map.city", "ja")).first
    act(page, lambda: (select.click(), page.get_by_role("option", name=city, exact=True).click()))
    frame = map_frame(page)
    per, clusters = wait_markers(frame, total)
    assert sum(per.values()) + sum(clusters) == total, (per, clusters, expected)
    clustered = {layer.symbol for layer in mapview.LAYERS
                 if mapview.cluster_mode(expected[layer.symbol]) != "plain"}
    for symbol, count in expected.items():
        if symbol not in clustered:  # unclustered layers show every marker
            assert per.get(symbol, 0) == count, (symbol, per, expected)
    if not clustered:
        assert clusters == []
    # the layer switcher counts what the city has, per layer
    control = frame.locator(".leaflet-control-layers").inner_text()
    for layer in mapview.LAYERS:
        if expected[layer.symbol]:
            assert f"({expected[layer.symbol]})" in control
