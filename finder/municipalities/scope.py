"""Which municipality a search is about: a filter value (name, code, postal code) or a city named in the query.

A filter is the resident's explicit choice, so any exact spelling counts (``resolve``). A city *named in a
query* ("札幌 住民票", "さっぽろ じゅうみんひょう", "sapporo juminhyo") must not catch ordinary words, so
only whole words that are a municipality's exact name count (``find_city_in_query``). A name without its
市/町/村/区 counts only when it is not also a ward name shared by many cities (中央, 北, みなと, 清水 ...)
and not a word the curated catalog itself uses (keywords, synonyms, the start of a title: さくら, 昭和).
A reading counts only from 3 kana or 5 romaji letters (4 with the suffix) and never when it is a catalog
word (タクシー reads たくし, 多久市). Kanji with the suffix always counts (港区, 中央市).
A full name glued to the words after it (札幌市住民票) counts too; a bare one (札幌住民票) does not.

The catalog's own (curated) cities are trusted further: any exact key of theirs counts (笠間, かさま, kasama,
the code), also glued to the words before or after it (かさまwifi, 住民票土浦, 茨城県土浦市大和町). That one
pass (``find_city_in_query``) is what the catalog's search, the search index, the map's start point and the
CLI use; ``own_city`` is its whole-text probe, also behind a filter spelled in one of those keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from finder.municipalities.cities import CityLexicon
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

if TYPE_CHECKING:
    from finder.municipalities.municipality import Municipality

MAX_WORDS = 3  # 北海道 札幌市 中央区
_SUFFIX_WORDS = {*SUFFIXES, *ENGLISH_SUFFIXES, *ROMAJI_SUFFIXES}
# Shortest reading (kana, or romaji letters) taken as a name, (script, without 市町村区?) -> length.
_MIN_READING = {("kana", False): 3, ("kana", True): 3, ("romaji", False): 4, ("romaji", True): 5}


@dataclass(frozen=True, slots=True)
class CityInQuery:
    """A municipality named in a query. ``match.city_code`` is whose items apply (a ward gives its city)."""

    match: Match
    words: str  # the words that named it (normalized; for a name glued to other words, the name as matched)
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


def own_city(text: object, own: CityLexicon) -> int | None:
    """Position in ``own`` of the catalog city a whole text names exactly (name, 市-less name, kana, romaji,
    English, code), or None. The catalog's own cities are trusted further than the rest of Japan: their bare
    names and short readings count, whatever the catalog's words."""
    key = _without_prefecture(normalize(text), own)
    for cand in (key, kana_key(key), kana_key(romaji_to_hiragana(key.replace(" ", "")))):
        ci = own.lex.get(cand.replace(" ", ""))
        if ci is not None:
            return ci
    return None


def _without_prefecture(text: str, own: CityLexicon) -> str:
    """茨城県土浦市… → 土浦市…: a catalog city's prefecture written before it."""
    for pref in {normalize(m.prefecture) for m in own.cities if m.prefecture}:
        if len(text) > len(pref) and text.startswith(pref):
            return text[len(pref):]
    return text


def _own_glued(tok: str, own: CityLexicon, agree: str) -> tuple[int, str, str] | None:
    """A catalog city's name glued to the start or end of a word (かさまwifi, 住民票土浦, 茨城県土浦市大和町): the
    longest one, as (position, the name as matched, the rest of the word)."""
    key = kana_key(_without_prefecture(tok, own))
    for size in range(min(own.max_len, len(key) - 1), 1, -1):
        for part, rest in ((key[:size], key[size:]), (key[-size:], key[:-size])):
            ci = own.lex.get(part)
            if ci is not None and (not agree or own.cities[ci].code == agree):
                return ci, part, rest
    return None


def _own_match(m: Municipality) -> Match:
    return Match(m.code, m.name, m.prefecture, m.name_kana, m.name_romaji or m.name_en, m.kind, m.parent_code,
                 m.city_name, m.parent_code or m.code, 1.0, "catalog city")


def find_city_in_query(query: object, vocabulary: Iterable[str] = (), own: CityLexicon | None = None,
                       nationwide: bool = True, agree: str = "") -> CityInQuery | None:
    """The municipality a query names, or None: the one pass every caller uses.

    ``own``: the catalog's own cities (their bare names and readings count, also glued to other words);
    ``nationwide``: any municipality of Japan may be named too (by the strict rules above; ``vocabulary``:
    search keys of the curated catalog's words); ``agree``: only this city code counts (a city already chosen:
    another city's name is then an ordinary word). Whole words first (longest run, leftmost), then names glued
    to other words.
    """
    vocab = vocabulary if isinstance(vocabulary, frozenset) else frozenset(vocabulary)
    tokens = normalize(query).split()

    def ok(found: list[Match]) -> list[Match]:
        return [m for m in found if not agree or m.city_code == agree]

    def named(found: list[Match], i: int, j: int, glued: tuple[str, str] | None = None) -> CityInQuery:
        middle = [] if glued is None else [glued[1]]
        rest = _clean_rest([t for t in tokens[:i] + middle + tokens[j:] if t], found[0])
        words = " ".join(tokens[i:j]) if glued is None else glued[0]
        return CityInQuery(found[0], words, rest, tuple(found[1:]))

    for size in range(min(MAX_WORDS, len(tokens)), 0, -1):
        for i in range(len(tokens) - size + 1):
            text = "".join(tokens[i:i + size])
            ci = own_city(text, own) if own is not None else None
            found = ok([_own_match(own.cities[ci])]) if ci is not None else []
            if not found and nationwide:
                found = ok(_candidates(text, vocab))
            if found:
                return named(found, i, i + size)
    for i, tok in enumerate(tokens):  # かさまwifi, 住民票土浦: a catalog city's name glued to other words
        glued = _own_glued(tok, own, agree) if own is not None else None
        if glued is not None:
            return named([_own_match(own.cities[glued[0]])], i, i + 1, glued[1:])
    for i, tok in enumerate(tokens if nationwide else ()):  # 札幌市住民票: a full name glued to the words after it
        if not has_kanji(tok):
            continue
        for end in range(len(tok) - 1, 1, -1):
            if tok[end - 1] in "市区町村":
                found = ok(_candidates(tok[:end], vocab))
                if found:
                    return named(found, i, i + 1, (tok[:end], tok[end:]))
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
