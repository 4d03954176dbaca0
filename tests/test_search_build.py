"""finder.search.build (with strtable and grams): documents shared across cities, arrays, postings."""

from __future__ import annotations

import numpy as np

from finder.model import KINDS
from finder.search.build import build
from finder.search.grams import GramIndex, grams
from finder.search.strtable import StrTable
from tests.search_fixture import catalog


def test_str_table_is_a_list_of_strings():
    words = ["住民票", "", "wifi", "じゅうみんひょう"]
    table = StrTable(words)
    assert len(table) == 4 and list(table) == words and table[3] == "じゅうみんひょう"
    assert table.take(np.array([2, 0])) == ["wifi", "住民票"]
    assert list(StrTable([])) == []


def test_grams_are_bigrams_and_lone_kanji_not_lone_kana():
    assert grams("じゆみん 票") == {"じゆ", "ゆみ", "みん", "票"}
    assert grams("あ") == set()


def test_gram_index_finds_keys_sharing_grams():
    keys = StrTable(["じゆみんひよ", "てんにゆ", "じゆみんひよのうつし", "わいふぁい"])
    index = GramIndex.build(keys)
    lengths = np.array([len(k) for k in keys], dtype=np.float32)
    assert set(index.candidates(["じゆみんひよ"], lengths).tolist()) == {0, 2}
    assert index.candidates(["ぬ"], lengths).tolist() == []


def test_items_with_the_same_texts_share_a_document():
    t = build(catalog())
    d = t.docs
    n_items = len(catalog().items)
    assert len(d.doc_kind) <= n_items and len(d.browse) == n_items
    assert sorted(d.rank[d.browse].tolist()) == list(range(n_items))
    for doc in range(len(d.doc_kind)):  # a document's items all have its kind
        members = d.doc_items[d.doc_item_start[doc]:d.doc_item_start[doc + 1]]
        assert len(members) and {KINDS[k] for k in d.item_kind[members]} == {KINDS[d.doc_kind[doc]]}
    assert np.all(np.diff(d.e_doc) >= 0)  # entries sorted by document
    assert set(d.city_items) == set(range(len(catalog().municipalities)))
    assert sum(len(v) for v in d.kind_items.values()) == n_items


def test_every_key_is_found_by_its_own_grams():
    t = build(catalog())
    keys = t.docs.keys
    for kid in range(len(keys)):
        if len(keys[kid].replace(" ", "")) >= 2:
            assert kid in t.grams.candidates([keys[kid]], t.docs.key_len).tolist(), keys[kid]
