"""The curated cities' names for search: their readings for the reader, and finding one named in a query (CityLexicon)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from finder.municipalities.names import bare_english, bare_kana, bare_name
from finder.text.normalize import has_kanji, has_latin, kana_key, normalize, romaji_to_hiragana

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


def _token_keys(tok: str) -> list[str]:
    keys = [kana_key(tok)]
    if has_latin(tok):
        keys.append(kana_key(romaji_to_hiragana(tok)))
    return keys


@dataclass(slots=True)
class CityLexicon:
    """Every key that names a municipality (name, stem, kana, romaji, English, code) -> its position."""

    names: list[str]
    lex: dict[str, int]
    max_len: int

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
        return cls([m.name for m in cities], lex, max((len(k) for k in lex), default=0))

    def lookup(self, name: object) -> int | None:
        """Position of the municipality a whole text names (kana, romaji, English, code), or None."""
        key = normalize(name)
        for cand in (key, kana_key(key), kana_key(romaji_to_hiragana(key.replace(" ", "")))):
            ci = self.lex.get(cand.replace(" ", ""))
            if ci is not None:
                return ci
        return None

    def take(self, tokens: list[str], city: int | None) -> tuple[list[str], int | None]:
        """Find a municipality named in the query (agreeing with ``city`` if given); remove it from the tokens."""
        lex = self.lex
        for i, tok in enumerate(tokens):
            for cand in _token_keys(tok):
                ci = lex.get(cand)
                if ci is not None and (city is None or ci == city):
                    return tokens[:i] + tokens[i + 1:], ci
        for i, tok in enumerate(tokens):
            key = kana_key(tok)
            for size in range(min(self.max_len, len(key) - 1), 1, -1):
                for part, rest in ((key[:size], key[size:]), (key[-size:], key[:-size])):
                    ci = lex.get(part)
                    if ci is not None and (city is None or ci == city):
                        return tokens[:i] + [rest] + tokens[i + 1:], ci
        return tokens, None
