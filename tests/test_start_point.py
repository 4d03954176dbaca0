"""finder.municipalities.start: a start point typed as an address or a town name, from the gazetteer's town points."""

import pytest

from finder.live.loader import load_catalog
from finder.municipalities.start import MAX_CANDIDATES, locate_start


@pytest.fixture(scope="module")
def cities():
    return load_catalog().curated_municipalities


@pytest.mark.parametrize("text", ["大和町", "土浦市大和町9-1", "茨城県土浦市大和町9番1号", " 土浦 大和町 ", "土浦市大和町９－１"])
def test_an_address_or_a_town_name_gives_the_town_point(cities, text):
    (first, *_) = locate_start(text, cities)
    assert (first.city, first.town, first.label) == ("土浦市", "大和町", "土浦市 大和町")
    assert abs(first.lat - 36.079) < 0.01 and abs(first.lon - 140.204) < 0.01


def test_a_partial_name_lists_its_towns_in_the_gazetteers_order(cities):
    found = locate_start("研究学園", cities)
    assert [p.town for p in found][:3] == ["研究学園一丁目", "研究学園二丁目", "研究学園三丁目"]
    assert {p.city for p in found} == {"つくば市"}
    assert [p.town for p in locate_start("つくば研究学園5丁目", cities)] == ["研究学園五丁目"]


def test_the_chosen_city_or_a_named_city_narrows_the_search(cities):
    everywhere = locate_start("中央", cities)
    assert {p.city for p in everywhere} >= {"土浦市", "笠間市"} and len(everywhere) <= MAX_CANDIDATES
    assert {p.city for p in locate_start("中央", cities, "082163")} == {"笠間市"}
    assert {p.city for p in locate_start("笠間市中央", cities, "082031")} == {"笠間市"}


@pytest.mark.parametrize("text", ["", "   ", "zzz", "土浦市", "<script>"])
def test_nothing_or_only_a_city_gives_no_point(cities, text):
    assert locate_start(text, cities) == []


def test_long_text_is_cut_not_a_crash(cities):
    assert len(locate_start("大" * 5000, cities)) <= MAX_CANDIDATES
