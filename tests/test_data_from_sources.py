"""Facts the sources already hold are in the catalog, each with its source and 確認日."""

from __future__ import annotations

import pytest

from finder.geo import haversine_m
from finder.live.loader import load_catalog

# Geolonia 住所データ (commit c3999f7): 秋田県/潟上市.json, town 天王, koaza 棒沼台 — the address of 潟上市役所.
BOUNUMADAI = (39.853067, 140.015193)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_katagami_city_hall_is_at_its_own_address(catalog):
    hall = catalog.get("fac-052116-city-hall")
    assert "天王字棒沼台226番地1" in hall.get("address")
    assert haversine_m(hall.lat, hall.lon, *BOUNUMADAI) < 100
    assert hall.coord_precision == "town" and "Geolonia 住所データ" in hall.source and hall.checked
    city = catalog.municipality("052116")
    assert haversine_m(city.lat, city.lon, *BOUNUMADAI) < 100 and "Geolonia" in city.source


@pytest.mark.parametrize("item_id", ["cls-082325-senior-smartphone", "cls-082325-volunteer-smartphone",
                                     "cls-082325-digital-katsuyo-koza"])
def test_kamisu_classes_name_the_digital_office_printed_in_the_plan(catalog, item_id):
    item = catalog.get(item_id)
    assert item.get("contact_phone") == "0299-90-1124" and "デジタル推進室" in item.get("contact_name")
    assert "L784–788" in item.source and item.checked


def test_tsukuba_child_procedures_give_the_counter_hours(catalog):
    rows = [it for it in catalog.of_kind("procedure", "082201") if it.id.startswith("proc-082201-kosodate-jidouteate")]
    assert len(rows) == 10
    for it in rows:
        assert "8:45〜16:30" in it.get("counter_hours") and "1〜3番" in it.get("counter_place")
        assert "1016806.html" in it.source and it.checked


def test_tsukuba_central_library_opens_on_holidays(catalog):
    days = catalog.get("fac-082201-library").get("open_days")
    assert "祝" in days.split(",")
