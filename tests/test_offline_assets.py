"""The map's scripts come from the app (static/), and a kiosk can use tiles shipped with it."""

from __future__ import annotations

import re
from pathlib import Path

from finder.live.loader import load_catalog
from finder.resident import mapview

ROOT = Path(__file__).resolve().parent.parent


def test_every_map_asset_is_served_by_the_app():
    catalog = load_catalog()
    html = mapview.build_map(catalog.items).fmap.get_root().render()
    links = set(re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html))
    assert links == {mapview.STATIC_URL + name for name in mapview.STATIC_ASSETS}
    for name in mapview.STATIC_ASSETS:
        assert (ROOT / "static" / name).stat().st_size > 500


def test_static_serving_is_on():
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^enableStaticServing\s*=\s*true", config, re.M)


def test_cdn_links_become_local_and_the_rest_is_dropped():
    links = [("leaflet", "https://cdn.example/npm/leaflet@1.9.3/dist/leaflet.js"),
             ("jquery", "https://code.example/jquery-3.7.1.min.js")]
    assert mapview.local_assets(links) == [("leaflet", "/app/static/leaflet.js")]


def test_a_kiosk_can_use_tiles_shipped_in_static():
    env = {"DXFINDER_MAP_TILES": "/app/static/tiles/{z}/{x}/{y}.png", "DXFINDER_MAP_ATTRIBUTION": "© OSM"}
    assert mapview.tiles_from_env(env) == ("/app/static/tiles/{z}/{x}/{y}.png", "© OSM")
    assert mapview.tiles_from_env({"DXFINDER_MAP_TILES": "none"}) == (None, None)
    # other local paths, path climbing and missing credit fall back to the default
    for bad in ({"DXFINDER_MAP_TILES": "/etc/{z}/{x}/{y}.png", "DXFINDER_MAP_ATTRIBUTION": "x"},
                {"DXFINDER_MAP_TILES": "/app/static/../{z}.png", "DXFINDER_MAP_ATTRIBUTION": "x"},
                {"DXFINDER_MAP_TILES": "/app/static/tiles/{z}/{x}/{y}.png"}):
        assert mapview.tiles_from_env(bad) == (mapview.DEFAULT_TILES, mapview.OSM_ATTRIBUTION)
