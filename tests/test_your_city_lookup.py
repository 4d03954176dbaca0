"""finder.resident.your_city: a resident's city from a link, a typed name or a postal code; the national
guide's HTML (finder.present.national); display settings in links (finder.urls.display)."""

from __future__ import annotations

import pytest

from finder import urls
from finder.live.loader import load_catalog
from finder.present.national import national_html, next_steps_html
from finder.resident.your_city import candidate_label, candidates, choose, prefecture_en, ward_note


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize("value", ["土浦市", "082031", "08203", "土浦", "Tsuchiura City", "300-0051", "3000051",
                                   "〒300-0051", "つちうら"])
def test_every_spelling_of_a_curated_city(catalog, value):
    choice = choose(catalog, value)
    assert choice is not None and choice.code == "082031" and choice.curated
    assert choice.label("ja") == "土浦市（茨城県）" and choice.label("en") == "Tsuchiura City, Ibaraki"


def test_short_names_of_the_five_still_work(catalog):
    assert choose(catalog, "笠間").code == "082163"
    assert choose(catalog, "Kasama City").code == "082163"


def test_a_municipality_without_curated_data(catalog):
    choice = choose(catalog, "さっぽろ")
    assert choice.code == "011002" and choice.name == "札幌市" and not choice.curated
    assert choice.lat is not None and choice.lon is not None  # its town hall, for the map
    assert choice.label("en") == "Sapporo City, Hokkaido"


def test_a_ward_stands_for_its_city_and_says_so(catalog):
    choice = choose(catalog, "札幌市中央区")
    assert choice.code == "011002" and choice.ward == "札幌市中央区"
    assert ward_note(choice, "ja").startswith("札幌市中央区は札幌市の区です")
    assert "Sapporo Chuo Ward is a ward of Sapporo City" in ward_note(choice, "en")
    by_postal = choose(catalog, "060-0001")
    assert by_postal.code == "011002" and by_postal.ward == "札幌市中央区" and by_postal.town
    assert ward_note(choose(catalog, "082031"), "ja") == ""


@pytest.mark.parametrize("value", ["", "   ", "どこにもない市", "999999", "x" * 200, None])
def test_nothing_matches_gives_none(catalog, value):
    assert choose(catalog, value) is None


def test_ambiguous_names_list_every_match_with_its_prefecture():
    labels = [candidate_label(m) for m in candidates("府中")]
    assert labels[:3] == ["府中市（東京都）", "府中市（広島県）", "府中町（広島県）"]
    assert [candidate_label(m, "en") for m in candidates("府中")][:2] == ["Fuchu City, Tokyo", "Fuchu City, Hiroshima"]


def test_candidates_for_a_postal_code_name_the_town():
    found = candidates("300-0051")
    assert [m.code for m in found] == ["082031"] and candidate_label(found[0]).startswith("土浦市 ")
    assert candidate_label(found[0], "en") == "Tsuchiura City (300-0051), Ibaraki"
    assert candidates("") == [] and candidates("x" * 100) == []


def test_prefecture_names_in_english_from_the_table_readings():
    assert prefecture_en("茨城県", "いばらきけん") == "Ibaraki"
    assert prefecture_en("東京都", "とうきょうと") == "Tokyo"
    assert prefecture_en("大阪府", "おおさかふ") == "Osaka"
    assert prefecture_en("北海道", "ほっかいどう") == "Hokkaido"


def test_national_certificate_guide_is_honest_and_escaped(catalog):
    item = catalog.of_kind("certificate", "011002")[0]
    html = national_html(item, "ja", "札幌市")
    assert "札幌市で利用できるかは分かりません" in html and "国の情報" in html and "次にすること" in html
    for url in ("https://www.city.sapporo.jp/", "https://www.lg-waps.go.jp/01-04.html", "https://www.digi-katsu.go.jp/"):
        assert f'href="{url}"' in html
    assert "利用できます" not in html
    assert national_html(catalog.of_kind("certificate", "082031")[0], "ja") == ""  # curated: nothing to add
    hostile = next_steps_html(item, "en", '<img src=x onerror=alert(1)>')
    assert "<img" not in hostile and "&lt;img" in hostile


def test_display_settings_in_links():
    assert urls.display() == {}
    assert urls.display("en", large_text=True, high_contrast=True, furigana=True) == \
        {"lang": "en", "large": "1", "contrast": "1", "furigana": "1"}
    link = urls.item("wifi-1", "https://app.example", city="082031", **urls.display("en", large_text=True))
    assert link == "https://app.example/?item=wifi-1&city=082031&lang=en&large=1"
