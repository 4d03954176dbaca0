"""SearchIndex on a small fixture catalog (tests/fixtures/search_catalog): the public API, styles, filters."""

from __future__ import annotations

import time

import pytest

import finder.search
from finder.search import Match, SearchHit, SearchIndex
from tests.search_fixture import catalog, ids, top


def test_the_package_exports_its_public_api():
    assert set(finder.search.__all__) == {"Match", "SearchHit", "SearchIndex"}
    assert isinstance(catalog().index, SearchIndex)


@pytest.mark.parametrize("query", ["住民票", "じゅうみんひょう", "ジュウミンヒョウ", "ｼﾞｭｳﾐﾝﾋｮｳ", "juminhyo",
                                   "juuminhyou", "jyuminhyou", "zyuuminhyou", "住民表", "住民票の写", "住民",
                                   "resident certificate"])
def test_every_style_finds_the_item(query):
    assert ids(query, municipality="土浦市", limit=3)[0] == "cert-082031-juminhyo"


def test_hit_fields_and_score_range():
    hit = top("じゅうみんひょう", municipality="土浦市")
    assert isinstance(hit, SearchHit)
    assert hit.item.kind == "certificate"
    assert hit.item.municipality == "土浦市"
    assert 0 < hit.score <= 100
    assert hit.matches and all(isinstance(m, Match) for m in hit.matches)  # says what matched


def test_kinds_filter_and_limit():
    assert {h.item.kind for h in catalog().search("笠間中央公園", kinds={"facility"})} == {"facility"}
    assert len(catalog().search("", limit=3)) == 3
    assert catalog().search("住民票", limit=0) == []
    assert catalog().search("住民票", kinds={"nonsense"}) == []


def test_empty_query_browses_by_kind_then_city_then_reading():
    hits = catalog().search("", limit=100)
    assert len(hits) == len(catalog().items)
    order = ["procedure", "certificate", "wifi", "class", "facility"]
    kinds = [order.index(h.item.kind) for h in hits]
    assert kinds == sorted(kinds)
    assert [h.item.id for h in hits] == [h.item.id for h in catalog().search("   ", limit=100)]
    assert all(h.matches == () for h in hits)  # nothing matched: nothing to explain
    tsuchiura = [h.item.id for h in catalog().search("", municipality="土浦市", limit=100)]
    assert tsuchiura and all(i.split("-")[1] == "082031" for i in tsuchiura)


@pytest.mark.parametrize("query", ["", " ", "\x00", "👨‍👩‍👧‍👦", "\u202eabc", "\ud800", "a\u0301", "(?:a+)+$",
                                   "'; DROP TABLE", "ー", "っ", "n'", "x" * 10_000, "住民票" * 5_000, None, 123])
def test_any_input_is_a_valid_query(query):
    start = time.perf_counter()
    for municipality in (None, "土浦市", "??", ""):
        catalog().search(query, municipality=municipality, kinds={"wifi", "???"}, limit=5)
    assert time.perf_counter() - start < 2.0


def test_sizes_count_shared_documents():
    sizes = catalog().index.sizes()
    assert sizes["items"] == len(catalog().items)
    assert 0 < sizes["documents"] <= sizes["items"]
    assert sizes["distinct_keys"] > sizes["documents"]
