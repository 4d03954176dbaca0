"""finder.municipalities.cities: municipality names as a filter, as readings, and named inside a query."""

from __future__ import annotations

from finder.municipalities.cities import CityLexicon, city_readings, city_stems, kana_stems
from finder.municipalities.municipality import Municipality
from finder.municipalities.scope import find_city_in_query, own_city
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
        assert own_city(name, lex) == 0, name
    assert own_city("神栖", lex) == 1
    assert own_city("大阪", lex) is None


def _named(query: str, agree: str = "") -> tuple[str, str] | None:
    found = find_city_in_query(query, own=CityLexicon.build([KASAMA, KAMISU]), nationwide=False, agree=agree)
    return None if found is None else (found.city_code, found.rest)


def test_the_one_pass_takes_a_catalog_city_out_of_the_query():
    assert _named("笠間 wifi") == ("082163", "wifi")
    assert _named("かさまwifi") == ("082163", "wifi")
    assert _named("住民票 かみす") == ("082325", "住民票")
    assert _named("笠間 wifi", agree="082325") is None  # another city was chosen: a plain word
    assert _named("wifi") is None
    assert _named("札幌 wifi") is None  # not one of the catalog's cities, and not nationwide


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
