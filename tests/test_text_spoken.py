"""finder.text.spoken and the index: a keyword mixing kanji and Latin letters is found by its spoken reading."""

from __future__ import annotations

from functools import cache

from finder.live.loader import load_catalog
from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.search.entries import EntryMaker
from finder.search.fields import F_KW_R
from finder.text.readings import Reader
from finder.text.spoken import spoken

TSUCHIURA = Municipality(code="082031", name="土浦市", name_kana="つちうらし", name_en="Tsuchiura City",
                         prefecture="茨城県")


def test_latin_runs_are_read_out_in_kana():
    assert spoken("むせんlan") == "むせんらん"
    assert spoken("こうしゅうむせんlan") == "こうしゅうむせんらん"
    assert spoken("wifiすぽっと") == "わいふぁいすぽっと"
    assert spoken("free wifi") == "ふりーわいふぁい"
    assert spoken("こうかいがたgis") == "こうかいがたじーあいえす"  # an acronym, letter by letter


def test_no_spoken_form_without_latin_or_for_unknown_words():
    assert spoken("じゅうみんひょう") == ""
    assert spoken("foreign residents") == ""  # an English keyword: a made-up reading would match by accident


def test_a_mixed_keyword_has_its_spoken_reading_indexed():
    item = Item(kind="wifi", id="w1", title="公民館", title_kana="こうみんかん", title_en="Kominkan",
                municipality="土浦市", municipality_code="082031", keywords=("無線LAN", "Wi-Fiスポット"))
    keys = {k for k, f, _ in EntryMaker(Reader({}), [TSUCHIURA]).item(item) if f == F_KW_R}
    assert "むせんらん" in keys and "わいふあいすぽと" in keys


@cache
def _catalog():
    return load_catalog()


def test_musenran_finds_the_wifi_sites_that_muesen_lan_finds():
    catalog = _catalog()
    by_kanji = {h.item.id for h in catalog.search("無線LAN", limit=200)}
    by_sound = {h.item.id for h in catalog.search("むせんらん", limit=200)}
    assert sum(i.startswith("wifi-") for i in by_kanji) >= 19
    assert by_kanji == by_sound
