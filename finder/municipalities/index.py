"""Search keys of every municipality in three scripts, and a fast exact/prefix/substring index over them.

Each row gets several forms (full name, name without 市/町/村/区, for wards also "札幌中央区" and the bare
ward name), each with a weight that ranks a full-name hit above a partial one and a municipality above a
ward of the same name. Readings come from the table, never from a converter.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from finder.municipalities.municipality import Municipality
from finder.municipalities.names import bare_prefecture, bare_reading, romaji_words
from finder.municipalities.table import NationalTable
from finder.text.normalize import kana_key, normalize

# Weights of the forms (an exact hit scores the weight itself).
FULL, BARE, WARD_FULL, WARD_CITY, WARD_ONLY, WARD_BARE = 100.0, 98.0, 99.0, 97.0, 80.0, 75.0


_NAME_VARIANTS = str.maketrans({"ヶ": "ケ", "龍": "竜"})  # 龍ケ崎 is also written 竜ヶ崎


def fold_name(text: str) -> str:
    """Kanji-side key: normalized, spaces removed, ヶ = ケ and 龍 = 竜 (龍ケ崎 / 竜ヶ崎)."""
    return normalize(text).replace(" ", "").translate(_NAME_VARIANTS)


def forms_of(m: Municipality, parent: Municipality | None) -> dict[str, list[tuple[str, float]]]:
    """Keys per script ('kanji', 'kana', 'romaji') with their weights."""
    kanji: list[tuple[str, float]] = []
    kana: list[tuple[str, float]] = []
    roma: list[tuple[str, float]] = []
    words = romaji_words(m.name_romaji)
    if parent is None:
        kanji += [(m.name, FULL), (m.name[:-1], BARE)]
        kana += [(m.name_kana, FULL), (bare_reading(m.name, m.name_kana), BARE)]
        roma += [(words[0][0] + words[0][1], FULL), (words[0][0], BARE)]
    else:
        city, city_kana = parent.name, parent.name_kana
        ward_bare_kana = bare_reading(m.ward, m.ward_kana)
        city_bare_kana = bare_reading(city, city_kana)
        kanji += [(m.name, WARD_FULL), (city[:-1] + m.ward, WARD_CITY), (city[:-1] + m.ward[:-1], WARD_CITY),
                  (m.ward, WARD_ONLY), (m.ward[:-1], WARD_BARE)]
        kana += [(m.name_kana, WARD_FULL), (city_bare_kana + m.ward_kana, WARD_CITY),
                 (city_bare_kana + ward_bare_kana, WARD_CITY), (city_kana + ward_bare_kana, WARD_CITY),
                 (m.ward_kana, WARD_ONLY), (ward_bare_kana, WARD_BARE)]
        (cb, cs), (wb, ws) = words[0], words[-1]
        roma += [(cb + cs + wb + ws, WARD_FULL), (cb + wb + ws, WARD_CITY), (cb + wb, WARD_CITY),
                 (wb + ws, WARD_ONLY), (wb, WARD_BARE)]
    return {"kanji": [(fold_name(k), w) for k, w in kanji if k],
            "kana": [(kana_key(k), w) for k, w in kana if k],
            "romaji": [(normalize(k).replace(" ", ""), w) for k, w in roma if k]}


@dataclass(frozen=True, slots=True)
class Hit:
    row: int  # index into NationalTable.rows
    weight: float
    tier: str  # exact | prefix | substring
    coverage: float  # query length / key length


@dataclass
class FormIndex:
    """Exact look-up by dict; prefix and substring by str.find over all keys joined (the scan runs in C)."""

    keys: list[str] = field(default_factory=list)
    owners: list[tuple[int, float]] = field(default_factory=list)
    exact: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    _joined: str = ""
    _starts: list[int] = field(default_factory=list)

    def add(self, key: str, row: int, weight: float) -> None:
        self.keys.append(key)
        self.owners.append((row, weight))
        self.exact.setdefault(key, []).append((row, weight))

    def freeze(self) -> None:
        pos = 0
        for key in self.keys:
            self._starts.append(pos)
            pos += len(key) + 1
        self._joined = "\n".join(self.keys)

    def search(self, q: str, substring: bool = True, max_hits: int = 3000) -> Iterable[Hit]:
        if not q:
            return
        for row, weight in self.exact.get(q, ()):
            yield Hit(row, weight, "exact", 1.0)
        find, starts, hits = self._joined.find, self._starts, 0
        pos = find(q)
        while pos >= 0 and hits < max_hits:
            i = bisect_right(starts, pos) - 1
            key = self.keys[i]
            if len(key) != len(q):
                at_start = pos == starts[i]
                if at_start or substring:
                    row, weight = self.owners[i]
                    yield Hit(row, weight, "prefix" if at_start else "substring", len(q) / len(key))
                    hits += 1
            pos = find(q, pos + 1)


@dataclass
class NationalIndex:
    table: NationalTable
    scripts: dict[str, FormIndex]
    by_pref: dict[str, dict[str, FormIndex]]
    prefectures: list[tuple[str, list[str], list[str]]]  # name, kanji forms, kana forms
    reading_of: dict[str, str]  # kanji form -> kana key (for mixed-script queries)


def build_index(table: NationalTable) -> NationalIndex:
    scripts = {s: FormIndex() for s in ("kanji", "kana", "romaji")}
    by_pref: dict[str, dict[str, FormIndex]] = {}
    reading_of: dict[str, str] = {}
    prefs: dict[str, str] = {}
    for i, m in enumerate(table.rows):
        parent = table.get(m.parent_code) if m.parent_code else None
        forms = forms_of(m, parent)
        pref_idx = by_pref.setdefault(m.prefecture, {s: FormIndex() for s in scripts})
        for script, keys in forms.items():
            for key, weight in keys:
                scripts[script].add(key, i, weight)
                pref_idx[script].add(key, i, weight)
        word, word_kana = (m.ward, m.ward_kana) if parent else (m.name, m.name_kana)
        reading_of.setdefault(fold_name(word), kana_key(word_kana))
        reading_of.setdefault(fold_name(word[:-1]), kana_key(bare_reading(word, word_kana)))
        prefs[m.prefecture] = m.prefecture_kana
    for idx in [*scripts.values(), *(i for d in by_pref.values() for i in d.values())]:
        idx.freeze()
    prefectures = []
    for name, kana in prefs.items():
        short, short_kana = bare_prefecture(name, kana)
        kanji_forms = sorted({fold_name(name), fold_name(short)}, key=len, reverse=True)
        kana_forms = sorted({kana_key(kana), kana_key(short_kana)}, key=len, reverse=True)
        prefectures.append((name, kanji_forms, kana_forms))
        reading_of.setdefault(fold_name(name), kana_key(kana))
        reading_of.setdefault(fold_name(short), kana_key(short_kana))
    return NationalIndex(table, scripts, by_pref, prefectures, reading_of)
