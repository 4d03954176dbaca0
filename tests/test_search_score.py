"""finder.search.score: one pass of the query over the keys, and the array helpers it uses."""

from __future__ import annotations

import numpy as np

from finder.search.kinds import kind_mask
from finder.search.score import SCOPE_MEMO, CityScopes, Pass, gather, lookup, run_pass
from tests.search_fixture import catalog


def test_gather_concatenates_ranges():
    start = np.array([0, 2, 2, 5], dtype=np.int32)
    assert gather(start, np.array([0, 2]), None).tolist() == [0, 1, 2, 3, 4]
    assert gather(start, np.array([2]), None, cap=2).tolist() == [2, 3]
    assert gather(start, np.array([1]), None).tolist() == []
    assert gather(start, np.array([0]), np.array([9, 8, 7, 6, 5])).tolist() == [9, 8]


def test_lookup_gives_the_pass_score_or_the_kind_floor():
    p = Pass(np.array([1, 4]), np.array([70.0, 90.0], dtype=np.float32), (np.empty(0),) * 3, np.empty(0),
             np.empty(0), [], np.array([0.0, 60.0], dtype=np.float32), [None, None])
    assert lookup(p, np.array([0, 1, 4, 5]), np.array([0, 0, 0, 1])).tolist() == [0.0, 70.0, 90.0, 60.0]


def test_a_pass_scores_documents_with_their_best_entry():
    index = catalog().index
    t = index._t
    p = run_pass(t, CityScopes(t.docs), "じゅうみんひょう", None, kind_mask(None))
    assert len(p.docs) and np.all(np.diff(p.docs) > 0)
    assert p.scores.max() >= 90
    best = int(p.docs[np.argmax(p.scores)])
    assert "juminhyo" in t.items[int(t.docs.doc_items[t.docs.doc_item_start[best]])].id


def test_a_city_pass_scores_only_that_city():
    index = catalog().index
    t = index._t
    city = index.resolve_city("神栖市")
    p = run_pass(t, CityScopes(t.docs), "住民票", city, kind_mask(None))
    assert set(p.docs.tolist()) <= set(t.docs.city_docs[city].tolist())


def test_city_scopes_keep_a_bounded_memo():
    t = catalog().index._t
    scopes = CityScopes(t.docs)
    first = scopes.get(0, kind_mask(None))
    assert scopes.get(0, kind_mask(None)) is first
    for n in range(SCOPE_MEMO + 5):
        scopes.get(n % len(t.docs.city_items), kind_mask({("wifi", "class", "facility")[n % 3], str(n)}))
    assert len(scopes._memo) <= SCOPE_MEMO
