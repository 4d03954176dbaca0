"""Scoring one piece of the query: fuzzy scores of keys, then each document's best entries.

Without a city filter, the candidate keys come from the gram index (only the top few hundred are
scored); with one, they are the keys of that city's documents. Either way query cost does not grow
with the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from finder.search.fields import FIELD_GROUP, FIELD_W, SECOND_FIELD_BONUS
from finder.search.fuzzy import MIN_SCORE
from finder.search.query import read_query, score_forms

if TYPE_CHECKING:
    from finder.search.build import Documents, Tables
    from finder.search.hit import Match
    from finder.search.query import Form

KEY_FANOUT = 500
SCOPE_MEMO = 64  # cities whose key lists stay ready (a kiosk searches one city over and over)


@dataclass(slots=True)
class Pass:
    """Scores of documents for one piece of the query."""

    docs: np.ndarray       # sorted unique doc ids
    scores: np.ndarray     # float32, same length
    keys: tuple[np.ndarray, np.ndarray, np.ndarray]  # scored key ids (sorted), best direct score, its form
    best: np.ndarray       # entry index (into the entry arrays) that gave the score, per doc
    best_form: np.ndarray  # form index, per doc
    forms: list[Form]
    kind_floor: np.ndarray  # per kind: score any doc of that kind gets from a kind word
    kind_match: list[Match | None]  # per kind: why


class CityScopes:
    """Entries, distinct keys and key strings of one city's documents (shared by a query's passes)."""

    def __init__(self, docs: Documents):
        self._docs = docs
        self._memo: dict[tuple[int, bytes], tuple] = {}

    def get(self, city: int, kind_ok: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        memo_key = (city, kind_ok.tobytes())
        memo = self._memo.get(memo_key)
        if memo is None:
            d = self._docs
            docs = d.city_docs.get(city, np.empty(0, dtype=np.int32))
            docs = docs[kind_ok[d.doc_kind[docs]]]
            entries = gather(d.doc_start, docs, None)
            ukeys, inv = np.unique(d.e_key[entries], return_inverse=True)
            memo = (entries, ukeys, inv, d.keys.take(ukeys))
            try:
                if len(self._memo) >= SCOPE_MEMO:
                    self._memo.pop(next(iter(self._memo)), None)
                self._memo[memo_key] = memo
            except RuntimeError:  # another thread resized the memo; it is only a cache
                pass
        return memo


def run_pass(t: Tables, scopes: CityScopes, text: str, city: int | None, kind_ok: np.ndarray) -> Pass:
    d = t.docs
    forms = read_query(text, t.reader, t.synonyms)
    kind_floor, kind_match = t.kinds.scores(forms)
    empty = np.empty(0, dtype=np.int32)
    if city is not None:
        entries, ukeys, inv, strings = scopes.get(city, kind_ok)
        key_score, key_form, direct, direct_form = score_forms(forms, strings, d.key_len[ukeys], with_direct=True)
    else:
        # Score the candidate keys first; only keys that match at all fan out to documents.
        ukeys = np.sort(t.grams.candidates((f.key for f in forms), d.key_len))
        key_score, key_form, direct, direct_form = score_forms(forms, d.keys.take(ukeys), d.key_len[ukeys],
                                                               with_direct=True)
        good = key_score >= MIN_SCORE * 0.6
        ukeys, key_score, key_form = ukeys[good], key_score[good], key_form[good]
        direct, direct_form = direct[good], direct_form[good]
        entries = gather(d.key_start, ukeys, d.key_entries, KEY_FANOUT)
        entries = entries[kind_ok[d.doc_kind[d.e_doc[entries]]]]
        inv = np.searchsorted(ukeys, d.e_key[entries])
    scored_keys = (ukeys, direct, direct_form)
    if len(entries) == 0:
        return Pass(empty, np.empty(0, np.float32), scored_keys, empty, empty, forms, kind_floor, kind_match)
    e_fields = d.e_field[entries]
    e_score = key_score[inv] * FIELD_W[e_fields]
    e_docs = d.e_doc[entries]
    # Best entry per (doc, field group), then per doc: the best group plus a little of the second,
    # so an item whose name *and* keywords match beats one that only lists the word as a keyword.
    e_group = FIELD_GROUP[e_fields]
    order = np.lexsort((-e_score, e_group, e_docs))
    d_sorted, g_sorted = e_docs[order], e_group[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (d_sorted[1:] != d_sorted[:-1]) | (g_sorted[1:] != g_sorted[:-1])
    per_group = order[first]
    order2 = per_group[np.lexsort((-e_score[per_group], e_docs[per_group]))]
    d2 = e_docs[order2]
    head = np.ones(len(order2), dtype=bool)
    head[1:] = d2[1:] != d2[:-1]
    pick = order2[head]
    scores = e_score[pick].astype(np.float32)
    has_second = np.zeros(len(order2), dtype=bool)
    has_second[:-1] = head[:-1] & ~head[1:]
    second = np.zeros(len(pick), dtype=np.float32)
    second[has_second[head]] = e_score[order2[1:][has_second[:-1]]]
    # The bonus closes part of the gap to 100, so an exact name (100) is never tied by it.
    second = np.where(second >= MIN_SCORE, second, 0.0)
    scores = scores + (100.0 - scores) * SECOND_FIELD_BONUS * second / 100.0
    docs = e_docs[pick]
    keep = scores >= MIN_SCORE * 0.6
    return Pass(docs[keep], scores[keep].astype(np.float32), scored_keys, entries[pick][keep],
                key_form[inv[pick]][keep], forms, kind_floor, kind_match)


def gather(start: np.ndarray, ids: np.ndarray, order: np.ndarray | None, cap: int | None = None) -> np.ndarray:
    """Concatenate CSR ranges start[i]:start[i+1] for the given ids (optionally capped, remapped)."""
    if len(ids) == 0:
        return np.empty(0, dtype=np.int32)
    a = start[ids].astype(np.int64)
    b = start[ids + 1].astype(np.int64)
    if cap is not None:
        b = np.minimum(b, a + cap)
    lengths = b - a
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int32)
    offsets = np.repeat(a - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    idx = (np.arange(total, dtype=np.int64) + offsets).astype(np.int32)
    return order[idx] if order is not None else idx


def lookup(p: Pass, docs: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Scores of ``docs`` in a pass (0 if absent), at least the kind floor of each doc's kind."""
    out = np.zeros(len(docs), dtype=np.float32)
    if len(p.docs) and len(docs):
        i = np.searchsorted(p.docs, docs)
        i = np.minimum(i, len(p.docs) - 1)
        hit = p.docs[i] == docs
        out[hit] = p.scores[i[hit]]
    if len(docs):
        out = np.maximum(out, p.kind_floor[kinds])
    return out
