"""Kana-aware fuzzy search over the catalog (issue 3).

Public API (fixed): ``SearchIndex(catalog)``; ``.search(query, municipality=None, kinds=None, limit=10)``
-> ``list[SearchHit]``; ``SearchHit.item``, ``.score`` (0-100), ``.matched`` (what matched, for the UI:
"読み: じゅうみんひょう", "同義語: スマホ → スマートフォン講座").

How it stays fast at national scale (1,741 municipalities, ~350k items):

- Every searchable text of an item (title, reading, English name, alias, keywords and their readings,
  town of the address, venue) becomes a *key*: ``textnorm.search_key`` of the text, computed once at
  load. Items with identical keys and kind (the same national procedure in every city) share one
  *document*, so a key is scored once however many cities offer it.
- Without a city filter, candidate keys come from a character uni/bi-gram inverted index (numpy
  postings, idf weights); only the top few hundred are scored. With a city filter, the candidates are
  the keys of that city's documents (a few hundred). Either way query cost does not grow with the
  catalog.
- Scoring uses rapidfuzz ``ratio`` for all candidates in one ``cdist`` call; the same matrix gives the
  LCS coverage of the query (partial words, missing or extra characters); the best few are checked
  with ``partial_ratio`` so that scattered letters do not count as a word.
- A query is tried as typed (folded to the kana key), as its reading (kanji typos and homophones:
  住民表 -> じゅうみんひょう), as romaji converted to kana, and through synonym groups from
  data/synonyms.csv. A city named in the query (笠間 wifi) becomes a filter; a kind named in the query
  (wifi, スマホ教室) lifts that kind.
"""

from __future__ import annotations

import gc
import math
import re
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from finder.model import KINDS
from finder.text.normalize import MAX_QUERY_CHARS, has_kanji, has_latin, kana_key, normalize, romaji_to_hiragana
from finder.text.readings import Reader, kakasi_reading

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from finder.model import CatalogData, Item

MAX_TOKENS = 6
MAX_LIMIT = 500
MIN_SCORE = 50.0
GLOBAL_CANDIDATES = 400
CANDIDATE_POSTINGS = 120_000
MAX_SUSPECTS = 32  # partial matches re-checked for contiguity per pass (the strongest ones)
SCOPE_MEMO = 64  # cities whose key lists stay ready (a kiosk searches one city over and over)
KEY_FANOUT = 500
SYN_THRESHOLD = 85.0
KIND_THRESHOLD = 80.0
KIND_BOOST = 0.4  # share of the gap to 100 that naming an item's kind closes

# The name of each kind as the UI shows it; everyday words for them live in data/synonyms.csv.
KIND_TERMS: dict[str, tuple[str, ...]] = {
    "procedure": ("手続き", "procedure"),
    "certificate": ("証明書", "certificate"),
    "wifi": ("Wi-Fi", "公衆無線LAN"),
    "class": ("スマホ教室", "smartphone class"),
    "facility": ("公共施設", "public facility"),
}
KIND_LABEL = {"procedure": "手続き", "certificate": "証明書", "wifi": "Wi-Fi", "class": "スマホ教室",
              "facility": "施設"}

# field code -> (label shown in `matched`, weight)
FIELDS: tuple[tuple[str, float], ...] = (
    ("名称", 1.00),        # 0 title
    ("読み", 0.97),        # 1 reading of the title
    ("英語", 0.95),        # 2 English name
    ("通称", 0.97),        # 3 alias
    ("通称の読み", 0.94),  # 4
    ("キーワード", 0.93),  # 5
    ("キーワードの読み", 0.91),  # 6
    ("所在地", 0.82),      # 7 town of the address
    ("会場", 0.82),        # 8 venue
    ("所在地の読み", 0.80),  # 9
    ("SSID", 0.85),        # 10
)
F_TITLE, F_READING, F_EN, F_ALIAS, F_ALIAS_R, F_KW, F_KW_R, F_PLACE, F_VENUE, F_PLACE_R, F_SSID = range(11)
FIELD_W = np.array([w for _, w in FIELDS], dtype=np.float32)
# name-like fields, keywords, place: one more matching group adds SECOND_FIELD_BONUS x its score
FIELD_GROUP = np.array([0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 0], dtype=np.int8)
SECOND_FIELD_BONUS = 0.5

_ADDR_PREFIX = re.compile(r"^.{2,3}?[都道府県]")
_ADDR_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十〇]+(丁目|番地|番|号|地割).*$|[0-9０-９].*$")


class _StrTable:
    """Many strings in one: a list-like table without one Python object per string."""

    __slots__ = ("_text", "_start")

    def __init__(self, strings: list[str]):
        self._text = "".join(strings)
        lengths = np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings))
        self._start = np.concatenate(([0], np.cumsum(lengths))).tolist()

    def __len__(self) -> int:
        return len(self._start) - 1

    def __getitem__(self, i: int) -> str:
        return self._text[self._start[i]:self._start[i + 1]]


@dataclass(frozen=True, slots=True)
class SearchHit:
    item: Item
    score: float
    matched: str


@dataclass(slots=True)
class _Form:
    """One way of reading the query: the key to compare, its weight, and how to explain a match."""

    key: str
    weight: float
    how: str = ""        # "" typed, "reading", "romaji", "synonym"
    note: str = ""       # for synonyms: "スマホ → スマートフォン講座"


@dataclass(slots=True)
class _Pass:
    """Scores of documents for one piece of the query."""

    docs: np.ndarray       # sorted unique doc ids
    scores: np.ndarray     # float32, same length
    keys: tuple[np.ndarray, np.ndarray, np.ndarray]  # scored key ids (sorted), best direct score, its form
    best: np.ndarray       # entry index (into the entry arrays) that gave the score, per doc
    best_form: np.ndarray  # form index, per doc
    forms: list[_Form]
    kind_floor: np.ndarray  # per kind code: score any doc of that kind gets from a kind word
    kind_note: list[str]


def _grams(key: str) -> set[str]:
    """Bigrams of each word, plus single characters that carry meaning alone (kanji, 々).

    A lone kana or Latin letter would point at most of the catalog, so it is not indexed; one-kana
    queries still work inside a city, where every key of the city is scored.
    """
    grams: set[str] = set()
    for word in key.split():
        grams.update(ch for ch in word if ch > "\u3400" and not ("\u3040" <= ch <= "\u30ff"))
        grams.update(word[i:i + 2] for i in range(len(word) - 1))
    return grams


def _town(address: str, city_names: set[str], lengths: Sequence[int]) -> str:
    """The town part of an address: 茨城県つくば市谷田部4774番地18 -> 谷田部."""
    s = normalize(address)
    s = _ADDR_PREFIX.sub("", s, count=1)
    for n in lengths:  # longest city name first
        if s[:n] in city_names:
            s = s[n:]
            break
    s = s.removeprefix("大字").removeprefix("字")
    s = _ADDR_NUMBER.sub("", s).strip()
    return s if len(s) >= 2 else ""


def _city_stems(name: str) -> list[str]:
    out = [name]
    if len(name) > 2 and name[-1] in "市町村区":
        out.append(name[:-1])
    return out


def _kana_stems(kana: str) -> list[str]:
    out = [kana]
    for suffix in ("し", "まち", "ちょう", "むら", "そん", "く"):
        if kana.endswith(suffix) and len(kana) - len(suffix) >= 2:
            out.append(kana[: -len(suffix)])
            break
    return out


class SearchIndex:
    """All normalized keys of a catalog, built once; ``search`` is read-only and thread-safe."""

    def __init__(self, catalog: CatalogData):
        self.catalog = catalog
        items = catalog.items
        self.items = items
        cities = list(catalog.municipalities)
        self._city_codes = [m.code for m in cities]
        city_rank = {m.code: i for i, m in enumerate(cities)}
        self._city_rank = city_rank
        self.reader = Reader(catalog.readings, extra=self._city_readings(cities))
        self._build_city_lexicon(cities)
        kind_rank = {k: i for i, k in enumerate(KINDS)}
        city_names = {normalize(n) for m in cities for n in _city_stems(m.name)}
        self._name_lengths = sorted({len(n) for n in city_names}, reverse=True)

        # Searchable entries per item, and the browse order.
        self._entry_cache: dict[tuple, tuple[tuple[str, int, str], ...]] = {}
        self._text_cache: dict[tuple[str, int, str], tuple[tuple[str, int, str], ...]] = {}
        self._kw_cache: dict[tuple[str, ...], list[tuple[str, int, str]]] = {}
        self._town_cache: dict[str, str] = {}
        n_items = len(items)
        per_item = [self._item_entries(it, city_names) for it in items]
        self._entry_cache, self._text_cache, self._kw_cache, self._town_cache = {}, {}, {}, {}
        browse = _browse_order(items, per_item, kind_rank, city_rank)
        self._browse = np.array(browse, dtype=np.int32)
        rank = np.empty(n_items, dtype=np.int32)
        rank[self._browse] = np.arange(n_items, dtype=np.int32)
        self._rank = rank

        # Documents: identical (kind, entries) share one doc; docs are numbered in browse order.
        key_ids: dict[str, int] = {}
        self._keys: list[str] = []
        disp_ids: dict[str, int] = {}
        self._disp: list[str] = []
        doc_of: dict[tuple, int] = {}
        doc_kind = array("b")
        e_doc, e_key, e_field, e_disp = array("i"), array("i"), array("b"), array("i")
        item_doc = np.empty(n_items, dtype=np.int32)
        for idx in browse:
            it = items[idx]
            sig = (it.kind, per_item[idx])
            doc = doc_of.get(sig)
            if doc is None:
                doc = len(doc_kind)
                doc_of[sig] = doc
                doc_kind.append(kind_rank.get(it.kind, 0))
                for key, field, display in per_item[idx]:
                    kid = key_ids.get(key)
                    if kid is None:
                        kid = key_ids[key] = len(self._keys)
                        self._keys.append(key)
                    did = disp_ids.get(display)
                    if did is None:
                        did = disp_ids[display] = len(self._disp)
                        self._disp.append(display)
                    e_doc.append(doc)
                    e_key.append(kid)
                    e_field.append(field)
                    e_disp.append(did)
            item_doc[idx] = doc
        del doc_of, per_item, key_ids, disp_ids, browse
        self._entry_cache = {}
        self._text_cache = {}
        self._kw_cache = {}
        self._town_cache = {}
        self.reader.clear_cache()
        self._item_doc = item_doc
        self._doc_kind = np.frombuffer(doc_kind, dtype=np.int8).copy()
        n_docs = len(doc_kind)
        # Items of each doc, in browse order.
        in_browse = item_doc[self._browse]
        order = np.argsort(in_browse, kind="stable")
        self._doc_item_list = self._browse[order]
        self._doc_item_start = np.searchsorted(in_browse[order], np.arange(n_docs + 1)).astype(np.int32)
        self._e_doc = np.frombuffer(e_doc, dtype=np.int32).copy()
        self._e_key = np.frombuffer(e_key, dtype=np.int32).copy()
        self._e_field = np.frombuffer(e_field, dtype=np.int8).copy()
        self._e_disp = np.frombuffer(e_disp, dtype=np.int32).copy()
        del e_doc, e_key, e_field, e_disp
        self._doc_start = np.searchsorted(self._e_doc, np.arange(n_docs + 1)).astype(np.int32)
        order = np.argsort(self._e_key, kind="stable").astype(np.int32)  # per key, docs in browse order
        self._key_entries = order
        self._key_start = np.searchsorted(self._e_key[order], np.arange(len(self._keys) + 1)).astype(np.int32)
        self._key_len = np.fromiter((len(k) for k in self._keys), dtype=np.float32, count=len(self._keys))

        # Per city: items in browse order and the docs they use.
        item_city = np.fromiter((city_rank.get(it.municipality_code, -1) for it in items), dtype=np.int32,
                                count=len(items))
        by_city = item_city[self._browse]
        self._city_items: dict[int, np.ndarray] = {}
        self._city_docs: dict[int, np.ndarray] = {}
        for ci in range(len(cities)):
            its = self._browse[by_city == ci]
            self._city_items[ci] = its
            self._city_docs[ci] = np.unique(item_doc[its])
        self._item_city = item_city
        item_kind = np.fromiter((kind_rank.get(it.kind, 0) for it in items), dtype=np.int8, count=len(items))
        self._item_kind = item_kind
        kinds_in_browse = item_kind[self._browse]
        self._kind_items = {k: self._browse[kinds_in_browse == k] for k in range(len(KINDS))}

        self._scope_memo: dict[tuple[int, bytes], tuple] = {}
        self._build_gram_index()
        self._build_synonyms(catalog.synonyms)
        self._build_kind_terms()
        # Millions of small build-time objects are gone now; keep the strings in two flat tables so
        # the allocator can return that memory (a nationwide index stays well under its RSS budget).
        self._keys = _StrTable(self._keys)
        self._disp = _StrTable(self._disp)
        kakasi_reading.cache_clear()
        gc.collect()

    # --- building -------------------------------------------------------------------------------

    @staticmethod
    def _city_readings(cities) -> list[tuple[str, str]]:
        """Municipality names read from municipalities.csv, so pykakasi never guesses them."""
        pairs = []
        for m in cities:
            kana = m.name_kana or ""
            for name, reading in zip(_city_stems(m.name), _kana_stems(kana)):
                if has_kanji(name) and reading:
                    pairs.append((name, reading))
        return pairs

    def _build_city_lexicon(self, cities) -> None:
        lex: dict[str, int] = {}
        for ci, m in enumerate(cities):
            names = set(_city_stems(normalize(m.name)))
            names.update(kana_key(s) for s in _kana_stems(normalize(m.name_kana)))
            en = normalize(m.name_en)
            for suffix in (" city", " town", " village", " ward", " shi", " machi", " cho", " mura"):
                en = en.removesuffix(suffix)
            if en:
                names.add(en.replace(" ", ""))
                names.add(kana_key(romaji_to_hiragana(en.replace(" ", ""))))
            names.add(m.code)
            for n in names:
                n = kana_key(n)
                if len(n) >= 2:
                    lex.setdefault(n, ci)
        self._city_lex = lex
        self._city_lex_max = max((len(k) for k in lex), default=0)

    def _item_entries(self, it: Item, city_names: set[str]) -> tuple[tuple[str, int, str], ...]:
        """(key, field, display) for every searchable text of an item; one entry per key."""
        d = it.data
        alias, address, venue_address = d.get("alias", ""), d.get("address", ""), d.get("venue_address", "")
        venue, ssid = d.get("venue", ""), d.get("ssid", "")
        sig = (it.title, it.title_kana, it.title_en, it.keywords, alias, address, venue_address, venue, ssid)
        cached = self._entry_cache.get(sig)
        if cached is not None:
            return cached
        text_entries = self._text_entries
        raw = list(text_entries(it.title, F_TITLE, F_READING, it.title_kana))
        raw += text_entries(it.title_en, F_EN)
        if alias and alias != it.title:
            raw += text_entries(alias, F_ALIAS, F_ALIAS_R)
        kw = self._kw_cache.get(it.keywords)
        if kw is None:
            kw = [e for k in it.keywords[:40] for e in text_entries(k, F_KW, F_KW_R)]
            self._kw_cache[it.keywords] = kw
        raw += kw
        for addr in (address, venue_address):
            if addr:
                town = self._town_cache.get(addr)
                if town is None:
                    town = self._town_cache[addr] = _town(addr, city_names, self._name_lengths)
                if town:
                    raw += text_entries(town, F_PLACE, F_PLACE_R)
        if venue:
            raw += text_entries(venue, F_VENUE)
        if ssid:
            raw += text_entries(ssid, F_SSID)
        best: dict[str, tuple[str, int, str]] = {}
        for entry in raw:
            old = best.get(entry[0])
            if old is None or FIELD_W[entry[1]] > FIELD_W[old[1]]:
                best[entry[0]] = entry
        entries = tuple(sorted(best.values(), key=_entry_order))
        if len(self._entry_cache) < 500_000:
            self._entry_cache[sig] = entries
        return entries

    def _text_entries(self, text: str, field: int, reading_field: int | None = None,
                      kana: str = "") -> tuple[tuple[str, int, str], ...]:
        """Entries of one text (its key, and its reading's key when the field has a reading)."""
        text = (text or "").strip()
        if not text:
            return ()
        ck = (text, field, kana)
        hit = self._text_cache.get(ck)
        if hit is None:
            key, rkey, rdisp = self._text_keys(text, kana, reading_field is not None)
            out = [(key, field, text)] if key else []
            if reading_field is not None and rkey:
                out.append((rkey, reading_field, rdisp))
            hit = tuple(out)
            if len(self._text_cache) < 1_000_000:
                self._text_cache[ck] = hit
        return hit

    def _text_keys(self, text: str, kana: str, with_reading: bool) -> tuple[str, str, str]:
        """(key, reading key, reading) of a catalog text."""
        key = kana_key(normalize(text))
        rkey = rdisp = ""
        if with_reading:
            rdisp = self.reader.reading(text, kana)
            rkey = kana_key(rdisp.replace(" ", ""))
        return key, rkey, rdisp

    def _build_gram_index(self) -> None:
        """Character uni/bi-gram -> sorted key ids, as one flat int32 array with slots per gram."""
        gram_ids: dict[str, int] = {}
        setdefault = gram_ids.setdefault
        pair_gram = array("i")
        counts = np.empty(len(self._keys), dtype=np.int64)
        for kid, key in enumerate(self._keys):
            gids = [setdefault(g, len(gram_ids)) for g in _grams(key)]
            pair_gram.extend(gids)
            counts[kid] = len(gids)
        grams = np.frombuffer(pair_gram, dtype=np.int32)
        keys = np.repeat(np.arange(len(self._keys), dtype=np.int32), counts)
        order = np.argsort(grams, kind="stable")  # stable: key ids stay sorted within a gram
        self._postings = keys[order]
        del order, keys
        start = np.concatenate(([0], np.cumsum(np.bincount(grams, minlength=len(gram_ids)))))
        del grams, pair_gram
        n = max(1, len(self._keys))
        self._gram_slot: dict[str, tuple[int, int, float]] = {}
        for g, gid in gram_ids.items():
            a, b = int(start[gid]), int(start[gid + 1])
            self._gram_slot[g] = (a, b, math.log(1.0 + n / max(1, b - a)))

    def _build_synonyms(self, groups: Iterable[tuple[str, ...]]) -> None:
        """Synonym terms as keys (typed form and reading); each points to its group."""
        self._syn_groups: list[tuple[str, ...]] = []
        self._syn_keys: list[str] = []
        self._syn_ref: list[tuple[int, int]] = []  # (group, term index)
        self._syn_term_keys: list[list[tuple[str, str]]] = []  # per group: (key, display) of each term
        for terms in groups:
            terms = tuple(t for t in (str(t).strip() for t in terms) if t)
            if len(terms) < 2:
                continue
            g = len(self._syn_groups)
            self._syn_groups.append(terms)
            keys_of_group = []
            for ti, term in enumerate(terms):
                typed = kana_key(normalize(term))
                spoken = kana_key(self.reader.reading(term).replace(" ", ""))
                keys_of_group.append((typed, term))
                for key in {typed, spoken}:
                    if key:
                        self._syn_keys.append(key)
                        self._syn_ref.append((g, ti))
            self._syn_term_keys.append(keys_of_group)
        self._syn_len = np.array([len(k) for k in self._syn_keys], dtype=np.float32)

    def _build_kind_terms(self) -> None:
        self._kind_keys: list[str] = []
        self._kind_ref: list[int] = []
        for kind, terms in KIND_TERMS.items():
            for term in terms:
                for key in {kana_key(normalize(term)), kana_key(self.reader.reading(term).replace(" ", ""))}:
                    if key:
                        self._kind_keys.append(key)
                        self._kind_ref.append(KINDS.index(kind))
        self._kind_len = np.array([len(k) for k in self._kind_keys], dtype=np.float32)

    # --- query ----------------------------------------------------------------------------------

    def resolve_city(self, name_or_code: object) -> int | None:
        """Municipality index for a name, code, kana or romaji name; None when unknown."""
        if name_or_code is None:
            return None
        m = self.catalog.municipality(str(name_or_code)) if isinstance(name_or_code, str) else None
        if m is not None and m.code in self._city_rank:
            return self._city_rank[m.code]
        key = normalize(name_or_code)
        for cand in (key, kana_key(key), kana_key(romaji_to_hiragana(key.replace(" ", "")))):
            ci = self._city_lex.get(cand.replace(" ", ""))
            if ci is not None:
                return ci
        return None

    def search(self, query: str, municipality: str | None = None, kinds: set[str] | None = None,
               limit: int = 10) -> list[SearchHit]:
        try:
            limit = max(0, min(MAX_LIMIT, int(limit)))
        except (TypeError, ValueError, OverflowError):
            limit = 10
        if limit == 0:
            return []
        kind_ok = self._kind_mask(kinds)
        if not kind_ok.any():
            return []
        city: int | None = None
        if municipality not in (None, ""):
            city = self.resolve_city(municipality)
            if city is None:
                return []
        q = normalize(query, max_chars=MAX_QUERY_CHARS)
        if not q:
            return self._browse_hits(city, kind_ok, limit, 0.0, "")
        tokens = q.split()[:MAX_TOKENS]
        tokens, found_city, city_note = self._take_city(tokens, city)
        if city is None:
            city = found_city
        rest = " ".join(tokens)
        if not rest:
            # Only a place was typed: that city's items in browse order, items named after it first.
            passes = [self._run_pass(q, city, kind_ok)]
            hits = self._collect(passes, [], city, kind_ok, limit, city_note)
            seen = {h.item.id for h in hits}
            extra = [h for h in self._browse_hits(city, kind_ok, limit + len(hits), 50.0, city_note)
                     if h.item.id not in seen]
            return (hits + extra)[:limit]
        whole = self._run_pass(rest, city, kind_ok)
        token_passes = [self._run_pass(t, city, kind_ok) for t in tokens] if len(tokens) > 1 else []
        return self._collect([whole], token_passes, city, kind_ok, limit, city_note)

    def _kind_mask(self, kinds: object) -> np.ndarray:
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

    def _take_city(self, tokens: list[str], city: int | None) -> tuple[list[str], int | None, str]:
        """Find a municipality named in the query; remove it from the tokens."""
        lex = self._city_lex
        for i, tok in enumerate(tokens):
            for cand in self._token_keys(tok):
                ci = lex.get(cand)
                if ci is not None and (city is None or ci == city):
                    return tokens[:i] + tokens[i + 1:], ci, self._city_name(ci)
        for i, tok in enumerate(tokens):
            key = kana_key(tok)
            for size in range(min(self._city_lex_max, len(key) - 1), 1, -1):
                for part, rest in ((key[:size], key[size:]), (key[-size:], key[:-size])):
                    ci = lex.get(part)
                    if ci is not None and (city is None or ci == city):
                        return tokens[:i] + [rest] + tokens[i + 1:], ci, self._city_name(ci)
        return tokens, None, ""

    @staticmethod
    def _token_keys(tok: str) -> list[str]:
        keys = [kana_key(tok)]
        if has_latin(tok):
            keys.append(kana_key(romaji_to_hiragana(tok)))
        return keys

    def _city_name(self, ci: int) -> str:
        return self.catalog.municipalities[ci].name

    def _forms(self, text: str) -> list[_Form]:
        """The query as typed, as read (kanji), as romaji, and through synonym groups."""
        forms = [_Form(kana_key(text), 1.0)]
        if has_kanji(text):
            r = kana_key(self.reader.reading(text).replace(" ", ""))
            if r and r != forms[0].key:
                forms.append(_Form(r, 0.94, "reading"))
        if has_latin(text):
            for lenient, weight in ((False, 0.97), (True, 0.9)):
                r = _romaji_key(text, lenient)
                if r and all(r != f.key for f in forms):
                    forms.append(_Form(r, weight, "romaji"))
                    break
        forms += self._synonym_forms(forms)
        return forms

    def _synonym_forms(self, forms: list[_Form]) -> list[_Form]:
        if not self._syn_keys:
            return []
        best_s, best_f = _fuzzy(forms, self._syn_keys, self._syn_len, term_mode=True)
        best: dict[int, tuple[float, int]] = {}
        for pos in np.nonzero(best_s >= SYN_THRESHOLD)[0]:
            g, ti = self._syn_ref[pos]
            sc = float(best_s[pos])
            if g not in best or sc > best[g][0]:
                best[g] = (sc, ti)
        out: list[_Form] = []
        for g, (sc, ti) in sorted(best.items(), key=lambda kv: -kv[1][0])[:3]:
            terms = self._syn_terms(g)
            source = terms[ti][1]
            for j, (key, display) in enumerate(terms):
                if j != ti and key:
                    # Earlier terms of a group are the likelier targets (引っ越し -> 転出届 before 転居届).
                    weight = (0.94 - 0.004 * min(j, 10)) * sc / 100.0
                    out.append(_Form(key, weight, "synonym", f"{source} → {display}"))
        return out[:16]

    def _syn_terms(self, g: int) -> list[tuple[str, str]]:
        return self._syn_term_keys[g]

    def _candidate_keys(self, forms: list[_Form]) -> np.ndarray:
        """Keys sharing the most (idf-weighted) character grams with any form of the query."""
        grams: set[str] = set()
        for f in forms:
            grams |= _grams(f.key)
        slot = self._gram_slot
        slots = [slot[g] for g in grams if g in slot]
        if sum(1 for g in grams if len(g) == 2 and g in slot) >= 2:
            # Bigrams are enough to find the words; single kana would drag in half the catalog.
            slots = [slot[g] for g in grams if g in slot and (len(g) == 2 or has_kanji(g))]
        if not slots:
            return np.empty(0, dtype=np.int32)
        slots.sort(key=lambda s: s[1] - s[0])  # rarest grams first
        budget, chosen = CANDIDATE_POSTINGS, []
        for s in slots:
            if budget <= 0 and len(chosen) >= 2:
                break
            chosen.append(s)
            budget -= s[1] - s[0]
        ids = np.concatenate([self._postings[a:b] for a, b, _ in chosen])
        weights = np.concatenate([np.full(b - a, w, dtype=np.float32) for a, b, w in chosen])
        n_keys = len(self._key_len)
        if len(ids) * 8 > n_keys:  # dense count: no sort of a long list
            dense = np.bincount(ids, weights=weights, minlength=n_keys).astype(np.float32)
            uniq = np.flatnonzero(dense).astype(np.int32)
            score = dense[uniq]
        else:
            uniq, inv = np.unique(ids, return_inverse=True)
            score = np.bincount(inv, weights=weights).astype(np.float32)
        score -= 0.01 * self._key_len[uniq]  # among equal overlaps prefer short keys
        if len(uniq) > GLOBAL_CANDIDATES:
            top = np.argpartition(-score, GLOBAL_CANDIDATES)[:GLOBAL_CANDIDATES]
            uniq = uniq[top]
        return uniq

    def _run_pass(self, text: str, city: int | None, kind_ok: np.ndarray) -> _Pass:
        forms = self._forms(text)
        kind_floor, kind_note = self._kind_scores(forms)
        empty = np.empty(0, dtype=np.int32)
        if city is not None:
            entries, ukeys, inv, strings = self._city_scope(city, kind_ok)
            key_score, key_form, direct, direct_form = _fuzzy(forms, strings, self._key_len[ukeys],
                                                              with_direct=True)
        else:
            # Score the candidate keys first; only keys that match at all fan out to documents.
            ukeys = np.sort(self._candidate_keys(forms))
            key_score, key_form, direct, direct_form = _fuzzy(forms, self._key_strings(ukeys),
                                                              self._key_len[ukeys], with_direct=True)
            good = key_score >= MIN_SCORE * 0.6
            ukeys, key_score, key_form = ukeys[good], key_score[good], key_form[good]
            direct, direct_form = direct[good], direct_form[good]
            entries = _gather(self._key_start, ukeys, self._key_entries, KEY_FANOUT)
            entries = entries[kind_ok[self._doc_kind[self._e_doc[entries]]]]
            inv = np.searchsorted(ukeys, self._e_key[entries])
        scored_keys = (ukeys, direct, direct_form)
        if len(entries) == 0:
            return _Pass(empty, np.empty(0, np.float32), scored_keys, empty, empty, forms, kind_floor, kind_note)
        e_fields = self._e_field[entries]
        e_score = key_score[inv] * FIELD_W[e_fields]
        e_docs = self._e_doc[entries]
        # Best entry per (doc, field group), then per doc: the best group plus a little of the second,
        # so an item whose name *and* keywords match beats one that only lists the word as a keyword.
        e_group = FIELD_GROUP[e_fields]
        order = np.lexsort((-e_score, e_group, e_docs))
        d_sorted, g_sorted = e_docs[order], e_group[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (d_sorted[1:] != d_sorted[:-1]) | (g_sorted[1:] != g_sorted[:-1])
        per_group = order[first]
        order2 = per_group[np.lexsort((-e_score[per_group], e_docs[per_group]))]
        d2 = e_docs[order2]
        head = np.ones(len(order2), dtype=bool)
        head[1:] = d2[1:] != d2[:-1]
        pick = order2[head]
        scores = e_score[pick].astype(np.float32)
        has_second = np.zeros(len(order2), dtype=bool)
        has_second[:-1] = head[:-1] & ~head[1:]
        second = np.zeros(len(pick), dtype=np.float32)
        second[has_second[head]] = e_score[order2[1:][has_second[:-1]]]
        # The bonus closes part of the gap to 100, so an exact name (100) is never tied by it.
        second = np.where(second >= MIN_SCORE, second, 0.0)
        scores = scores + (100.0 - scores) * SECOND_FIELD_BONUS * second / 100.0
        docs = e_docs[pick]
        keep = scores >= MIN_SCORE * 0.6
        return _Pass(docs[keep], scores[keep].astype(np.float32), scored_keys, entries[pick][keep],
                     key_form[inv[pick]][keep], forms, kind_floor, kind_note)

    def _city_scope(self, city: int, kind_ok: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """Entries, distinct keys and key strings of one city's documents (shared by a query's passes)."""
        memo_key = (city, kind_ok.tobytes())
        memo = self._scope_memo.get(memo_key)
        if memo is None:
            docs = self._city_docs.get(city, np.empty(0, dtype=np.int32))
            docs = docs[kind_ok[self._doc_kind[docs]]]
            entries = _gather(self._doc_start, docs, None)
            ukeys, inv = np.unique(self._e_key[entries], return_inverse=True)
            memo = (entries, ukeys, inv, self._key_strings(ukeys))
            try:
                if len(self._scope_memo) >= SCOPE_MEMO:
                    self._scope_memo.pop(next(iter(self._scope_memo)), None)
                self._scope_memo[memo_key] = memo
            except RuntimeError:  # another thread resized the memo; it is only a cache
                pass
        return memo

    def _key_strings(self, ukeys: np.ndarray) -> list[str]:
        keys = self._keys
        if isinstance(keys, _StrTable):
            text, start = keys._text, keys._start
            return [text[start[k]:start[k + 1]] for k in ukeys.tolist()]
        return [keys[k] for k in ukeys.tolist()]

    def _kind_scores(self, forms: list[_Form]) -> tuple[np.ndarray, list[str]]:
        floor = np.zeros(len(KINDS), dtype=np.float32)
        notes = [""] * len(KINDS)
        best_s, best_f = _fuzzy(forms, self._kind_keys, self._kind_len, term_mode=True)
        for pos in np.nonzero(best_s >= KIND_THRESHOLD)[0]:
            k = self._kind_ref[pos]
            sc = float(best_s[pos]) * 0.9
            if sc > floor[k]:
                floor[k] = sc
                form = forms[int(best_f[pos])]
                label = KIND_LABEL[KINDS[k]]
                notes[k] = (f"同義語: {form.note.split(' → ')[0]} → {label}" if form.how == "synonym"
                            else f"種別: {label}")
        return floor, notes

    # --- results --------------------------------------------------------------------------------

    def _collect(self, whole: list[_Pass], tokens: list[_Pass], city: int | None, kind_ok: np.ndarray,
                 limit: int, city_note: str) -> list[SearchHit]:
        w = whole[0]
        all_docs = [p.docs for p in whole + tokens]
        docs = np.unique(np.concatenate(all_docs)) if all_docs else np.empty(0, dtype=np.int32)
        kinds = self._doc_kind[docs] if len(docs) else np.empty(0, dtype=np.int8)
        s_whole = _lookup(w, docs, kinds)
        final = s_whole
        use_tokens = np.zeros(len(docs), dtype=bool)
        if tokens:
            per_token = np.stack([_lookup(p, docs, kinds) for p in tokens])
            mean = per_token.mean(axis=0)
            use_tokens = mean > s_whole
            final = np.maximum(s_whole, mean)
        # A kind named in the query lifts that kind a little (wifi -> Wi-Fi sites before facilities).
        boost_src = np.max(np.stack([w.kind_floor] + [p.kind_floor for p in tokens]), axis=0)
        if len(docs):
            # Closing part of the gap to 100 keeps the order among items of the named kind.
            named = boost_src[kinds] >= KIND_THRESHOLD * 0.9
            final = np.where(named, final + (100.0 - final) * KIND_BOOST, final)
        ok = final >= MIN_SCORE
        docs, final, use_tokens = docs[ok], final[ok], use_tokens[ok]

        scored: dict[int, tuple[float, str]] = {}
        if city is not None:
            doc_pos = {int(d): i for i, d in enumerate(docs)}
            for it in self._city_items.get(city, ()):
                i = doc_pos.get(int(self._item_doc[it]))
                if i is not None:
                    scored[int(it)] = (float(final[i]), "")
        else:
            order = np.lexsort((docs, -final))[: max(limit * 4, 40)]
            for i in order:
                d = int(docs[i])
                taken = 0
                a, b = self._doc_item_start[d], self._doc_item_start[d + 1]
                for it in self._doc_item_list[a:b].tolist():
                    scored[it] = (float(final[i]), "")
                    taken += 1
                    if taken >= limit:
                        break
        # The kind the whole query names, in browse order (wifi, 笠間 wifi, ワイファイ).
        for k in np.nonzero((w.kind_floor >= KIND_THRESHOLD) & kind_ok)[0]:
            s = float(w.kind_floor[k]) + (100.0 - float(w.kind_floor[k])) * KIND_BOOST
            if city is not None:
                pool = self._city_items.get(city, np.empty(0, dtype=np.int32))
                pool = pool[self._item_kind[pool] == k]
            else:
                pool = self._kind_items[int(k)]
            for it in pool[: limit * 2]:
                it = int(it)
                if it not in scored or scored[it][0] < s:
                    scored[it] = (s, "kind")
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], self._rank[kv[0]]))[:limit]
        doc_index = {int(d): i for i, d in enumerate(docs)}
        hits = []
        for it, (score, how) in ranked:
            item = self.items[it]
            if how == "kind":
                note = w.kind_note[self._item_kind[it]]
            else:
                i = doc_index[int(self._item_doc[it])]
                note = self._explain(whole, tokens, int(docs[i]), bool(use_tokens[i]))
            if city_note:
                note = f"{note} · 地域: {city_note}" if note else f"地域: {city_note}"
            hits.append(SearchHit(item, round(score, 1), note))
        return hits

    def _explain(self, whole: list[_Pass], tokens: list[_Pass], doc: int, use_tokens: bool) -> str:
        passes = tokens if use_tokens else whole
        notes = []
        kind = int(self._doc_kind[doc])
        for p in passes:
            i = np.searchsorted(p.docs, doc)
            field_score = float(p.scores[i]) if i < len(p.docs) and p.docs[i] == doc else 0.0
            if p.kind_floor[kind] > field_score:
                notes.append(p.kind_note[kind])
            elif field_score > 0:
                notes.append(self._entry_note(p, int(i), doc))
        return " + ".join(n for n in dict.fromkeys(notes) if n)

    def _entry_note(self, p: _Pass, i: int, doc: int) -> str:
        e = int(p.best[i])
        form = p.forms[int(p.best_form[i])]
        if form.how == "synonym":
            # Say what the resident typed matched directly, when that is nearly as good as the synonym.
            ukeys, direct, direct_form = p.keys
            ents = np.arange(int(self._doc_start[doc]), int(self._doc_start[doc + 1]))
            pos = np.minimum(np.searchsorted(ukeys, self._e_key[ents]), max(0, len(ukeys) - 1))
            found = ukeys[pos] == self._e_key[ents] if len(ukeys) else np.zeros(len(ents), dtype=bool)
            sc = np.where(found, direct[pos] if len(ukeys) else 0.0, 0.0) * FIELD_W[self._e_field[ents]]
            j = int(np.argmax(sc)) if len(sc) else -1
            if j < 0 or sc[j] < float(p.scores[i]) - 8.0:
                return f"同義語: {form.note}"
            e, form = int(ents[j]), p.forms[int(direct_form[pos[j]])]
        field = int(self._e_field[e])
        display = self._disp[int(self._e_disp[e])]
        label = FIELDS[field][0]
        if form.how == "romaji" and field not in (F_READING, F_ALIAS_R, F_KW_R, F_PLACE_R):
            label += " (ローマ字)"
        return f"{label}: {display}"

    def _browse_hits(self, city: int | None, kind_ok: np.ndarray, limit: int, score: float,
                     note: str) -> list[SearchHit]:
        pool = self._city_items.get(city, np.empty(0, dtype=np.int32)) if city is not None else self._browse
        if not kind_ok.all():
            pool = pool[kind_ok[self._item_kind[pool]]]
        return [SearchHit(self.items[int(i)], score, f"地域: {note}" if note else "") for i in pool[:limit]]


def _fuzzy(forms: list[_Form], strings: list[str], lengths: np.ndarray,
           term_mode: bool = False, with_direct: bool = False) -> tuple[np.ndarray, ...]:
    """Best weighted score of each string over all query forms, and the form that gave it.

    One ``cdist(ratio)`` call; the Indel ratio also gives the LCS, i.e. how much of the query
    appears in order inside the string (partial words, a missing character). The strongest such
    partial matches are re-checked with ``partial_ratio`` so scattered letters do not count.
    ``term_mode`` is for short vocabulary terms (synonyms, kind names): single characters never
    count as part of a term.
    """
    n = len(strings)
    if n == 0 or not forms:
        zero, zi = np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.int64)
        return (zero, zi, zero, zi) if with_direct else (zero, zi)
    qkeys = [f.key for f in forms]
    weights = np.array([f.weight for f in forms], dtype=np.float32)
    ratio = process.cdist(qkeys, strings, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    lq = np.array([max(1, len(k)) for k in qkeys], dtype=np.float32)[:, None]
    lk = np.maximum(np.asarray(lengths, dtype=np.float32)[None, :], 1.0)
    cover = np.minimum(1.0, ratio * (lq + lk) / (200.0 * lq))
    shorter = np.minimum(1.0, lq / lk)
    base = 0.75 if term_mode else 0.72
    partial = 100.0 * cover * (base + (1.0 - base) * shorter)
    allowed = (lq <= lk) & (lq >= 2) if term_mode else (lq <= lk)
    partial = np.where(allowed, partial, 0.0)
    score = np.maximum(ratio, partial) * weights[:, None]
    cols = np.arange(n)
    form_idx = np.argmax(score, axis=0)
    best = score[form_idx, cols]
    plain = ratio[form_idx, cols] * weights[form_idx]
    suspect = np.nonzero((best > plain + 1.0) & (best >= MIN_SCORE * 0.8))[0]
    if len(suspect) > MAX_SUSPECTS:
        suspect = suspect[np.argpartition(-best[suspect], MAX_SUSPECTS)[:MAX_SUSPECTS]]
    if len(suspect):
        s_form = form_idx[suspect]
        pr = np.ones(len(suspect), dtype=np.float32)
        for fi in np.unique(s_form).tolist():
            if len(qkeys[fi]) < 2:
                continue
            sel = np.nonzero(s_form == fi)[0]
            pr[sel] = process.cdist([qkeys[fi]], [strings[j] for j in suspect[sel].tolist()],
                                    scorer=fuzz.partial_ratio, dtype=np.float32, workers=1)[0] / 100.0
        c = cover[s_form, suspect]
        adjusted = 100.0 * (0.5 * c + 0.5 * pr) * (base + (1.0 - base) * shorter[s_form, suspect]) * weights[s_form]
        best[suspect] = np.maximum(plain[suspect], np.minimum(best[suspect], adjusted))
    if not with_direct:
        return best.astype(np.float32), form_idx
    direct_rows = np.array([f.how != "synonym" for f in forms])
    if direct_rows.all():
        return best.astype(np.float32), form_idx, best, form_idx
    dscore = np.where(direct_rows[:, None], score, -1.0)
    d_idx = np.argmax(dscore, axis=0)
    return best.astype(np.float32), form_idx, dscore[d_idx, cols], d_idx


def _entry_order(entry: tuple[str, int, str]) -> tuple[int, str]:
    return entry[1], entry[0]


def _browse_order(items: list[Item], per_item: list[tuple[tuple[str, int, str], ...]],
                  kind_rank: dict[str, int], city_rank: dict[str, int]) -> list[int]:
    """Item indexes by kind, municipality, reading (gojūon), title, id: the order of an empty query."""
    text_of: dict[int, tuple[str, str]] = {}
    for it, entries in zip(items, per_item):
        if id(entries) not in text_of:
            reading = next((d for _, f, d in entries if f == F_READING), "")
            text_of[id(entries)] = (kana_key(reading) or it.title, it.title)
    ranked = {t: r for r, t in enumerate(sorted(set(text_of.values())))}
    n = len(items)
    text_rank = np.fromiter((ranked[text_of[id(e)]] for e in per_item), dtype=np.int64, count=n)
    kinds = np.fromiter((kind_rank.get(it.kind, 9) for it in items), dtype=np.int64, count=n)
    cities = np.fromiter((city_rank.get(it.municipality_code, 10**6) for it in items), dtype=np.int64, count=n)
    id_rank = np.argsort(np.argsort(np.array([it.id for it in items], dtype=object), kind="stable"), kind="stable")
    return np.lexsort((id_rank, text_rank, cities, kinds)).tolist()


def _romaji_key(text: str, lenient: bool) -> str:
    """Kana key of the romaji words of a query ("" when no word reads as romaji)."""
    words = text.split()
    converted = [romaji_to_hiragana(w, lenient) if w.isascii() and has_latin(w) else w for w in words]
    if not any(c != w and not has_latin(c) for c, w in zip(converted, words)):
        return ""
    mixed = [c if not has_latin(c) else w for c, w in zip(converted, words)]
    joined = "".join(mixed) if not any(has_latin(m) for m in mixed) else " ".join(mixed)
    return kana_key(joined)


def _gather(start: np.ndarray, ids: np.ndarray, order: np.ndarray | None, cap: int | None = None) -> np.ndarray:
    """Concatenate CSR ranges start[i]:start[i+1] for the given ids (optionally capped, remapped)."""
    if len(ids) == 0:
        return np.empty(0, dtype=np.int32)
    a = start[ids].astype(np.int64)
    b = start[ids + 1].astype(np.int64)
    if cap is not None:
        b = np.minimum(b, a + cap)
    lengths = b - a
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int32)
    offsets = np.repeat(a - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    idx = (np.arange(total, dtype=np.int64) + offsets).astype(np.int32)
    return order[idx] if order is not None else idx


def _lookup(p: _Pass, docs: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Scores of ``docs`` in a pass (0 if absent), at least the kind floor of each doc's kind."""
    out = np.zeros(len(docs), dtype=np.float32)
    if len(p.docs) and len(docs):
        i = np.searchsorted(p.docs, docs)
        i = np.minimum(i, len(p.docs) - 1)
        hit = p.docs[i] == docs
        out[hit] = p.scores[i[hit]]
    if len(docs):
        out = np.maximum(out, p.kind_floor[kinds])
    return out
