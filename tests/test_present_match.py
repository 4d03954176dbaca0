"""finder.present.match: what matched, worded in Japanese and English from the string table."""

from __future__ import annotations

import re

import pytest

from finder.i18n import EN, JA
from finder.present.match import explain_match, explain_matches
from finder.search import Match
from finder.search.fields import FIELD_NAMES
from tests.search_fixture import catalog

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("field", FIELD_NAMES)
def test_every_field_has_a_label_in_both_languages(field):
    assert f"match.field.{field}" in JA and f"match.field.{field}" in EN
    assert not JAPANESE.search(EN[f"match.field.{field}"])


def test_japanese_wording():
    assert explain_match(Match("reading", "direct", "じゅうみんひょう"), "ja") == "読み: じゅうみんひょう"
    assert explain_match(Match("title", "romaji", "住民票"), "ja") == "名称 (ローマ字): 住民票"
    assert explain_match(Match("reading", "romaji", "じゅうみんひょう"), "ja") == "読み: じゅうみんひょう"
    assert explain_match(Match("keyword", "synonym", "スマホ", "スマートフォン講座"), "ja") == "同義語: スマホ → スマートフォン講座"
    assert explain_match(Match("kind", "direct", "wifi"), "ja") == "種別: Wi-Fi"
    assert explain_match(Match("kind", "synonym", "ワイファイ", "wifi"), "ja") == "同義語: ワイファイ → Wi-Fi"
    assert explain_match(Match("municipality", "city", "笠間市"), "ja") == "地域: 笠間市"


def test_english_wording_has_no_japanese_labels():
    assert explain_match(Match("reading", "direct", "じゅうみんひょう"), "en") == "reading: じゅうみんひょう"
    assert explain_match(Match("title", "romaji", "住民票"), "en") == "name (romaji): 住民票"
    # A Japanese synonym term is no explanation in English: only the resident's own word is shown.
    assert explain_match(Match("keyword", "synonym", "スマホ", "スマートフォン講座"), "en") == "same meaning as “スマホ”"
    assert explain_match(Match("keyword", "synonym", "スマホ", "smartphone class"), "en") == "synonym: スマホ → smartphone class"
    assert explain_match(Match("kind", "direct", "class"), "en") == "kind: Smartphone class"
    assert explain_match(Match("municipality", "city", "笠間市"), "en", lambda n: "Kasama City") == "area: Kasama City"


def test_several_reasons_join_and_the_city_comes_last():
    why = (Match("municipality", "city", "笠間市"), Match("keyword", "direct", "Wi-Fi"),
           Match("keyword", "reading", "Wi-Fi"), Match("title", "direct", "笠間中央公園"))
    assert explain_matches(why, "ja") == "キーワード: Wi-Fi + 名称: 笠間中央公園 · 地域: 笠間市"
    assert explain_matches((), "en") == ""
    assert explain_matches(why[:1], "en") == "area: 笠間市"


@pytest.mark.parametrize("query", ["ようかいご", "母子手帳", "笠間 wifi", "juminhyo", "ワイファイ", "公共施設",
                                   "kasama", "引っ越し"])
def test_real_hits_in_english_carry_no_japanese_labels(query):
    labels = {v for k, v in JA.items() if k.startswith("match.") and "{" not in v} | {"同義語", "種別", "地域", "ローマ字"}
    for hit in catalog().search(query, limit=10):
        text = explain_matches(hit.matches, "en", lambda name: catalog().municipality(name).name_en)
        assert text
        for label in labels:
            assert f"{label}:" not in text and f"({label})" not in text, (query, text)
