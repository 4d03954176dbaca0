"""pages/5_kiosk.py: three big buttons, no keyboard, QR codes, the configured place, idle reset, ?kiosk=1."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import MAP_CATALOG as FIXTURE
from tests.pages.apptest import ok, run


@pytest.fixture
def run_page(monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    monkeypatch.setenv("DXFINDER_BASE_URL", "https://kiosk.example")
    monkeypatch.delenv("DXFINDER_KIOSK_FACILITY", raising=False)
    monkeypatch.delenv("DXFINDER_KIOSK_IDLE_SECONDS", raising=False)

    def start(facility: str | None = "fx-fac-lib", idle: str | None = None) -> AppTest:
        if facility is not None:
            monkeypatch.setenv("DXFINDER_KIOSK_FACILITY", facility)
        if idle is not None:
            monkeypatch.setenv("DXFINDER_KIOSK_IDLE_SECONDS", idle)
        return ok(run("pages/5_kiosk.py"))

    return start


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
    assert any('[data-testid="stSidebar"]' in h.proto.body for h in at.html)  # sidebar hidden (kiosk.css)
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
    assert len(cards) == 1 and "2030-01-15" in cards[0]  # ended class and sample left out
    assert not any("サンプル" in c or "2029-12-01" in c for c in cards)
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
    at = ok(run("app.py", kiosk="1"))
    assert any("近くのWi-Fi" in b.label for b in at.button)
    at.button(key="kbtn_wifi").click().run()
    assert "ここ (テスト市立図書館) から近い順" in [s.value for s in at.subheader]


def test_default_or_local_app_address_shows_no_app_qr_and_no_warning_to_residents(run_page, monkeypatch):
    for base in ("", "http://127.0.0.1:8501"):
        monkeypatch.setenv("DXFINDER_BASE_URL", base)
        at = run_page()
        assert not at.warning  # the problem goes to staff (tests/pages/test_kiosk_config_notes.py)
        at.button(key="kbtn_wifi").click().run()
        codes = _qr(at)
        assert codes and not any("スマホで詳しく" in c for c in codes)  # the map QR (a public site) stays
        assert all("スマホで地図" in c for c in codes)


def test_configured_city_is_the_default_on_every_screen(run_page):
    at = run_page(facility="fx-fac-kasama")
    for view in ("class", "cert"):
        at.button(key=f"kbtn_{view}").click().run()
        chosen = [b for b in at.button if b.label.startswith("✔")]
        assert [b.label for b in chosen] == ["✔ 笠間市"], view
        at.button(key="kbtn_home").click().run()


def test_a_tap_shows_its_choice_and_brings_the_results_into_view(run_page):
    at = run_page(facility="")
    at.button(key="kbtn_wifi").click().run()
    at.button(key="kbtn_place_fx-fac-hall").click().run()
    assert at.button(key="kbtn_place_fx-fac-hall").label == "✔ テスト市役所"
    assert at.button(key="kbtn_place_fx-fac-hall").proto.type == "primary"
    assert any("scrollIntoView" in h.proto.body and ".st-key-kiosk_results" in h.proto.body for h in at.html)
    assert _cards(at)
    at.button(key="kbtn_more_time").click().run()  # any other tap: no scrolling again
    assert not any("scrollIntoView" in h.proto.body for h in at.html)


def test_countdown_is_shown_once_someone_uses_the_kiosk(run_page):
    at = run_page(idle="30")
    assert not any('class="dxf-countdown"' in h.proto.body for h in at.html)  # nothing to forget yet
    at.button(key="kbtn_cert").click().run()
    (box,) = [h.proto.body for h in at.html if 'class="dxf-countdown"' in h.proto.body]
    assert 'class="dxf-count">30<' in box or 'class="dxf-count">29<' in box
    assert "最初の画面に戻ります" in box


def test_a_city_without_known_classes_says_so_and_whom_to_ask(run_page):
    at = run_page()
    at.button(key="kbtn_class").click().run()
    at.button(key="kbtn_city_kiosk_class_city_052116").click().run()
    cards = _cards(at)
    assert "今わかっている教室の予定はありません" in cards[0] and "お問い合わせ" in cards[0]
    assert any("潟上市の公式サイト" in c for c in _qr(at))
