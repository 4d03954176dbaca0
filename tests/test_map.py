"""Map building (finder.resident.mapview): layers, popups, clustering, tiles, nearest places (page: tests/pages)."""

from __future__ import annotations

import datetime as dt
import html
import json
import random
import re
import time

import pytest

from finder.resident import mapview, nearby, place_text
from finder.resident.mapview import LAYERS, Item

TODAY = dt.date(2026, 11, 23)


def make_item(kind: str = "wifi", n: int = 0, lat: float = 36.08, lon: float = 140.2, **data: str) -> Item:
    return Item(kind=kind, id=f"{kind}-{n}", title=f"{kind} {n}", title_kana="", title_en="", municipality="土浦市",
                municipality_code="082031", lat=lat, lon=lon, coord_precision=data.pop("precision", "exact"),
                is_sample=data.pop("sample", "") == "yes", data=data)


def marker_rows(html: str) -> list[list]:
    """The JSON marker arrays of every JsonMarkerLayer in rendered map HTML."""
    return [row for m in re.finditer(r"var data = (\[.*?\]);\n", html) for row in json.loads(m.group(1))]


# --- layers and legend -------------------------------------------------------------------------------

def test_layers_differ_by_shape_and_symbol_not_only_colour():
    assert [layer.kind for layer in LAYERS] == ["wifi", "class", "facility"]
    assert len({layer.shape for layer in LAYERS}) == len(LAYERS)
    assert len({layer.symbol for layer in LAYERS}) == len(LAYERS)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_legend_has_symbol_and_text_for_each_layer(lang):
    legend = mapview.legend_html(LAYERS, lang)
    for layer in LAYERS:
        assert f"{layer.mark(lang)} = {html.escape(layer.label(lang))}" in legend
    assert 'aria-label="' in legend


# --- popups ------------------------------------------------------------------------------------------

def test_wifi_popup_shows_ssid_hours_and_detail_link(map_catalog):
    html = mapview.popup_html(map_catalog.get("fx-wifi-lib"), "ja", base_url="/")
    assert "テスト図書館Wi-Fi" in html and "SSID: TEST_FREE_WIFI" in html and "利用時間: 10:00-18:00" in html
    assert 'href="/?item=fx-wifi-lib" target="_top"' in html
    assert "おおよその位置" not in html


def test_unknown_ssid_says_unknown(map_catalog):
    assert "SSID: 不明" in mapview.popup_html(map_catalog.get("fx-wifi-hall"), "ja")


def test_town_precision_is_marked_approximate(map_catalog):
    item = map_catalog.get("fx-wifi-town")
    assert item.coord_precision == "town"
    assert "おおよその位置" in mapview.popup_html(item, "ja")
    assert "Approximate location" in mapview.popup_html(item, "en")
    assert "おおよその位置" in mapview.tooltip_text(item, "ja")


def test_class_popup_shows_next_session_and_facility_popup_hours(map_catalog):
    html = mapview.popup_html(map_catalog.get("fx-class-1"), "ja", today=TODAY)
    assert "次回: 2030-01-15 10:00–12:00" in html and "会場: テスト市立図書館" in html and "サンプル" not in html
    sample = mapview.popup_html(map_catalog.get("fx-class-sample"), "ja", today=TODAY)
    assert "次回: サンプル (日程は例です)" in sample and "2029-12-01" not in sample
    assert "開館: 火-日 10:00–18:00" in mapview.popup_html(map_catalog.get("fx-fac-lib"), "ja")
    assert "窓口あり" in mapview.popup_html(map_catalog.get("fx-fac-hall"), "ja")


def test_ended_class_says_ended_and_undated_says_not_announced():
    ended = dict(place_text.detail_lines(make_item("class", start_date="2020-01-01"), "ja", TODAY))
    undated = dict(place_text.detail_lines(make_item("class"), "ja", TODAY))
    assert ended["次回"] == "終了しました" and undated["次回"] == "日程は未定"


# --- clustering and scale ----------------------------------------------------------------------------

def test_cluster_mode_thresholds():
    assert mapview.cluster_mode(1) == "plain"
    assert mapview.cluster_mode(mapview.CLUSTER_MIN) == "cluster"
    assert mapview.cluster_mode(mapview.FAST_CLUSTER_MIN) == "fast"
    assert mapview.cluster_mode(5000) == "fast"


def test_fixture_map_layers_counts_and_points_without_coordinates(map_catalog):
    built = mapview.build_map(map_catalog.items, today=TODAY)
    assert built.counts == {"wifi": 4, "class": 4, "facility": 4}
    assert built.without_point == {"wifi": 0, "class": 0, "facility": 1}
    html = built.fmap.get_root().render()
    assert len(marker_rows(html)) == 12
    assert html.count("L.featureGroup()") == 3  # small layers are not clustered
    assert "dxf-legend" in html and "OpenStreetMap" in html  # legend and tile attribution


def test_city_filter_and_layer_choice(map_catalog):
    built = mapview.build_map(map_catalog.items, kinds=["wifi"], city_code="082163", today=TODAY)
    assert built.counts == {"wifi": 1}
    rows = marker_rows(built.fmap.get_root().render())
    assert [r[5] for r in rows] == ["テスト笠間Wi-Fi"]


def test_5000_markers_use_browser_side_clustering_and_stay_small_and_fast():
    rnd = random.Random(7)
    items = [make_item(LAYERS[n % 3].kind, n, 36 + rnd.random() * 0.4, 140 + rnd.random() * 0.4, ssid="FREE")
             for n in range(6000)]
    start = time.perf_counter()
    built = mapview.build_map(items, today=TODAY)
    html = built.fmap.get_root().render()
    seconds = time.perf_counter() - start
    assert set(built.modes.values()) == {"fast"}
    assert html.count("chunkedLoading") == 3
    assert len(marker_rows(html)) == 6000
    assert seconds < 5, seconds  # measured ~0.3 s; folium.Marker objects took >3 s and 4x the HTML
    assert len(html) < 4_000_000, len(html)


def test_no_tiles_still_draws_markers_and_legend(map_catalog):
    html = mapview.build_map(map_catalog.items, tiles=None, today=TODAY).fmap.get_root().render()
    assert "tile.openstreetmap.org" not in html
    assert len(marker_rows(html)) == 12 and "dxf-legend" in html


@pytest.mark.parametrize("env, expected", [
    ({}, ("OpenStreetMap", mapview.OSM_ATTRIBUTION)),
    ({"DXFINDER_MAP_TILES": "none"}, (None, None)),
    ({"DXFINDER_MAP_TILES": "https://tiles.example/{z}/{x}/{y}.png"}, ("OpenStreetMap", mapview.OSM_ATTRIBUTION)),
    ({"DXFINDER_MAP_TILES": "https://tiles.example/{z}/{x}/{y}.png", "DXFINDER_MAP_ATTRIBUTION": "© Example"},
     ("https://tiles.example/{z}/{x}/{y}.png", "© Example")),
])
def test_tiles_from_env(env, expected):
    assert mapview.tiles_from_env(env) == expected


# --- near a point ------------------------------------------------------------------------------------

def test_nearest_places_sorted_with_walking_time_and_no_ended_classes(map_catalog):
    lib = map_catalog.get("fx-fac-lib")
    near = nearby.nearest_places(map_catalog.items, lib.lat, lib.lon, limit=10, today=TODAY)
    ids = [n.item.id for n in near]
    assert ids[:3] == ["fx-class-1", "fx-wifi-lib", "fx-wifi-hall"]
    assert "fx-class-past" not in ids and all(n.item.kind in ("wifi", "class") for n in near)
    assert "fx-class-sample" not in ids  # an example, not a class one can walk to
    assert [n.metres for n in near] == sorted(n.metres for n in near)
    hall = near[2]
    assert 100 < hall.metres < 160 and hall.walk_min == 2
    assert place_text.walk_text(hall, "ja") == "徒歩約2分 (130 m)"


def test_near_markers_are_numbered_on_the_map(map_catalog):
    lib = map_catalog.get("fx-fac-lib")
    near = nearby.nearest_places(map_catalog.items, lib.lat, lib.lon, limit=3, today=TODAY)
    html = mapview.build_map(map_catalog.items, origin=(lib.lat, lib.lon), near=near, today=TODAY) \
        .fmap.get_root().render()
    numbered = [r for r in marker_rows(html) if str(r[4]).startswith(("1. ", "2. ", "3. "))]
    assert len(numbered) == 3 and "徒歩約" in numbered[0][3]


@pytest.mark.parametrize("value, expected", [
    ({"last_clicked": {"lat": 36.1, "lng": 140.2}}, (36.1, 140.2)),
    ({"last_clicked": None}, None),
    ({"last_clicked": {"lat": "x", "lng": 1}}, None),
    ({"last_clicked": {"lat": 95, "lng": 1}}, None),
    (None, None),
    ("junk", None),
])
def test_point_from_map_value(value, expected):
    assert mapview.point_from_map_value(value) == expected
