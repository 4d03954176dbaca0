"""Library kiosk: idle rule, configuration, task lists, QR codes and the page (pages/5_kiosk.py)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from finder import load_catalog
from finder.services import kiosk, qr

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "map_catalog"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE)


# --- idle rule ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("last, now, timeout, expected", [
    (None, 1000.0, 120, False),       # nobody touched it: nothing to forget
    (1000.0, 1119.9, 120, False),
    (1000.0, 1120.0, 120, True),
    (1000.0, 5000.0, 120, True),
    (1000.0, 900.0, 120, False),      # clock went backwards
    (1000.0, 5000.0, 0, False),       # disabled
    (1000.0, 1003.0, 3, True),
])
def test_should_reset(last, now, timeout, expected):
    assert kiosk.should_reset(last, now, timeout) is expected


def test_check_interval_is_a_fraction_of_the_timeout():
    assert kiosk.check_interval(120) == 10.0
    assert kiosk.check_interval(8) == 2.0
    assert kiosk.check_interval(3) == 1.0


def test_dirty_state_and_reset_keys():
    assert not kiosk.is_dirty({})
    assert not kiosk.is_dirty({"kiosk_view": "home", "kiosk_last": 1.0, "dxf_lang": "ja"})
    assert kiosk.is_dirty({"kiosk_view": "wifi"})
    assert kiosk.is_dirty({"kiosk_lang": "en"})
    assert sorted(kiosk.reset_keys(["kiosk_view", "kiosk_place", "dxf_lang", "kbtn_wifi"])) == \
        ["kiosk_place", "kiosk_view"]


# --- configuration -----------------------------------------------------------------------------------

def test_config_defaults():
    cfg = kiosk.load_config(env={}, secrets={})
    assert cfg == kiosk.KioskConfig("", 120, "http://localhost:8501", ())


def test_config_from_secrets_and_env_wins():
    secrets = {"kiosk_facility_id": "fac-a", "kiosk_idle_seconds": 60, "base_url": "https://kiosk.example/"}
    cfg = kiosk.load_config(env={}, secrets=secrets)
    assert (cfg.facility_id, cfg.idle_seconds, cfg.base_url) == ("fac-a", 60, "https://kiosk.example")
    env = {"DXFINDER_KIOSK_FACILITY": "fac-b", "DXFINDER_KIOSK_IDLE_SECONDS": "5",
           "DXFINDER_BASE_URL": "http://10.0.0.5:8501"}
    cfg = kiosk.load_config(env=env, secrets=secrets)
    assert (cfg.facility_id, cfg.idle_seconds, cfg.base_url) == ("fac-b", 5, "http://10.0.0.5:8501")


@pytest.mark.parametrize("raw, expected", [("abc", 120), ("1", 3), ("0", 3), ("999999", 86400), ("30.0", 30)])
def test_bad_idle_values_fall_back_with_a_note(raw, expected):
    cfg = kiosk.load_config(env={"DXFINDER_KIOSK_IDLE_SECONDS": raw}, secrets={})
    assert cfg.idle_seconds == expected
    assert bool(cfg.notes) == (raw != "30.0")


def test_bad_base_url_falls_back():
    cfg = kiosk.load_config(env={"DXFINDER_BASE_URL": "javascript:alert(1)"}, secrets={})
    assert cfg.base_url == "http://localhost:8501" and cfg.notes


# --- tasks -------------------------------------------------------------------------------------------

def test_origin_needs_coordinates(catalog):
    facilities = {it.id: it for it in catalog.of_kind("facility")}
    assert kiosk.kiosk_origin(facilities, "fx-fac-lib").id == "fx-fac-lib"
    assert kiosk.kiosk_origin(facilities, "fx-fac-nopoint") is None
    assert kiosk.kiosk_origin(facilities, "missing") is None
    assert kiosk.kiosk_origin(facilities, "") is None


def test_wifi_near_the_kiosk(catalog):
    near = kiosk.wifi_near(catalog.items, catalog.get("fx-fac-lib"))
    assert [n.item.id for n in near] == ["fx-wifi-lib", "fx-wifi-hall", "fx-wifi-town"]


def test_upcoming_classes_by_date_without_ended(catalog):
    found = kiosk.upcoming_classes(catalog.items, None, TODAY)
    assert [it.id for it, _ in found] == ["fx-class-1", "fx-class-kasama"]
    assert found[0][1] == "2030-01-15 10:00–12:00"
    assert [it.id for it, _ in kiosk.upcoming_classes(catalog.items, "082163", TODAY)] == ["fx-class-kasama"]


def test_certificates_of_a_city(catalog):
    assert [it.id for it in kiosk.certificates(catalog.items, "082031")] == ["fx-cert-juminhyo"]
    assert kiosk.certificates(catalog.items, "082163") == []
    lines = dict(kiosk.certificate_lines(catalog.get("fx-cert-juminhyo"), "ja"))
    assert lines["コンビニ交付"] == "利用できます" and lines["手数料"].startswith("不明")


# --- QR ----------------------------------------------------------------------------------------------

def test_qr_urls_and_image():
    url = qr.app_item_url("fx wifi/1", "https://kiosk.example/")
    assert url == "https://kiosk.example/?item=fx%20wifi%2F1"
    uri = qr.qr_data_uri(url)
    assert uri.startswith("data:image/svg+xml") and "svg" in uri
    assert qr.qr_svg(url) == qr.qr_svg(url)  # deterministic
    with pytest.raises(ValueError):
        qr.qr_svg("")
    assert qr.app_base_url({}) == "http://localhost:8501"
    assert qr.app_base_url({"DXFINDER_BASE_URL": "https://x.example/app/"}) == "https://x.example/app"
    assert qr.app_base_url({"DXFINDER_BASE_URL": "ftp://x"}) == "http://localhost:8501"


# --- the page ----------------------------------------------------------------------------------------

@pytest.fixture
def run_page(monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    monkeypatch.setenv("DXFINDER_BASE_URL", "https://kiosk.example")
    monkeypatch.delenv("DXFINDER_KIOSK_FACILITY", raising=False)
    monkeypatch.delenv("DXFINDER_KIOSK_IDLE_SECONDS", raising=False)

    def run(facility: str | None = "fx-fac-lib", idle: str | None = None) -> AppTest:
        if facility is not None:
            monkeypatch.setenv("DXFINDER_KIOSK_FACILITY", facility)
        if idle is not None:
            monkeypatch.setenv("DXFINDER_KIOSK_IDLE_SECONDS", idle)
        at = AppTest.from_file(str(ROOT / "pages" / "5_kiosk.py"), default_timeout=60)
        at.run()
        assert not at.exception
        return at

    return run


def _cards(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith('<div class="dxf-kiosk-card"')]


def _qr(at) -> list[str]:
    return [m.value for m in at.markdown if 'class="dxf-qr"' in m.value]


def test_start_screen_has_three_big_buttons_and_no_keyboard(run_page):
    at = run_page()
    labels = [b.label for b in at.button]
    assert any("近くのWi-Fi" in b for b in labels)
    assert any("スマホ教室" in b for b in labels)
    assert any("コンビニで証明書" in b for b in labels)
    assert len(at.text_input) == 0 and len(at.text_area) == 0  # no keyboard needed
    assert any('[data-testid="stSidebar"]' in m.value for m in at.markdown)  # sidebar hidden
    assert any("120秒" in c.value for c in at.caption)


def test_wifi_starts_from_the_configured_facility_with_qr_codes(run_page):
    at = run_page()
    at.button(key="kbtn_wifi").click().run()
    assert "ここ (テスト市立図書館) から近い順" in [s.value for s in at.subheader]
    cards = _cards(at)
    assert len(cards) == 3 and "テスト図書館Wi-Fi" in cards[0] and "TEST_FREE_WIFI" in cards[0]
    assert "おおよその位置" in cards[2]
    codes = _qr(at)
    assert len(codes) == 3
    assert all("data:image/svg+xml" in c for c in codes)
    assert "スマホで詳しく" in codes[0] and "スマホで地図" in codes[0]


def test_without_configured_location_the_person_picks_a_place(run_page):
    at = run_page(facility="")
    at.button(key="kbtn_wifi").click().run()
    assert any("設定されていません" in i.value for i in at.info)
    at.button(key="kbtn_city_kiosk_place_city_082031").click().run()
    at.button(key="kbtn_place_fx-fac-hall").click().run()
    assert "ここ (テスト市役所) から近い順" in [s.value for s in at.subheader]
    assert "テスト市役所Wi-Fi" in _cards(at)[0]


def test_class_and_certificate_screens(run_page):
    at = run_page()
    at.button(key="kbtn_class").click().run()
    cards = _cards(at)
    assert len(cards) == 1 and "2030-01-15" in cards[0] and "サンプル" in cards[0]  # ended class left out
    assert _qr(at)
    at.button(key="kbtn_city_kiosk_class_city_082163").click().run()
    assert "テストスマホ相談会" in _cards(at)[0]
    at.button(key="kbtn_home").click().run()
    at.button(key="kbtn_cert").click().run()
    assert "住民票の写し" in _cards(at)[0] and _qr(at)


def test_home_button_and_language_switch(run_page):
    at = run_page()
    at.button(key="kbtn_lang").click().run()
    assert any("Wi-Fi nearby" in b.label for b in at.button)
    at.button(key="kbtn_wifi").click().run()
    at.button(key="kbtn_home").click().run()
    assert "kiosk_lang" not in at.session_state and "kiosk_view" not in at.session_state
    assert any("近くのWi-Fi" in b.label for b in at.button)


def test_idle_timeout_forgets_the_previous_person(run_page):
    at = run_page(idle="5")
    at.button(key="kbtn_lang").click().run()
    at.button(key="kbtn_cert").click().run()
    at.button(key="kbtn_city_kiosk_cert_city_082031").click().run()
    assert _cards(at)
    at.session_state["kiosk_last"] = time.monotonic() - 6  # the person walked away 6 s ago
    at.run()
    assert not _cards(at)
    assert any("近くのWi-Fi" in b.label for b in at.button)  # back in Japanese on the start screen
    for key in ("kiosk_view", "kiosk_lang", "kiosk_cert_city"):
        assert key not in at.session_state
    assert any("5秒" in c.value for c in at.caption)


def test_recent_interaction_is_kept(run_page):
    at = run_page(idle="5")
    at.button(key="kbtn_cert").click().run()
    at.session_state["kiosk_last"] = time.monotonic() - 2
    at.run()
    assert _cards(at)


def test_app_root_with_kiosk_1_opens_the_kiosk(run_page, monkeypatch):
    run_page()  # sets the environment (fixture catalog, configured facility)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["kiosk"] = "1"
    at.run()
    assert not at.exception
    assert any("近くのWi-Fi" in b.label for b in at.button)
    at.button(key="kbtn_wifi").click().run()
    assert "ここ (テスト市立図書館) から近い順" in [s.value for s in at.subheader]
