"""Normalization, kana folding, romaji and readings: the pieces the search keys are made of."""

from __future__ import annotations

import time

import pytest

from finder.municipalities.cities import city_readings
from finder.text.furigana import align
from finder.text.normalize import (
    MAX_QUERY_CHARS,
    has_kanji,
    kana_key,
    normalize,
    romaji_to_hiragana,
    search_key,
    to_hiragana,
)
from finder.text.readings import Reader, kakasi_reading

JUMINHYO = "じゆみんひよ"  # the key every spelling of じゅうみんひょう folds to


@pytest.mark.parametrize("text", ["じゅうみんひょう", "ジュウミンヒョウ", "ｼﾞｭｳﾐﾝﾋｮｳ", "ジューミンヒョー", "じゅみんひょ"])
def test_kana_spellings_share_one_key(text):
    assert search_key(text) == JUMINHYO


@pytest.mark.parametrize("romaji", ["juminhyo", "juuminhyou", "jyuminhyou", "zyuuminhyou", "jūminhyō", "JUMINHYO",
                                    "ｊｕｍｉｎｈｙｏ"])
def test_romaji_spellings_share_the_kana_key(romaji):
    assert kana_key(romaji_to_hiragana(normalize(romaji))) == JUMINHYO


@pytest.mark.parametrize(("romaji", "kana"), [
    ("tenshutsu", "てんしゅつ"), ("tensyutu", "てんしゅつ"), ("hikkoshi", "ひっこし"), ("hikkosi", "ひっこし"),
    ("tennyuu", "てんにゅう"), ("shimbun", "しんぶん"), ("kan'i", "かんい"), ("chiba", "ちば"), ("tiba", "ちば"),
    ("fukushi", "ふくし"), ("hukusi", "ふくし"), ("matcha", "まっちゃ"), ("wo", "を"), ("kosodate", "こそだて"),
])
def test_romaji_hepburn_kunrei_ime(romaji, kana):
    assert romaji_to_hiragana(romaji) == kana


def test_romaji_lenient_reads_dropped_u():
    assert romaji_to_hiragana("tenshtsu") == "てんshつ"
    assert romaji_to_hiragana("tenshtsu", lenient=True) == "てんしゅつ"


def test_width_case_and_punctuation():
    assert normalize("ＷｉＦｉ") == "wifi"
    assert normalize("Wi-Fi スポット") == "wifi スポット"
    assert normalize("e-Tax") == "etax"
    assert normalize("住民票の写し（広域交付）") == "住民票の写し 広域交付"
    assert normalize("スマ-トフォン") == "スマートフォン"  # a hyphen typed for ー between kana
    assert normalize("髙橋") == "高橋"


def test_control_format_and_stray_marks_are_dropped():
    assert normalize("\x00ab\u200bc\u202e") == "abc"
    assert normalize("\u0301\u3099") == ""
    assert normalize("ﾊﾟｿｺﾝ") == "パソコン"
    assert normalize("\ud800x\udfff") == "x"
    assert normalize(None) == "" and normalize(12) == "12"


def test_length_is_capped_and_fast():
    start = time.perf_counter()
    out = normalize("住民票" * 100_000)
    assert len(out) <= MAX_QUERY_CHARS
    assert time.perf_counter() - start < 0.5


def test_to_hiragana():
    assert to_hiragana("ヴァイオリン ABC") == "ゔぁいおりん ABC"


def test_kana_and_kanji_classes_shared_by_search_and_furigana():
    """Search and furigana once had a copy each of these and disagreed on exactly these characters."""
    # ヷ is ヴァ written as one letter: both spellings give the same hiragana and the same search key.
    assert to_hiragana("ヷイオリン") == "ゔぁいおりん"
    assert search_key("ヷイオリン") == search_key("ヴァイオリン")
    # Compatibility and Extension B ideographs are kanji (they need a reading) ...
    assert has_kanji("﨑") and has_kanji("𠮷") and has_kanji("々") and has_kanji("写し")
    # ... ヶ is a katakana letter, read from the title's own kana.
    assert not has_kanji("ヶ") and not has_kanji("すまほ") and not has_kanji("")
    assert align("霞ヶ浦", "かすみがうら") == (("霞ヶ浦", "かすみがうら"),)


def test_reader_prefers_item_kana_then_overrides_then_pykakasi():
    reader = Reader({"要介護": "ようかいご"})
    assert reader.reading("要介護認定", kana="ヨウカイゴニンテイ") == "ようかいごにんてい"
    assert reader.reading("要介護認定") == "ようかいごにんてい"
    assert Reader().reading("要介護認定") != "ようかいごにんてい"  # what the override is for


def test_every_reading_override_in_data_is_needed():
    """Each row of data/readings.csv changes the reading of some catalog text (else it is dead weight)."""
    from finder.live.loader import load_catalog

    catalog = load_catalog()
    extra = city_readings(catalog.municipalities)
    full = Reader(catalog.readings, extra=extra)
    texts = {t for it in catalog.items
             for t in (it.title, it.get("alias"), it.get("address"), *it.keywords) if t}
    assert catalog.readings
    for surface in catalog.readings:
        without = Reader({k: v for k, v in catalog.readings.items() if k != surface}, extra=extra)
        assert any(without.reading(t) != full.reading(t) for t in texts if surface in t), surface
    assert kakasi_reading("要介護") != "ようかいご"  # the misread the issue names
