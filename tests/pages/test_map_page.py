"""pages/3_map.py: layers, legend, the plain list, near a facility or a clicked point, 6,000 sites."""

from __future__ import annotations

import random

import pytest
from streamlit.testing.v1 import AppTest

from finder.i18n import t
from finder.resident.mapview import LAYERS
from tests.pages.apptest import MAP_CATALOG as FIXTURE
from tests.pages.apptest import ROOT, ok, run


@pytest.fixture
def page(monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    return ok(run("pages/3_map.py"))


def _list_names(at) -> list[str]:
    frame = at.dataframe[0].value
    return sorted(frame[t("map.name", "ja")].tolist())


def test_page_layers_legend_and_list(page):
    labels = [c.label for c in page.checkbox]
    for layer in LAYERS:
        assert f"{layer.symbol} {layer.label('ja')}" in labels
    assert any("dxf-legend" in m.value for m in page.markdown)
    assert len(_list_names(page)) == 12
    assert any("OpenStreetMap" in c.value for c in page.caption)
    assert any("1 件は地図に出ていません" in c.value for c in page.caption)


def test_page_layer_toggle_and_city_filter(page):
    page.checkbox(key="map_layer_facility").uncheck().run()
    assert len(_list_names(page)) == 8
    page.selectbox(key="map_city").set_value("082163").run()
    assert _list_names(page) == ["テストスマホ相談会", "テスト笠間Wi-Fi"]


def test_page_near_a_facility(page):
    page.radio(key="map_how").set_value("facility").run()
    page.selectbox(key="map_facility").set_value("fx-fac-lib").run()
    assert "テスト市立図書館 から近い順" in [s.value for s in page.subheader]
    cards = [m.value for m in page.markdown if "dxf-card" in m.value and "<div" in m.value]
    assert len(cards) == 4 and "1. 徒歩約1分" in cards[0]
    assert "テストスマホ教室 (終了)" not in "".join(cards)


def test_page_near_a_clicked_point(page):
    page.session_state["map_how"] = "click"  # what a click on the map sets (pages/3_map.py _on_map_change)
    page.session_state["map_point"] = (36.3451, 140.3041)
    page.run()
    assert "クリックした地点 から近い順" in [s.value for s in page.subheader]
    cards = [m.value for m in page.markdown if "dxf-card" in m.value and "<div" in m.value]
    assert "テスト笠間Wi-Fi" in cards[0] or "テストスマホ相談会" in cards[0]
    page.button(key="map_clear").click().run()
    assert "map_point" not in page.session_state


def test_page_with_6000_wifi_sites_finds_the_nearest(tmp_path, monkeypatch):
    """A large layer still renders and answers (its speed is a benchmark's business, not asserted here)."""
    from tests.catalog_factory import make_catalog, wifi_row

    rnd = random.Random(3)
    rows = [wifi_row(ID=f"w{i}", 名称=f"施設{i}", 緯度=f"{36.3 + rnd.random() * 0.1:.6f}",
                     経度=f"{140.25 + rnd.random() * 0.1:.6f}") for i in range(6000)]
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(make_catalog(tmp_path / "big", {"wifi": rows})))
    at = AppTest.from_file(str(ROOT / "pages" / "3_map.py"), default_timeout=120)
    at.run()
    assert not at.exception
    at.session_state["map_how"] = "click"
    at.session_state["map_point"] = (36.35, 140.3)
    at.run()
    assert not at.exception
    assert "クリックした地点 から近い順" in [s.value for s in at.subheader]


def test_page_in_english(page):
    page.session_state["dxf_lang"] = "en"
    page.run()
    labels = [c.label for c in page.checkbox]
    assert "W Public Wi-Fi" in labels and page.title[0].value == "Map"


def test_page_opened_from_a_detail_link_centres_on_that_place(monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    at = ok(run("pages/3_map.py", city="土浦市", focus="fx-fac-lib"))
    assert at.selectbox(key="map_city").value == "082031"
    assert "テスト市立図書館 から近い順" in [s.value for s in at.subheader]


def test_walking_distance_is_a_note_not_a_match(page):
    page.radio(key="map_how").set_value("facility").run()
    page.selectbox(key="map_facility").set_value("fx-fac-lib").run()
    cards = [m.value for m in page.markdown if "dxf-card" in m.value and "<div" in m.value]
    assert "1. 徒歩約1分" in cards[0] and "一致:" not in cards[0]


def test_page_near_a_typed_town_with_the_gazetteer_credit(page):
    assert page.radio(key="map_how").value == "address"  # typing works on every phone: the first choice
    page.text_input(key="map_address").input("土浦市大和町9-1").run()
    assert "土浦市 大和町 から近い順" in [s.value for s in page.subheader]
    assert any("Geolonia 住所データ" in c.value and "おおよその位置" in c.value for c in page.caption)
    cards = [m.value for m in page.markdown if "dxf-card" in m.value and "<div" in m.value]
    assert "テスト市役所Wi-Fi" in cards[0] and "1. 徒歩約2分" in cards[0]  # 大和町's point is by the hall


def test_page_typed_town_with_several_matches_offers_them(page):
    page.text_input(key="map_address").input("研究学園").run()
    options = page.selectbox(key="map_candidate").options
    assert options[0] == "つくば市 研究学園一丁目" and len(options) == 7
    assert "つくば市 研究学園一丁目 から近い順" in [s.value for s in page.subheader]
    page.selectbox(key="map_candidate").set_value("つくば市 研究学園五丁目").run()
    assert "つくば市 研究学園五丁目 から近い順" in [s.value for s in page.subheader]


def test_page_unknown_place_says_so_and_keeps_the_text(page):
    page.text_input(key="map_address").input("どこでもない町").run()
    assert any("どこでもない町" in w.value and "見つかりませんでした" in w.value for w in page.warning)
    assert page.text_input(key="map_address").value == "どこでもない町"
    assert not any("から近い順" in s.value for s in page.subheader)


def test_page_has_the_map_fallback_notices_and_watch(page):
    text = "".join(w.value for w in page.warning)
    assert "地図を表示できませんでした" in text and "背景の地図を読み込めませんでした" in text
    assert any("dxf-map-failed" in h.proto.body and ".st-key-map_list" in h.proto.body for h in page.html)
