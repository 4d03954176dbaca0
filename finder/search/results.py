"""Assembling results: combine the passes of a query, rank items, and say why each was found."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from finder.search.fields import FIELD_NAMES, FIELD_W
from finder.search.fuzzy import MIN_SCORE
from finder.search.hit import Match, SearchHit
from finder.search.kinds import KIND_BOOST, KIND_THRESHOLD
from finder.search.score import lookup

if TYPE_CHECKING:
    from finder.search.build import Tables
    from finder.search.score import Pass


PRIMARY_BONUS = 3.0  # points the primary form of a family (data: primary=yes) gets over its near-equals
PRIMARY_MIN = 80.0  # ... when it matches at least this well
FLOOR_ABS = 70.0  # no padding: an item matches the whole query, or one of its words, at least this well
FLOOR_REL = 0.75  # ... and scores at least this share of the best result


def collect(t: Tables, whole: list[Pass], tokens: list[Pass], city: int | None, kind_ok: np.ndarray,
            limit: int, city_match: Match | None) -> list[SearchHit]:
    """The best ``limit`` real matches: the whole query's score, or the mean of its words' when higher.

    Only items above the relevance floor are returned, so fewer than ``limit`` (or none) means that is
    all there is: a query for something the catalog lacks gets nothing, not the least bad items.
    """
    d = t.docs
    w = whole[0]
    all_docs = [p.docs for p in whole + tokens]
    docs = np.unique(np.concatenate(all_docs)) if all_docs else np.empty(0, dtype=np.int32)
    kinds = d.doc_kind[docs] if len(docs) else np.empty(0, dtype=np.int8)
    s_whole = lookup(w, docs, kinds)
    final = s_whole
    use_tokens = np.zeros(len(docs), dtype=bool)
    strongest = s_whole  # how well the item matches the whole query or one of its words
    if tokens:
        per_token = np.stack([lookup(p, docs, kinds) for p in tokens])
        mean = per_token.mean(axis=0)
        use_tokens = mean > s_whole
        final = np.maximum(s_whole, mean)
        strongest = np.maximum(s_whole, per_token.max(axis=0))
    # A kind named in the query lifts that kind a little (wifi -> Wi-Fi sites before facilities).
    boost_src = np.max(np.stack([w.kind_floor] + [p.kind_floor for p in tokens]), axis=0)
    if len(docs):
        # Closing part of the gap to 100 keeps the order among items of the named kind.
        named = boost_src[kinds] >= KIND_THRESHOLD * 0.9
        final = np.where(named, final + (100.0 - final) * KIND_BOOST, final)
        final = primary_first(final, d.doc_primary[docs], kinds)
    ok = (final >= MIN_SCORE) & (np.maximum(final, strongest) >= FLOOR_ABS)
    docs, final, use_tokens = docs[ok], final[ok], use_tokens[ok]

    scored: dict[int, tuple[float, str]] = {}
    if city is not None:
        doc_pos = {int(doc): i for i, doc in enumerate(docs)}
        for it in d.city_items.get(city, ()):
            i = doc_pos.get(int(d.item_doc[it]))
            if i is not None:
                scored[int(it)] = (float(final[i]), "")
    else:
        order = np.lexsort((docs, -final))[: max(limit * 4, 40)]
        for i in order:
            doc = int(docs[i])
            taken = 0
            a, b = d.doc_item_start[doc], d.doc_item_start[doc + 1]
            for it in d.doc_items[a:b].tolist():
                scored[it] = (float(final[i]), "")
                taken += 1
                if taken >= limit:
                    break
    # The kind the whole query names, in browse order (wifi, 笠間 wifi, ワイファイ).
    for k in np.nonzero((w.kind_floor >= KIND_THRESHOLD) & kind_ok)[0]:
        s = float(w.kind_floor[k]) + (100.0 - float(w.kind_floor[k])) * KIND_BOOST
        if city is not None:
            pool = d.city_items.get(city, np.empty(0, dtype=np.int32))
            pool = pool[d.item_kind[pool] == k]
        else:
            pool = d.kind_items[int(k)]
        for it in pool[: limit * 2]:
            it = int(it)
            if it not in scored or scored[it][0] < s:
                scored[it] = (s, "kind")
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], d.rank[kv[0]]))
    if ranked:
        ranked = [r for r in ranked if r[1][0] >= ranked[0][1][0] * FLOOR_REL]
        ranked = samples_last(ranked, t.items)[:limit]
    doc_index = {int(doc): i for i, doc in enumerate(docs)}
    hits = []
    for it, (score, how) in ranked:
        if how == "kind":
            why = [w.kind_match[d.item_kind[it]]]
        else:
            i = doc_index[int(d.item_doc[it])]
            why = explain(t, whole, tokens, int(docs[i]), bool(use_tokens[i]))
        if city_match is not None:
            why.append(city_match)
        hits.append(SearchHit(t.items[it], round(score, 1), tuple(m for m in why if m is not None)))
    return hits


def samples_last(ranked: list[tuple[int, tuple[float, str]]], items) -> list[tuple[int, tuple[float, str]]]:
    """Sample rows (dates no source gives) after every real item, whatever they scored: a resident must
    never find a made-up class before a real one."""
    return sorted(ranked, key=lambda kv: bool(items[kv[0]].is_sample))  # stable: order kept otherwise


def primary_first(scores: np.ndarray, primary: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """The form a resident needs first wins among near-equals of its kind (児童手当 -> 認定請求, not 寄附).

    A primary form that matches well gets PRIMARY_BONUS points, but never passes an item of another kind
    that scored higher: the hint orders a family, it does not decide between 市税の納付 and コンビニ交付.
    """
    out = scores.copy()
    for i in np.nonzero(primary & (scores >= PRIMARY_MIN))[0]:
        lifted = min(100.0, float(scores[i]) + PRIMARY_BONUS)
        above = scores[(kinds != kinds[i]) & (scores > scores[i])]
        if len(above):
            lifted = min(lifted, float(above.min()) - 0.01)
        out[i] = max(float(scores[i]), lifted)
    return out


def explain(t: Tables, whole: list[Pass], tokens: list[Pass], doc: int, use_tokens: bool) -> list[Match | None]:
    """Why a document scored: per pass that counted, its kind word or its best entry."""
    passes = tokens if use_tokens else whole
    found: list[Match | None] = []
    kind = int(t.docs.doc_kind[doc])
    for p in passes:
        i = np.searchsorted(p.docs, doc)
        field_score = float(p.scores[i]) if i < len(p.docs) and p.docs[i] == doc else 0.0
        if p.kind_floor[kind] > field_score:
            found.append(p.kind_match[kind])
        elif field_score > 0:
            found.append(entry_match(t, p, int(i), doc))
    return list(dict.fromkeys(m for m in found if m is not None))


def entry_match(t: Tables, p: Pass, i: int, doc: int) -> Match:
    """The entry that gave document ``doc`` (position ``i`` in the pass) its score."""
    d = t.docs
    e = int(p.best[i])
    form = p.forms[int(p.best_form[i])]
    if form.how == "synonym":
        # Say what the resident typed matched directly, when that is nearly as good as the synonym.
        ukeys, direct, direct_form = p.keys
        ents = np.arange(int(d.doc_start[doc]), int(d.doc_start[doc + 1]))
        pos = np.minimum(np.searchsorted(ukeys, d.e_key[ents]), max(0, len(ukeys) - 1))
        found = ukeys[pos] == d.e_key[ents] if len(ukeys) else np.zeros(len(ents), dtype=bool)
        sc = np.where(found, direct[pos] if len(ukeys) else 0.0, 0.0) * FIELD_W[d.e_field[ents]]
        j = int(np.argmax(sc)) if len(sc) else -1
        if j < 0 or sc[j] < float(p.scores[i]) - 8.0:
            return Match(FIELD_NAMES[int(d.e_field[e])], "synonym", form.source, form.target)
        e, form = int(ents[j]), p.forms[int(direct_form[pos[j]])]
    return Match(FIELD_NAMES[int(d.e_field[e])], form.how, d.displays[int(d.e_disp[e])])


def browse_hits(t: Tables, city: int | None, kind_ok: np.ndarray, limit: int, score: float,
                city_match: Match | None) -> list[SearchHit]:
    """Items in browse order (an empty query, or only a place typed)."""
    d = t.docs
    pool = d.city_items.get(city, np.empty(0, dtype=np.int32)) if city is not None else d.browse
    if not kind_ok.all():
        pool = pool[kind_ok[d.item_kind[pool]]]
    why = (city_match,) if city_match is not None else ()
    return [SearchHit(t.items[int(i)], score, why) for i in pool[:limit]]
