"""Reading a query: as typed (folded to the kana key), as read (kanji), as romaji, and through synonyms.

A query is tried as typed, as its reading (kanji typos and homophones: 住民表 -> じゅうみんひょう), as
romaji converted to kana, and through synonym groups from data/synonyms.csv. Each way is a ``Form``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from finder.search.fuzzy import WHOLE_MIN, best_scores
from finder.text.normalize import has_kanji, has_latin, kana_key, normalize, romaji_to_hiragana
from finder.text.spoken import spoken

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from finder.text.readings import Reader

SYN_THRESHOLD = WHOLE_MIN  # how close a query word must be to a synonym term to name it


@dataclass(slots=True)
class Form:
    """One way of reading the query: the key to compare, its weight, and how it was reached."""

    key: str
    weight: float
    how: str = "direct"  # direct, reading, romaji, synonym
    source: str = ""     # for synonyms: the query's word as its group writes it (スマホ)
    target: str = ""     # for synonyms: the term it stands for (スマートフォン講座)


def score_forms(forms: Sequence[Form], strings: Sequence[str], lengths: np.ndarray, term_mode: bool = False,
                with_direct: bool = False) -> tuple[np.ndarray, ...]:
    """``fuzzy.best_scores`` of the forms; ``with_direct`` also scores the forms that are not synonyms alone.

    Forms reached through a synonym are held to a whole-text or contiguous match (one hop, no chain).
    """
    via_synonym = [f.how == "synonym" for f in forms]
    return best_scores([f.key for f in forms], [f.weight for f in forms], strings, lengths, term_mode,
                       [not v for v in via_synonym] if with_direct else None, via_synonym)


def romaji_key(text: str, lenient: bool) -> str:
    """Kana key of the romaji words of a query ("" when no word reads as romaji)."""
    words = text.split()
    converted = [romaji_to_hiragana(w, lenient) if w.isascii() and has_latin(w) else w for w in words]
    if not any(c != w and not has_latin(c) for c, w in zip(converted, words)):
        return ""
    mixed = [c if not has_latin(c) else w for c, w in zip(converted, words)]
    joined = "".join(mixed) if not any(has_latin(m) for m in mixed) else " ".join(mixed)
    return kana_key(joined)


@dataclass(slots=True)
class SynonymTable:
    """Synonym terms as keys (typed form and reading); each points to its group and term."""

    keys: list[str]
    ref: list[tuple[int, int]]              # (group, term index) per key
    terms: list[list[tuple[str, str]]]      # per group: (key, display) of each term
    lengths: np.ndarray

    @classmethod
    def build(cls, groups: Iterable[tuple[str, ...]], reader: Reader) -> SynonymTable:
        keys: list[str] = []
        ref: list[tuple[int, int]] = []
        group_terms: list[list[tuple[str, str]]] = []
        for terms in groups:
            terms = tuple(t for t in (str(t).strip() for t in terms) if t)
            if len(terms) < 2:
                continue
            g = len(group_terms)
            keys_of_group = []
            for ti, term in enumerate(terms):
                typed = kana_key(normalize(term))
                reading = reader.reading(term)
                said = kana_key(reading.replace(" ", ""))
                keys_of_group.append((typed, term))
                for key in {typed, said, kana_key(spoken(reading))}:
                    if key:
                        keys.append(key)
                        ref.append((g, ti))
            group_terms.append(keys_of_group)
        return cls(keys, ref, group_terms, np.array([len(k) for k in keys], dtype=np.float32))

    def forms(self, forms: list[Form]) -> list[Form]:
        """The other terms of the (at most three) groups the query's forms name."""
        if not self.keys:
            return []
        best_s, best_f = score_forms(forms, self.keys, self.lengths, term_mode=True)
        best: dict[int, tuple[float, int]] = {}
        for pos in np.nonzero(best_s >= SYN_THRESHOLD)[0]:
            if fuzz.ratio(forms[int(best_f[pos])].key, self.keys[pos]) < SYN_THRESHOLD:
                continue  # a word inside a term does not name it (ai in kaigo), a typo of the term does
            g, ti = self.ref[pos]
            sc = float(best_s[pos])
            if g not in best or sc > best[g][0]:
                best[g] = (sc, ti)
        out: list[Form] = []
        for g, (sc, ti) in sorted(best.items(), key=lambda kv: -kv[1][0])[:3]:
            terms = self.terms[g]
            source = terms[ti][1]
            for j, (key, display) in enumerate(terms):
                if j != ti and key:
                    # Earlier terms of a group are the likelier targets (引っ越し -> 転出届 before 転居届).
                    weight = (0.94 - 0.004 * min(j, 10)) * sc / 100.0
                    out.append(Form(key, weight, "synonym", source, display))
        return out[:16]


def read_query(text: str, reader: Reader, synonyms: SynonymTable) -> list[Form]:
    """The query as typed, as read (kanji), as romaji, and through synonym groups."""
    forms = [Form(kana_key(text), 1.0)]
    if has_kanji(text):
        r = kana_key(reader.reading(text).replace(" ", ""))
        if r and r != forms[0].key:
            forms.append(Form(r, 0.94, "reading"))
    if has_latin(text):
        for lenient, weight in ((False, 0.97), (True, 0.9)):
            r = romaji_key(text, lenient)
            if r and all(r != f.key for f in forms):
                forms.append(Form(r, weight, "romaji"))
                break
    forms += synonyms.forms(forms)
    return forms
