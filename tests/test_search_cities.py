"""finder.municipalities.cities: municipality names as a filter, as readings, and named inside a query."""

from __future__ import annotations

from finder.municipalities.cities import CityLexicon, city_readings, city_stems, kana_stems
from finder.municipalities.municipality import Municipality
from finder.present.match import explain_matches
from finder.search import Match
from tests.search_fixture import catalog, ids

KASAMA = Municipality(code="082163", name="笠間市", name_kana="かさまし", name_en="Kasama City", prefecture="茨城県")
KAMISU = Municipality(code="082325", name="神栖市", name_kana="かみすし", name_en="Kamisu City", prefecture="茨城県")


def test_stems_drop_the_municipality_suffix():
    assert city_stems("笠間市") == ["笠間市", "笠間"]
    assert city_stems("市") == ["市"]
    assert kana_stems("かさまし") == ["かさまし", "かさま"]
    assert kana_stems("ひがしまち") == ["ひがしまち", "ひがし"]


def test_city_readings_come_from_the_kana_column():
    assert city_readings([KASAMA]) == [("笠間市", "かさまし"), ("笠間", "かさま")]


def test_lexicon_knows_every_way_to_write_a_city():
    lex = CityLexicon.build([KASAMA, KAMISU])
    for name in ("笠間市", "笠間", "かさま", "カサマ", "kasama", "KASAMA", "082163"):
        assert lex.lookup(name) == 0, name
    assert lex.lookup("神栖") == 1
    assert lex.lookup("大阪") is None


def test_lexicon_takes_the_city_out_of_the_query():
    lex = CityLexicon.build([KASAMA, KAMISU])
    assert lex.take(["笠間", "wifi"], None) == (["wifi"], 0)
    assert lex.take(["かさまwifi"], None) == (["wifi"], 0)
    assert lex.take(["笠間", "wifi"], 1) == (["笠間", "wifi"], None)  # another city was chosen: a plain word
    assert lex.take(["wifi"], None) == (["wifi"], None)


def test_municipality_by_name_code_stem_kana_romaji():
    for city in ("神栖市", "082325", "神栖", "かみす", "kamisu", "Kamisu City"):
        assert ids("住民票", municipality=city) == ["cert-082325-juminhyo"], city


def test_unknown_municipality_gives_nothing():
    assert ids("住民票", municipality="どこにもない市") == []
    # a real municipality outside the catalog gets only its own national items, never curated ones
    assert ids("住民票", municipality="大阪市")[0] == "nat-271004-juminhyo"
    assert {h.item.municipality_code for h in catalog().search("住民票", municipality="大阪市")} == {"271004"}
    assert catalog().index.resolve_city("大阪市") is None
    assert catalog().index.resolve_city(None) is None


def test_city_named_in_the_query_filters():
    hits = catalog().search("笠間 wifi")
    assert hits and {h.item.municipality for h in hits} == {"笠間市"}
    assert hits[0].item.kind == "wifi"
    assert hits[0].matches[-1] == Match("municipality", "city", "笠間市")
    assert "地域: 笠間市" in explain_matches(hits[0].matches, "ja")
    assert ids("笠間wifi")[0] == "wifi-082163-chuo-park"
    assert ids("神栖 転出") == ["proc-082325-tenshutsu"]
    assert ids("kamisu tenshutsu") == ["proc-082325-tenshutsu"]
