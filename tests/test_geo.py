import pytest

from finder.geo import haversine_m, in_japan, nearest, walking_minutes
from finder.municipalities.gazetteer import Gazetteer, TownPoint

TOWNS = Gazetteer({"試験市": [
    TownPoint("中", "", 36.0, 140.0),
    TownPoint("中央一丁目", "", 36.1, 140.1),
    TownPoint("中央二丁目", "", 36.2, 140.2),
    TownPoint("筑穂一丁目", "", 36.3, 140.3),
    TownPoint("天王", "", 36.4, 140.4),
    TownPoint("天王", "棒沼台", 36.5, 140.5),
]})


@pytest.mark.parametrize("address,town", [
    ("茨城県試験市中央2丁目1-1", "中央二丁目"),
    ("中央二丁目3番", "中央二丁目"),
    ("中1234", "中"),
    ("筑穂1-10-4", "筑穂一丁目"),
    ("天王字棒沼台226番地1", "天王棒沼台"),
    ("天王字江川上谷地109-2", "天王"),
])
def test_locate_matches_whole_town_names(address, town):
    point = TOWNS.locate("試験市", address)
    assert point is not None and point.town + point.koaza == town


@pytest.mark.parametrize("address", ["中央", "中央通り5", "", "存在しない町1"])
def test_locate_refuses_partial_town_names(address):
    # '中' is a town, but '中央' is not '中' followed by a street number.
    assert TOWNS.locate("試験市", address) is None


def test_locate_unknown_city():
    assert TOWNS.locate("別の市", "中央一丁目") is None


def test_distances_and_walking_time():
    # 土浦市役所 → つくば市役所, about 12 km.
    assert haversine_m(36.07828, 140.2045, 36.083472, 140.076444) == pytest.approx(11_500, rel=0.03)
    assert walking_minutes(1) == 1 and walking_minutes(800) == 10 and walking_minutes(801) == 11
    assert in_japan(36.0, 140.0) and not in_japan(140.0, 36.0)


def test_nearest_skips_items_without_points():
    class P:
        def __init__(self, name, lat, lon):
            self.name, self.lat, self.lon = name, lat, lon

    items = [P("far", 36.2, 140.2), P("none", None, None), P("near", 36.001, 140.001)]
    found = nearest(items, 36.0, 140.0, limit=5)
    assert [n.item.name for n in found] == ["near", "far"]
    assert nearest(items, 36.0, 140.0, max_m=1000)[0].walk_min == 2


def test_curated_gazetteer_reads_jo_and_chome_like_the_national_one():
    """One reading of an address for both gazetteers: 北1条西2丁目 is 北一条西二丁目 in the data."""
    towns = Gazetteer({"札幌市": [TownPoint("北一条西二丁目", "", 43.06, 141.35), TownPoint("北一条西", "", 43.0, 141.0)]})
    assert towns.locate("札幌市", "札幌市北1条西2丁目1").town == "北一条西二丁目"
    assert TOWNS.locate("試験市", "筑穂1-10-4").town == "筑穂一丁目"


def test_kanji_number_is_the_gazetteers_spelling():
    from finder.text.numerals import kanji_blocks, kanji_number

    assert [kanji_number(n) for n in (0, 3, 10, 12, 20, 21, 99)] == ["〇", "三", "十", "十二", "二十", "二十一", "九十九"]
    assert kanji_blocks("北1条西12丁目3-4 東5線") == "北一条西十二丁目3-4 東五線"
