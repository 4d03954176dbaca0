"""finder.search.kinds: the kinds filter, and a kind named in the query lifting that kind."""

from __future__ import annotations

from finder.model import KINDS
from finder.search import Match
from finder.search.kinds import KIND_TERMS, kind_mask
from tests.search_fixture import catalog, top


def test_kind_mask_reads_any_filter():
    assert kind_mask(None).all() and kind_mask(set()).all() and kind_mask(42).all()
    assert kind_mask("wifi").tolist() == [k == "wifi" for k in KINDS]
    assert kind_mask({"wifi", "class", "nonsense"}).tolist() == [k in ("wifi", "class") for k in KINDS]
    assert not kind_mask({"nonsense"}).any()


def test_every_kind_term_names_a_kind():
    assert set(KIND_TERMS) <= set(KINDS)


def test_kind_words_lift_that_kind():
    assert top("wifi").item.kind == "wifi"
    assert top("ワイファイ").item.kind == "wifi"
    assert top("スマホ教室").item.id == "cls-082201-smartphone"


def test_a_kind_word_alone_lists_that_kind_and_says_so():
    hits = catalog().search("公共施設", limit=20)
    assert hits and hits[0].item.kind == "facility"
    assert any(Match("kind", "direct", "facility") in h.matches for h in hits)
