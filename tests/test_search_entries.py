"""finder.search.entries: the searchable texts of an item, their keys and readings."""

from __future__ import annotations

from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.search.entries import EntryMaker, town
from finder.search.fields import F_EN, F_KW, F_KW_R, F_PLACE, F_PLACE_R, F_READING, F_SSID, F_TITLE, F_VENUE
from finder.text.readings import Reader
from tests.search_fixture import ids

TSUKUBA = Municipality(code="082201", name="つくば市", name_kana="つくばし", name_en="Tsukuba City", prefecture="茨城県")


def wifi(item_id: str) -> Item:
    return Item(kind="wifi", id=item_id, title="都和公民館", title_kana="つわこうみんかん", title_en="Tsuwa Kominkan",
                municipality="つくば市", municipality_code="082201", keywords=("Wi-Fi", "公民館"),
                data={"address": "茨城県つくば市谷田部4774番地18", "ssid": "Free_Wi-Fi", "venue": "ホール"})


def test_town_is_the_address_without_prefecture_city_and_numbers():
    assert town("茨城県つくば市谷田部4774番地18", {"つくば市", "つくば"}, [4, 3]) == "谷田部"
    assert town("茨城県笠間市笠間1", {"笠間市", "笠間"}, [3, 2]) == "笠間"
    assert town("大字上1", set(), []) == ""  # one character says nothing


def test_every_searchable_text_becomes_one_entry_per_key():
    entries = EntryMaker(Reader({}), [TSUKUBA]).item(wifi("w1"))
    by_field = {field: (key, shown) for key, field, shown in entries}
    assert by_field[F_TITLE] == ("都和公民館", "都和公民館")
    assert by_field[F_READING] == ("つわこみんかん", "つわこうみんかん")  # the kana column, folded
    assert by_field[F_EN] == ("tsuwa kominkan", "Tsuwa Kominkan")
    assert by_field[F_PLACE] == ("谷田部", "谷田部") and by_field[F_PLACE_R][1] == "やたべ"
    assert by_field[F_VENUE][1] == "ホール" and by_field[F_SSID][1] == "Free_Wi-Fi"
    assert {(k, f) for k, f, _ in entries} >= {("wifi", F_KW), ("公民館", F_KW), ("こみんかん", F_KW_R)}
    assert len({k for k, _, _ in entries}) == len(entries)


def test_identical_items_share_their_entries():
    maker = EntryMaker(Reader({}), [TSUKUBA])
    assert maker.item(wifi("w1")) is maker.item(wifi("w2"))


def test_reading_override_fixes_pykakasi():
    """要介護認定の申請 has no kana column; pykakasi alone would read it ようすけご…"""
    assert ids("ようかいごにんてい")[0] == "proc-082031-youkaigo"
    assert ids("youkaigo")[0] == "proc-082031-youkaigo"
    assert ids("つわこうみんかん")[0] == "wifi-082031-tsuwa"
