"""finder.search.query: the ways a query is read (as typed, reading, romaji, synonyms)."""

from __future__ import annotations

from finder.live.loader import load_catalog
from finder.search.query import Form, SynonymTable, read_query, romaji_key
from finder.text.readings import Reader
from tests.search_fixture import FIXTURE, ids


def forms(query: str) -> list[Form]:
    reader = Reader({})
    table = SynonymTable.build([("母子手帳", "妊娠の届出"), ("スマホ教室", "スマートフォン講座"), ("alone",)], reader)
    return read_query(query, reader, table)


def test_typed_form_comes_first_with_full_weight():
    first = forms("ジュウミンヒョウ")[0]
    assert (first.key, first.weight, first.how) == ("じゆみんひよ", 1.0, "direct")


def test_kanji_are_also_read():
    assert ("ぼしてちよ", "reading") in [(f.key, f.how) for f in forms("母子手帳")]


def test_romaji_becomes_kana_leniently_when_it_must():
    assert [(f.key, f.how) for f in forms("juminhyo")][1] == ("じゆみんひよ", "romaji")
    assert romaji_key("juminhyo", lenient=False) == "じゆみんひよ"
    assert romaji_key("tenshtsu", lenient=False) == ""  # a dropped u is not strict romaji
    assert romaji_key("tenshtsu", lenient=True) == "てんしゆつ"


def test_a_synonym_form_knows_its_source_and_target():
    syn = [f for f in forms("母子手帳") if f.how == "synonym"]
    assert [(f.source, f.target) for f in syn] == [("母子手帳", "妊娠の届出")]
    assert 0 < syn[0].weight < 1


def test_one_term_groups_are_not_synonyms():
    table = SynonymTable.build([("alone",), ("a", "b")], Reader({}))
    assert {g for g, _ in table.ref} == {0}


def test_synonyms_come_from_the_data_file():
    plain = load_catalog(FIXTURE)
    plain.synonyms = []
    assert "proc-082201-ninshin" not in [h.item.id for h in plain.search("母子手帳")]
    assert "proc-082201-ninshin" in ids("母子手帳")
