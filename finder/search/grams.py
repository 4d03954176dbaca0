"""Character-gram inverted index: without a city filter, it picks the few hundred keys worth scoring.

Postings are one flat int32 array with a slot per gram and an idf weight per slot, so query cost
does not grow with the catalog.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from finder.text.normalize import has_kanji

GLOBAL_CANDIDATES = 400
CANDIDATE_POSTINGS = 120_000


def grams(key: str) -> set[str]:
    """Bigrams of each word, plus single characters that carry meaning alone (kanji, 々).

    A lone kana or Latin letter would point at most of the catalog, so it is not indexed; one-kana
    queries still work inside a city, where every key of the city is scored.
    """
    out: set[str] = set()
    for word in key.split():
        out.update(ch for ch in word if ch > "\u3400" and not ("\u3040" <= ch <= "\u30ff"))
        out.update(word[i:i + 2] for i in range(len(word) - 1))
    return out


@dataclass(slots=True)
class GramIndex:
    postings: np.ndarray                       # key ids, sorted within each gram's slot
    slots: dict[str, tuple[int, int, float]]   # gram -> (start, end, idf)

    @classmethod
    def build(cls, keys: Sequence[str]) -> GramIndex:
        gram_ids: dict[str, int] = {}
        setdefault = gram_ids.setdefault
        pair_gram = array("i")
        counts = np.empty(len(keys), dtype=np.int64)
        for kid, key in enumerate(keys):
            gids = [setdefault(g, len(gram_ids)) for g in grams(key)]
            pair_gram.extend(gids)
            counts[kid] = len(gids)
        gram_of = np.frombuffer(pair_gram, dtype=np.int32)
        key_of = np.repeat(np.arange(len(keys), dtype=np.int32), counts)
        postings = key_of[np.argsort(gram_of, kind="stable")]  # stable: key ids stay sorted within a gram
        start = np.concatenate(([0], np.cumsum(np.bincount(gram_of, minlength=len(gram_ids)))))
        n = max(1, len(keys))
        slots: dict[str, tuple[int, int, float]] = {}
        for g, gid in gram_ids.items():
            a, b = int(start[gid]), int(start[gid + 1])
            slots[g] = (a, b, math.log(1.0 + n / max(1, b - a)))
        return cls(postings, slots)

    def candidates(self, query_keys: Iterable[str], key_len: np.ndarray) -> np.ndarray:
        """Keys sharing the most (idf-weighted) character grams with any of the query's keys."""
        wanted: set[str] = set()
        for k in query_keys:
            wanted |= grams(k)
        slot = self.slots
        slots = [slot[g] for g in wanted if g in slot]
        if sum(1 for g in wanted if len(g) == 2 and g in slot) >= 2:
            # Bigrams are enough to find the words; single kana would drag in half the catalog.
            slots = [slot[g] for g in wanted if g in slot and (len(g) == 2 or has_kanji(g))]
        if not slots:
            return np.empty(0, dtype=np.int32)
        slots.sort(key=lambda s: s[1] - s[0])  # rarest grams first
        budget, chosen = CANDIDATE_POSTINGS, []
        for s in slots:
            if budget <= 0 and len(chosen) >= 2:
                break
            chosen.append(s)
            budget -= s[1] - s[0]
        ids = np.concatenate([self.postings[a:b] for a, b, _ in chosen])
        weights = np.concatenate([np.full(b - a, w, dtype=np.float32) for a, b, w in chosen])
        n_keys = len(key_len)
        if len(ids) * 8 > n_keys:  # dense count: no sort of a long list
            dense = np.bincount(ids, weights=weights, minlength=n_keys).astype(np.float32)
            uniq = np.flatnonzero(dense).astype(np.int32)
            score = dense[uniq]
        else:
            uniq, inv = np.unique(ids, return_inverse=True)
            score = np.bincount(inv, weights=weights).astype(np.float32)
        score -= 0.01 * key_len[uniq]  # among equal overlaps prefer short keys
        if len(uniq) > GLOBAL_CANDIDATES:
            top = np.argpartition(-score, GLOBAL_CANDIDATES)[:GLOBAL_CANDIDATES]
            uniq = uniq[top]
        return uniq
