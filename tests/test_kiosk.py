"""Library kiosk (finder.resident.kiosk): idle rule, configuration, task lists, QR codes (page: tests/pages)."""

from __future__ import annotations

import datetime as dt

import pytest

from finder import urls
from finder.appsettings import AppSettings
from finder.resident import kiosk, qr

A = AppSettings.resolve  # the run's settings from the given secrets and environment

TODAY = dt.date(2026, 11, 23)


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
    cfg = kiosk.load_config(A(env={}, secrets={}))
    assert (cfg.facility_id, cfg.idle_seconds, cfg.base_url) == ("", 120, "http://localhost:8501")
    # The default address is this machine's own: no QR code to the app, and one note for staff saying why.
    assert not cfg.app_qr and len(cfg.notes) == 1 and "DXFINDER_BASE_URL/base_url" in cfg.notes[0]


@pytest.mark.parametrize("base, qr", [("http://localhost:8501", False), ("http://127.0.0.1:9000", False),
                                      ("http://kiosk.localhost", False), ("http://192.168.1.20:8501", True),
                                      ("https://kiosk.example", True)])
def test_app_qr_only_for_an_address_a_phone_can_open(base, qr):
    cfg = kiosk.load_config(A(env={"DXFINDER_BASE_URL": base}, secrets={}))
    assert cfg.app_qr is qr and bool(cfg.notes) is not qr


def test_config_from_secrets_and_env_wins():
    secrets = {"kiosk_facility_id": "fac-a", "kiosk_idle_seconds": 60, "base_url": "https://kiosk.example/"}
    cfg = kiosk.load_config(A(env={}, secrets=secrets))
    assert (cfg.facility_id, cfg.idle_seconds, cfg.base_url) == ("fac-a", 60, "https://kiosk.example")
    env = {"DXFINDER_KIOSK_FACILITY": "fac-b", "DXFINDER_KIOSK_IDLE_SECONDS": "5",
           "DXFINDER_BASE_URL": "http://10.0.0.5:8501"}
    cfg = kiosk.load_config(A(env=env, secrets=secrets))
    assert (cfg.facility_id, cfg.idle_seconds, cfg.base_url) == ("fac-b", 5, "http://10.0.0.5:8501")


@pytest.mark.parametrize("raw, expected", [("abc", 120), ("1", 3), ("0", 3), ("999999", 86400), ("30.0", 30)])
def test_bad_idle_values_fall_back_with_a_note(raw, expected):
    cfg = kiosk.load_config(A(env={"DXFINDER_KIOSK_IDLE_SECONDS": raw, "DXFINDER_BASE_URL": "https://kiosk.example"},
                              secrets={}))
    assert cfg.idle_seconds == expected
    assert bool(cfg.notes) == (raw != "30.0")


def test_bad_base_url_falls_back():
    cfg = kiosk.load_config(A(env={"DXFINDER_BASE_URL": "javascript:alert(1)"}, secrets={}))
    assert cfg.base_url == "http://localhost:8501" and cfg.notes


# --- tasks -------------------------------------------------------------------------------------------

def test_home_city_is_the_configured_facilitys_even_without_coordinates(map_catalog):
    facilities = {it.id: it for it in map_catalog.of_kind("facility")}
    assert kiosk.home_city(facilities, "fx-fac-kasama") == "082163"
    assert kiosk.home_city(facilities, "fx-fac-nopoint") == "082031"
    assert kiosk.home_city(facilities, "missing") == "" and kiosk.home_city(facilities, "") == ""


def test_seconds_left_before_the_reset():
    assert kiosk.seconds_left(100.0, 130.2, 120) == 90
    assert kiosk.seconds_left(100.0, 400.0, 120) == 0
    assert kiosk.seconds_left(None, 400.0, 120) == 120
    assert kiosk.seconds_left(100.0, 90.0, 120) == 120  # a clock that went backwards


def test_origin_needs_coordinates(map_catalog):
    facilities = {it.id: it for it in map_catalog.of_kind("facility")}
    assert kiosk.kiosk_origin(facilities, "fx-fac-lib").id == "fx-fac-lib"
    assert kiosk.kiosk_origin(facilities, "fx-fac-nopoint") is None
    assert kiosk.kiosk_origin(facilities, "missing") is None
    assert kiosk.kiosk_origin(facilities, "") is None


def test_wifi_near_the_kiosk(map_catalog):
    near = kiosk.wifi_near(map_catalog.items, map_catalog.get("fx-fac-lib"))
    assert [n.item.id for n in near] == ["fx-wifi-lib", "fx-wifi-hall", "fx-wifi-town"]


def test_upcoming_classes_by_date_without_ended_or_samples(map_catalog):
    found = kiosk.upcoming_classes(map_catalog.items, None, TODAY)
    assert [it.id for it, _ in found] == ["fx-class-1", "fx-class-kasama"]
    assert found[0][1] == "2030-01-15 10:00–12:00"
    assert [it.id for it, _ in kiosk.upcoming_classes(map_catalog.items, "082163", TODAY)] == ["fx-class-kasama"]


def test_certificates_of_a_city(map_catalog):
    assert [it.id for it in kiosk.certificates(map_catalog.items, "082031")] == ["fx-cert-juminhyo"]
    assert kiosk.certificates(map_catalog.items, "082163") == []
    lines = dict(kiosk.certificate_lines(map_catalog.get("fx-cert-juminhyo"), "ja"))
    assert lines["コンビニ交付"] == "利用できます" and lines["手数料"].startswith("不明")


# --- QR ----------------------------------------------------------------------------------------------

def test_qr_urls_and_image():
    url = urls.item("fx wifi/1", "https://kiosk.example/")
    uri = qr.qr_data_uri(url)
    assert uri.startswith("data:image/svg+xml") and "svg" in uri
    assert qr.qr_data_uri(url) == uri  # deterministic
    with pytest.raises(ValueError):
        qr.qr_data_uri("")
