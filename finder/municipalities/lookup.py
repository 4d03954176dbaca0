"""Find your city: any spelling of a municipality's name, its code or a postal code -> candidates, best first.

Ranking: code/postal > exact > prefix > substring > fuzzy, each scaled by the weight of the form that
matched (full name > name without 市町村 > ward of a designated city), so a bare city name lists the city
before its wards and every same-named municipality (府中, 伊達, さくら) is listed with its prefecture.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from itertools import permutations

from rapidfuzz import fuzz, process

from finder.municipalities.codes import check_digit, is_valid_code
from finder.municipalities.index import FormIndex, NationalIndex, build_index, fold_name
from finder.municipalities.municipality import Municipality
from finder.municipalities.names import (
    ENGLISH_SUFFIXES,
    KIND_ORDER,
    PREFECTURE_SUFFIX_READINGS,
    PREFECTURE_SUFFIXES,
    PREFECTURE_WORDS,
    READING_ROMAJI,
    SUFFIXES,
)
from finder.municipalities.postal import lookup_postal, postal_digits
from finder.municipalities.table import load_table
from finder.text.normalize import has_kanji, has_latin, kana_key, normalize, romaji_to_hiragana

TIER_FACTOR = {"exact": 1.0, "prefix": 0.7, "substring": 0.5}
SCRIPT_LABEL = {"kanji": "name", "kana": "reading", "romaji": "romaji"}
PREF_BONUS = 2.0
PREF_LIST_SCORE = 60.0
FUZZY_BELOW = 70.0  # fuzzy matching only when nothing scored this well
_DROP_WORDS = {*ENGLISH_SUFFIXES, *PREFECTURE_WORDS}
# Left-overs that name no place: a municipality or prefecture suffix (東京都 = 東京 + 都 must not look for 都).
_SUFFIX_ONLY = {*SUFFIXES, *PREFECTURE_SUFFIXES, *(kana_key(r) for r in READING_ROMAJI),
                *(r for r in PREFECTURE_SUFFIX_READINGS.values() if r), "shi", "ku"}
_CODE_SEPARATORS = str.maketrans("", "", " -‐‑‒–—―−ー－〒")


@dataclass(frozen=True, slots=True)
class Match:
    code: str
    name: str
    prefecture: str
    name_kana: str
    name_romaji: str
    kind: str
    parent_code: str  # the designated city of a ward, else ""
    city: str  # the municipality whose services apply (札幌市 for 札幌市中央区)
    city_code: str
    score: float
    how: str
    town: str = ""  # postal-code look-ups only
    postal_code: str = ""

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@lru_cache(maxsize=1)
def get_index() -> NationalIndex:
    """Built once per process (about 50 ms) on the cached table."""
    return build_index(load_table())


def _match(m: Municipality, score: float, how: str, town: str = "", postal: str = "") -> Match:
    parent = load_table().get(m.parent_code) if m.parent_code else None
    return Match(m.code, m.name, m.prefecture, m.name_kana, m.name_romaji, m.kind, m.parent_code,
                 parent.name if parent else m.name, parent.code if parent else m.code, round(score, 2), how,
                 town, postal)


def _by_number(raw: str) -> list[Match] | None:
    """Postal code (7 digits) or municipality code (5 or 6 digits); None when the query is not a number."""
    digits = unicodedata.normalize("NFKC", raw).translate(_CODE_SEPARATORS)
    if not digits.isascii() or not digits.isdigit():
        return None
    table = load_table()
    if postal_digits(raw):
        out = []
        for place in lookup_postal(raw):
            m = table.get(place.code)
            if m is not None:
                out.append(_match(m, 1000.0, "postal code", place.town, place.postal_code))
        return out
    if len(digits) == 5:
        digits += str(check_digit(digits))
    m = table.get(digits) if len(digits) == 6 and is_valid_code(digits) else None
    return [_match(m, 1000.0, "code")] if m is not None else []


def _kana_of(tokens: list[str], idx: NationalIndex) -> str | None:
    """One kana key for the tokens; a kanji token is read through the table (札幌 -> さっぽろ) or not at all."""
    parts = []
    for t in tokens:
        if has_kanji(t):
            reading = idx.reading_of.get(fold_name(t))
            if reading is None:
                return None
            parts.append(reading)
        else:
            parts.append(kana_key(romaji_to_hiragana(t) if has_latin(t) else t))
    key = "".join(parts)
    return None if has_latin(key) else key


class _Scores(dict):
    def offer(self, row: int, score: float, how: str) -> None:
        if score > self.get(row, (0.0, ""))[0]:
            self[row] = (score, how)


def _scan(index: FormIndex, script: str, q: str, scores: _Scores, bonus: float, pref_note: str,
          substring: bool = True) -> None:
    if not q or q in _SUFFIX_ONLY:
        return
    substring = substring and (script == "kanji" or len(q) >= 2)
    for hit in index.search(q, substring=substring):
        factor = TIER_FACTOR[hit.tier] + (0.2 * hit.coverage if hit.tier != "exact" else 0.0)
        scores.offer(hit.row, hit.weight * factor + bonus, f"{hit.tier} {SCRIPT_LABEL[script]}{pref_note}")


def _search_tokens(idx: NationalIndex, tokens: list[str], scores: _Scores) -> None:
    joined = "".join(tokens)
    kanji = fold_name(joined) if not joined.isascii() else ""
    kana = _kana_of(tokens, idx)
    romaji = joined if joined.isascii() and has_latin(joined) else ""
    # A kanji query read through the table must not hit other names inside readings (伊達 is not 大館 おおだて).
    read_from_kanji = has_kanji(joined)
    for script, q in (("kanji", kanji), ("kana", kana), ("romaji", romaji)):
        if q:
            _scan(idx.scripts[script], script, q, scores, 0.0, "", not (script == "kana" and read_from_kanji))
    for pref, kanji_forms, kana_forms in idx.prefectures:  # 茨城県土浦, いばらき つちうら, ibaraki tsuchiura
        sub = idx.by_pref[pref]
        for script, q, forms in (("kanji", kanji, kanji_forms), ("kana", kana, kana_forms)):
            for form in forms:
                if q and len(q) > len(form) and q.startswith(form):
                    _scan(sub[script], script, q[len(form):], scores, PREF_BONUS, " + prefecture",
                          not (script == "kana" and read_from_kanji))
                    break


def _prefecture_only(idx: NationalIndex, tokens: list[str], scores: _Scores) -> None:
    """A prefecture alone (茨城県, いばらき) lists its municipalities after any same-named city."""
    kanji, kana = fold_name("".join(tokens)), _kana_of(tokens, idx)
    for pref, kanji_forms, kana_forms in idx.prefectures:
        if kanji in kanji_forms or (kana and kana in kana_forms):
            for i, m in enumerate(idx.table.rows):
                if m.prefecture == pref and not m.parent_code:
                    scores.offer(i, PREF_LIST_SCORE, "prefecture")


def _fuzzy(idx: NationalIndex, tokens: list[str], scores: _Scores, limit: int) -> None:
    joined = "".join(tokens)
    queries = [("kana", _kana_of(tokens, idx)), ("kanji", fold_name(joined) if not joined.isascii() else ""),
               ("romaji", joined if joined.isascii() and has_latin(joined) else "")]
    for script, q in queries:
        if not q or len(q) < 2:
            continue
        index = idx.scripts[script]
        found = process.extract(q, index.keys, scorer=fuzz.ratio, score_cutoff=70, limit=limit * 4)
        for _key, ratio, i in found:
            row, weight = index.owners[i]
            scores.offer(row, weight * 0.6 * ratio / 100, f"fuzzy {SCRIPT_LABEL[script]}")


def _orders(tokens: list[str]) -> list[list[str]]:
    """The tokens as typed, plus other orders for 2-3 tokens (中央区 札幌, 土浦 茨城)."""
    if 2 <= len(tokens) <= 3:
        return [list(p) for p in dict.fromkeys(permutations(tokens))]
    return [tokens]


def _sort_key(idx: NationalIndex, row: int, score: float) -> tuple:
    m = idx.table.rows[row]
    return (-score, bool(m.parent_code), KIND_ORDER.get(m.kind, 9), m.code)


def find_municipalities(query: object, limit: int = 10) -> list[Match]:
    """Candidates for a query in any script, best first; [] when nothing matches."""
    if limit <= 0:
        return []
    raw = query if isinstance(query, str) else normalize(query)
    by_number = _by_number(raw.strip())
    if by_number is not None:
        return by_number[:limit]
    tokens = [t for t in normalize(raw).split() if t not in _DROP_WORDS]
    if not tokens:
        return []
    idx = get_index()
    scores = _Scores()
    for order in _orders(tokens):
        _search_tokens(idx, order, scores)
    _prefecture_only(idx, tokens, scores)
    if not scores or max(s for s, _ in scores.values()) < FUZZY_BELOW:
        _fuzzy(idx, tokens, scores, limit)
    ranked = sorted(scores.items(), key=lambda kv: _sort_key(idx, kv[0], kv[1][0]))[:limit]
    return [_match(idx.table.rows[row], score, how) for row, (score, how) in ranked]
