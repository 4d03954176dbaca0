"""finder.search.results (with hit): ranking, and what matched as data, never as words."""

from __future__ import annotations

import dataclasses
import re

import pytest

from finder.present.match import explain_matches
from finder.search import Match, SearchHit
from tests.search_fixture import catalog, ids, top

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_matches_name_the_reading_or_the_synonym():
    m = top("ようかいご").matches[0]
    assert (m.field, m.how) == ("reading", "direct") and m.text.startswith("ようかいご")
    assert explain_matches(top("ようかいご").matches, "ja").startswith("読み: ようかいご")
    hit = top("母子手帳")
    assert hit.item.id == "proc-082201-ninshin"
    assert hit.matches == (Match("title", "synonym", "母子手帳", "妊娠の届出"),)
    assert explain_matches(hit.matches, "ja") == "同義語: 母子手帳 → 妊娠の届出"


def test_romaji_says_it_matched_the_reading():
    m = top("juminhyo", municipality="土浦市").matches[0]
    assert m.how == "romaji" and m.field.endswith("reading") and m.text == "じゅうみんひょう"


def test_several_words_explain_each_word():
    hit = top("公民館 wifi")
    assert len(hit.matches) >= 2 and len(set(hit.matches)) == len(hit.matches)


def test_the_engine_writes_no_labels():
    """Only the item's own text (or the query's synonym) is Japanese; fields and hows are codes."""
    for query in ("ようかいご", "母子手帳", "笠間 wifi", "juminhyo", "ワイファイ", "スマホ教室", "公共施設", "住民表"):
        for hit in catalog().search(query, limit=20):
            for m in hit.matches:
                assert not JAPANESE.search(m.field) and not JAPANESE.search(m.how), m
                assert m.field in {"title", "reading", "english", "alias", "alias_reading", "keyword",
                                   "keyword_reading", "town", "venue", "town_reading", "ssid", "kind",
                                   "municipality"}, m
                assert m.how in {"direct", "reading", "romaji", "synonym", "city"}, m


def test_hits_and_matches_are_frozen():
    hit = top("住民票")
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.score = 0  # type: ignore[misc]
    assert isinstance(hit, SearchHit) and hash(hit.matches[0])


def test_ties_follow_the_browse_order():
    browse = ids("", limit=100)
    hits = catalog().search("wifi", limit=100)
    for a, b in zip(hits, hits[1:]):
        if a.score == b.score:
            assert browse.index(a.item.id) < browse.index(b.item.id)
