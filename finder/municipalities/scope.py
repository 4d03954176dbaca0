"""Which municipality a search is about: a filter value (name, code, postal code) or a city named in the query.

A filter is the resident's explicit choice, so any exact spelling counts (``resolve``). A city *named in a
query* ("札幌 住民票", "さっぽろ じゅうみんひょう", "sapporo juminhyo") must not catch ordinary words, so
only whole words that are a municipality's exact name count (``find_city_in_query``). A name without its
市/町/村/区 counts only when it is not also a ward name shared by many cities (中央, 北, みなと, 清水 ...)
and not a word the curated catalog itself uses (keywords, synonyms, the start of a title: さくら, 昭和).
A reading counts only from 3 kana or 5 romaji letters (4 with the suffix) and never when it is a catalog
word (タクシー reads たくし, 多久市). Kanji with the suffix always counts (港区, 中央市).
A full name glued to the words after it (札幌市住民票) counts too; a bare one (札幌住民票) does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from finder.municipalities.index import BARE, WARD_BARE, fold_name
from finder.municipalities.lookup import Match, find_municipalities, get_index
from finder.municipalities.names import ENGLISH_SUFFIXES, ROMAJI_SUFFIXES, SUFFIXES
from finder.text.normalize import (
    has_kanji,
    has_latin,
    kana_key,
    normalize,
    romaji_to_hiragana,
    search_key,
    to_hiragana,
)

MAX_WORDS = 3  # 北海道 札幌市 中央区
_SUFFIX_WORDS = {*SUFFIXES, *ENGLISH_SUFFIXES, *ROMAJI_SUFFIXES}
# Shortest reading (kana, or romaji letters) taken as a name, (script, without 市町村区?) -> length.
_MIN_READING = {("kana", False): 3, ("kana", True): 3, ("romaji", False): 4, ("romaji", True): 5}


@dataclass(frozen=True, slots=True)
class CityInQuery:
    """A municipality named in a query. ``match.city_code`` is whose items apply (a ward gives its city)."""

    match: Match
    words: str  # the words that named it (normalized)
    rest: str  # the query without them
    alternatives: tuple[Match, ...] = ()  # other municipalities spelled the same (府中: 広島県府中市, 府中町)

    @property
    def city_code(self) -> str:
        return self.match.city_code


def _script(text: str) -> str:
    return "kanji" if has_kanji(text) else "romaji" if has_latin(text) else "kana"


def _probes(text: str) -> list[tuple[str, str]]:
    """(script, key) to look up exactly, in the forms finder.municipalities.index stores."""
    script = _script(text)
    if script == "kanji":
        return [("kanji", fold_name(text))]
    if script == "romaji":
        kana = romaji_to_hiragana(text.replace(" ", ""))
        return [("romaji", text.replace(" ", ""))] + ([] if has_latin(kana) else [("kana", kana_key(kana))])
    return [("kana", kana_key(text))]


def _exact_owners(text: str) -> list[tuple[int, float, str, str]]:
    """(table row, form weight, script, key) of every exact form, also after a prefecture (北海道札幌)."""
    idx = get_index()
    out = []
    for script, key in _probes(text):
        if not key:
            continue
        out += [(row, w, script, key) for row, w in idx.scripts[script].exact.get(key, ())]
        if script == "romaji":
            continue
        for pref, kanji_forms, kana_forms in idx.prefectures:
            form = next((f for f in (kanji_forms if script == "kanji" else kana_forms)
                         if len(key) > len(f) and key.startswith(f)), None)
            if form:
                rest = key[len(form):]
                out += [(row, w, script, rest) for row, w in idx.by_pref[pref][script].exact.get(rest, ())]
    return out


def _is_generic(script: str, key: str) -> bool:
    """A bare name that is also the bare name of a designated city's ward (中央, 北, みなと, 清水)."""
    return any(w == WARD_BARE for _, w in get_index().scripts[script].exact.get(key, ()))


def _vocabulary_key(text: str) -> str:
    return search_key(romaji_to_hiragana(text) if _script(text) == "romaji" else text)


def _reading_length(text: str) -> int:
    """Letters of a romaji word, or kana of a kana word (ー not counted)."""
    return len(text) if _script(text) == "romaji" else len(to_hiragana(text).replace("ー", ""))


def _names_a_city(text: str, vocabulary: frozenset[str]) -> set[str]:
    """Codes of the municipalities (or wards) the text is an exact, unmistakable name of.

    Kanji with 市/町/村/区 is unmistakable. A reading is not (タクシー reads たくし = 多久市), so kana and
    romaji must be long enough and not a word of the catalog, even with the suffix.
    """
    codes = set()
    rows = get_index().table.rows
    script = _script(text)
    ordinary = _vocabulary_key(text) in vocabulary
    for row, weight, key_script, key in _exact_owners(text):
        if weight == WARD_BARE or len(key) < (3 if key_script == "kana" else 2):  # くれ from "culture"
            continue
        bare = weight == BARE
        if script == "kanji":
            if bare and (ordinary or _is_generic(key_script, key)):
                continue
        elif ordinary or _reading_length(text) < _MIN_READING[script, bare] or (bare and _is_generic(key_script, key)):
            continue
        codes.add(rows[row].code)
    return codes


def _same_script(text: str, how: str) -> bool:
    """A kanji name must match a name (港北 is not 江北町 こうほく); kana and romaji match readings."""
    return how.startswith("exact name") if has_kanji(text) else how.startswith("exact")


def _candidates(text: str, vocabulary: frozenset[str]) -> list[Match]:
    codes = _names_a_city(text, vocabulary)
    if not codes:
        return []
    found = [m for m in find_municipalities(text, limit=30) if m.code in codes and _same_script(text, m.how)]
    unique: dict[str, Match] = {}
    for m in found:
        unique.setdefault(m.city_code, m)
    return list(unique.values())


def _clean_rest(words: list[str], match: Match) -> str:
    """The query without the city: also without its prefecture and loose suffix words (sapporo shi)."""
    pref = {fold_name(match.prefecture), fold_name(match.prefecture[:-1])}
    return " ".join(w for w in words if w not in _SUFFIX_WORDS and fold_name(w) not in pref)


def find_city_in_query(query: object, vocabulary: Iterable[str] = ()) -> CityInQuery | None:
    """The municipality a query names, or None. ``vocabulary``: search keys of the curated catalog's words."""
    vocab = vocabulary if isinstance(vocabulary, frozenset) else frozenset(vocabulary)
    tokens = normalize(query).split()
    for size in range(min(MAX_WORDS, len(tokens)), 0, -1):
        for i in range(len(tokens) - size + 1):
            text = "".join(tokens[i:i + size])
            found = _candidates(text, vocab)
            if found:
                rest = _clean_rest(tokens[:i] + tokens[i + size:], found[0])
                return CityInQuery(found[0], " ".join(tokens[i:i + size]), rest, tuple(found[1:]))
    for i, tok in enumerate(tokens):  # 札幌市住民票: a full name (with 市区町村) glued to the words after it
        if not has_kanji(tok):
            continue
        for end in range(len(tok) - 1, 1, -1):
            if tok[end - 1] in "市区町村":
                found = _candidates(tok[:end], vocab)
                if found:
                    rest = _clean_rest(tokens[:i] + [tok[end:]] + tokens[i + 1:], found[0])
                    return CityInQuery(found[0], tok[:end], rest, tuple(found[1:]))
    return None


def resolve(value: object) -> list[Match]:
    """Every municipality a filter value names exactly (code, postal code, any spelling), best first; the
    first is the one to use. [] when nothing matches exactly (the CLI then suggests candidates)."""
    text = normalize(value) if not isinstance(value, str) else value.strip()
    if not text:
        return []
    matches = find_municipalities(text, limit=30)
    if matches and matches[0].how in ("code", "postal code"):
        return matches
    compact = normalize(text)
    return [m for m in matches if _same_script(compact, m.how)]
