"""The catalog's own cities' names: their readings for the reader, and every key that names one (CityLexicon).

Finding one of them named in a query is finder.municipalities.scope.find_city_in_query (the one pass)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from finder.municipalities.names import bare_english, bare_kana, bare_name
from finder.text.normalize import has_kanji, kana_key, normalize, romaji_to_hiragana

if TYPE_CHECKING:
    from collections.abc import Sequence

    from finder.municipalities.municipality import Municipality


def city_stems(name: str) -> list[str]:
    """The name and, for 笠間市, 笠間: residents often leave the 市町村区 off."""
    bare = bare_name(name, min_left=2)
    return [name] if bare == name else [name, bare]


def kana_stems(kana: str) -> list[str]:
    bare = bare_kana(kana)
    return [kana] if bare == kana else [kana, bare]


def city_readings(cities: Sequence[Municipality]) -> list[tuple[str, str]]:
    """Municipality names read from municipalities.csv, so pykakasi never guesses them."""
    pairs = []
    for m in cities:
        kana = m.name_kana or ""
        for name, reading in zip(city_stems(m.name), kana_stems(kana)):
            if has_kanji(name) and reading:
                pairs.append((name, reading))
    return pairs


@dataclass(slots=True)
class CityLexicon:
    """Every key that names a municipality (name, stem, kana, romaji, English, code) -> its position."""

    cities: tuple[Municipality, ...]
    lex: dict[str, int]
    max_len: int

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.cities]

    @classmethod
    def build(cls, cities: Sequence[Municipality]) -> CityLexicon:
        lex: dict[str, int] = {}
        for ci, m in enumerate(cities):
            names = set(city_stems(normalize(m.name)))
            names.update(kana_key(s) for s in kana_stems(normalize(m.name_kana)))
            en = bare_english(normalize(m.name_en))
            if en:
                names.add(en.replace(" ", ""))
                names.add(kana_key(romaji_to_hiragana(en.replace(" ", ""))))
            names.add(m.code)
            for n in names:
                n = kana_key(n)
                if len(n) >= 2:
                    lex.setdefault(n, ci)
        return cls(tuple(cities), lex, max((len(k) for k in lex), default=0))
