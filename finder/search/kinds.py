"""Kinds in a search: the kinds filter, and a kind named in the query (wifi, スマホ教室) lifting that kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from finder.model import KINDS
from finder.search.hit import Match
from finder.search.query import score_forms
from finder.text.normalize import kana_key, normalize
from finder.text.spoken import spoken

if TYPE_CHECKING:
    from finder.search.query import Form
    from finder.text.readings import Reader

KIND_THRESHOLD = 80.0
KIND_BOOST = 0.4  # share of the gap to 100 that naming an item's kind closes

# Words that name a kind in a query; everyday words for them live in data/synonyms.csv.
KIND_TERMS: dict[str, tuple[str, ...]] = {
    "procedure": ("手続き", "procedure"),
    "certificate": ("証明書", "certificate"),
    "wifi": ("Wi-Fi", "公衆無線LAN"),
    "class": ("スマホ教室", "smartphone class"),
    "facility": ("公共施設", "public facility"),
    "service": ("デジタルサービス", "digital service"),
}


def kind_mask(kinds: object) -> np.ndarray:
    """Which of KINDS the filter allows: all for None, an empty or unreadable filter; a str is one kind."""
    mask = np.ones(len(KINDS), dtype=bool)
    if kinds is None:
        return mask
    if isinstance(kinds, str):
        kinds = {kinds}
    try:
        wanted = {str(k) for k in kinds}  # type: ignore[union-attr]
    except TypeError:
        return mask
    if not wanted:
        return mask
    return np.array([k in wanted for k in KINDS], dtype=bool)


@dataclass(slots=True)
class KindVocabulary:
    """KIND_TERMS as keys (typed form and reading), each pointing to its kind's position in KINDS."""

    keys: list[str]
    ref: list[int]
    lengths: np.ndarray

    @classmethod
    def build(cls, reader: Reader) -> KindVocabulary:
        keys: list[str] = []
        ref: list[int] = []
        for kind, terms in KIND_TERMS.items():
            for term in terms:
                reading = reader.reading(term)
                for key in {kana_key(normalize(term)), kana_key(reading.replace(" ", "")), kana_key(spoken(reading))}:
                    if key:
                        keys.append(key)
                        ref.append(KINDS.index(kind))
        return cls(keys, ref, np.array([len(k) for k in keys], dtype=np.float32))

    def scores(self, forms: list[Form]) -> tuple[np.ndarray, list[Match | None]]:
        """Per kind: the score any item of that kind gets because the query names the kind, and why."""
        floor = np.zeros(len(KINDS), dtype=np.float32)
        why: list[Match | None] = [None] * len(KINDS)
        best_s, best_f = score_forms(forms, self.keys, self.lengths, term_mode=True)
        for pos in np.nonzero(best_s >= KIND_THRESHOLD)[0]:
            k = self.ref[pos]
            sc = float(best_s[pos]) * 0.9
            if sc > floor[k]:
                floor[k] = sc
                form = forms[int(best_f[pos])]
                why[k] = (Match("kind", "synonym", form.source, KINDS[k]) if form.how == "synonym"
                          else Match("kind", form.how, KINDS[k]))
        return floor, why
