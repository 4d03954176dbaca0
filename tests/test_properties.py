"""Property-based tests: any Unicode a resident (or a bot) types never breaks search, and stays fast.

Strings include emoji (with ZWJ and skin tones), combining marks, control characters, RTL text and
bidi overrides, lone surrogates, full-width and half-width kana, and 10,000-character inputs.
"""

from __future__ import annotations

import time
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finder.live.catalog import Catalog
from finder.live.loader import DATA_DIR, load_catalog
from finder.model import KINDS
from finder.national.guide import is_national_item
from finder.present.match import explain_matches
from finder.search import Match
from finder.text import normalize as textnorm

BASE = Path(__file__).resolve().parent / "badinput" / "_base"
LONG = 10_000
# Generous bound for one search's own CPU time; a well-behaved engine needs milliseconds. CPU time of this
# thread, not the wall clock: on 2 cores shared with a load of 20 a search waits for a core far longer than it
# works (measured: 21 ms CPU, 357 ms wall), and a wall-clock bound then fails one example and passes its replay,
# which Hypothesis reports as a flaky test.
MAX_SECONDS = 2.0

SPECIAL = [
    "👨‍👩‍👧‍👦", "👍🏽", "🇯🇵", "\u200d", "\ufe0f",  # emoji, ZWJ sequences, flags, variation selector
    "\u0301", "\u3099", "\u309a", "か\u3099", "ﾊﾟ", "ｶﾞ",  # combining marks, half-width kana with voicing
    "\x00", "\x07", "\x1b[31m", "\r\n", "\t", "\x7f", "\u0085",  # control characters
    "\u202e", "\u202d", "\u2066", "\u200f", "مرحبا", "שלום",  # bidi overrides and RTL scripts
    "\ud800", "\udfff",  # lone surrogates (not encodable as UTF-8)
    "\ufeff", "\u3000", "\u00a0", "\ufffd", "\U0010ffff", "\U000e0001",  # BOM, spaces, specials, tag char
    "ｊｕｍｉｎｈｙｏ", "ＡＢＣ１２３", "㍻", "㈱", "ﾃﾝｼｭﾂ", "ヴ", "ゔ", "ゟ", "𠮷", "髙",  # width and odd kanji
    "%", "_", "*", ".*", "(", "[", "\\", "\\d+", "(?:a+)+$", "'; DROP TABLE", "<script>", "{{7*7}}",
    "住民票", "じゅうみんひょう", "juminhyo", "てんしゅつ", "転出", "wifi", "スマホ",
]

any_char = st.characters(codec=None, exclude_categories=())  # every code point, surrogates included
text = st.one_of(
    st.text(alphabet=any_char, max_size=50),
    st.lists(st.sampled_from(SPECIAL), max_size=12).map("".join),
    st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(alphabet=any_char, max_size=3)), max_size=20).map("".join),
)
long_text = st.tuples(text, st.sampled_from(SPECIAL)).map(lambda t: ((t[0] or t[1]) * LONG)[:LONG])
city = st.one_of(st.none(), st.sampled_from(["土浦市", "082031", "つくば", "Kamisu City", "大阪市", ""]), text)
kinds = st.one_of(st.none(), st.sets(st.sampled_from(KINDS)), st.sets(text, max_size=2))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def catalogs() -> tuple[Catalog, ...]:
    """The small test catalog and the real catalog (with its synonyms and readings)."""
    return load_catalog(BASE), load_catalog(DATA_DIR)


def _search(query, municipality=None, kinds_=None, limit=10):
    out = []
    for catalog in catalogs():
        start = time.thread_time()
        hits = catalog.search(query, municipality=municipality, kinds=kinds_, limit=limit)
        took = time.thread_time() - start
        assert took < MAX_SECONDS, f"search took {took:.2f}s for {query[:40]!r}…"
        hits = list(hits)
        assert len(hits) <= limit
        ids = {id(it) for it in catalog.items}
        for hit in hits:
            if id(hit.item) not in ids:  # a national item, made for a municipality outside the catalog
                assert is_national_item(hit.item) and catalog.get(hit.item.id).data == hit.item.data
                assert hit.item.municipality_code not in {m.code for m in catalog.municipalities}
            assert 0 <= hit.score <= 100
            assert isinstance(hit.matches, tuple) and all(isinstance(m, Match) for m in hit.matches)
            assert all(isinstance(explain_matches(hit.matches, lang), str) for lang in ("ja", "en"))
            if kinds_ is not None and kinds_ <= set(KINDS) and kinds_:
                assert hit.item.kind in kinds_
        assert len({id(h.item) for h in hits}) == len(hits), "the same item twice"
        out.append(hits)
    return out


def _warm():
    for catalog in catalogs():
        catalog.search("住民票")  # build the indexes outside the timed calls
        catalog.search("住民票", municipality="大阪市")


@FAST
@given(query=text)
def test_search_never_raises_on_any_text(query):
    _warm()
    _search(query)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=long_text)
def test_search_on_10000_characters_is_bounded(query):
    _warm()
    assert len(query) == LONG
    _search(query)


@FAST
@given(query=text, municipality=city, kinds_=kinds, limit=st.integers(min_value=0, max_value=50))
def test_search_filters_never_raise(query, municipality, kinds_, limit):
    _warm()
    _search(query, municipality, kinds_, limit)


@FAST
@given(query=text, municipality=st.sampled_from(["土浦市", "082201", "笠間", "Kamisu City", "札幌市", "札幌市中央区", "472018"]))
def test_city_filter_only_returns_that_city(query, municipality):
    _warm()
    for catalog, hits in zip(catalogs(), _search(query + "住民票", municipality)):
        code = catalog.municipality(municipality).code
        assert all(h.item.municipality_code == code for h in hits)


@FAST
@given(noise=st.text(alphabet=st.sampled_from(" \u3000\t\u200b\ufeff"), max_size=6))
def test_padding_does_not_change_results(noise):
    _warm()
    for plain, padded in zip(_search("住民票"), _search(noise + "住民票" + noise)):
        assert [h.item.id for h in plain] == [h.item.id for h in padded]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_item_is_found_by_its_own_title(data):
    """Self-retrieval: an item's exact title, in its city and kind, brings the item into the first page."""
    _warm()
    catalog = catalogs()[1]
    item = data.draw(st.sampled_from(catalog.items))
    hits = catalog.search(item.title, municipality=item.municipality_code, kinds={item.kind}, limit=10)
    assert item.id in [h.item.id for h in hits], (item.id, item.title, [h.item.title for h in hits])


# --- text normalization (finder.text.normalize) -----------------------------------------------------------

ASCII_WORDS = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30)
HIRAGANA = st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x3094), min_size=1, max_size=20)


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in s)


def _timed(fn, *args):
    start = time.thread_time()
    out = fn(*args)
    took = time.thread_time() - start
    assert took < MAX_SECONDS, f"{fn.__name__} took {took:.2f}s"
    return out


@FAST
@given(raw=st.one_of(text, long_text))
def test_normalize_is_total_bounded_and_clean(raw):
    out = _timed(textnorm.normalize, raw)
    assert isinstance(out, str) and len(out) <= textnorm.MAX_QUERY_CHARS
    assert out == out.strip() and "  " not in out
    assert not any(unicodedata.category(ch) in ("Cc", "Cs", "Cf") for ch in out), ascii(out)
    assert out == out.lower()


@FAST
@given(raw=st.one_of(text, long_text))
def test_normalize_is_idempotent(raw):
    once = textnorm.normalize(raw)
    assert textnorm.normalize(once) == once


@FAST
@given(raw=st.one_of(text, long_text))
def test_keys_never_raise_and_are_stable(raw):
    key = _timed(textnorm.search_key, raw)
    assert key == textnorm.kana_key(textnorm.normalize(raw))
    assert textnorm.kana_key(key) == key  # folding twice changes nothing
    for lenient in (False, True):
        kana = _timed(textnorm.romaji_to_hiragana, raw[: textnorm.MAX_RAW_CHARS], lenient)
        assert isinstance(kana, str) and len(kana) <= 2 * len(raw[: textnorm.MAX_RAW_CHARS]) + 1


@FAST
@given(word=ASCII_WORDS)
def test_full_width_and_case_do_not_matter(word):
    assert textnorm.normalize(_fullwidth(word)) == textnorm.normalize(word)
    assert textnorm.normalize(word.upper()) == textnorm.normalize(word.lower())


@FAST
@given(word=HIRAGANA)
def test_katakana_and_hiragana_give_the_same_key(word):
    katakana = "".join(chr(ord(c) + 0x60) for c in word)
    assert textnorm.to_hiragana(katakana) == word
    assert textnorm.search_key(katakana) == textnorm.search_key(word)


def test_a_megabyte_query_is_cut_not_chewed():
    _warm()
    huge = "住民票👨‍👩‍👧\u0301\u202e" * 200_000
    assert len(huge) > 1_000_000
    assert len(_timed(textnorm.normalize, huge)) <= textnorm.MAX_QUERY_CHARS
    _search(huge)


@pytest.mark.parametrize(("typed", "same_as"), [("ｼﾞｭｳﾐﾝﾋｮｳ", "じゅうみんひょう"), ("ﾃﾝｼｭﾂ", "てんしゅつ"),
                                                ("ＷＩ－ＦＩ", "wifi"), ("Ｗｉ‐Ｆｉ", "wi-fi"),
                                                ("住民票\u200b", "住民票"), ("\ufeff転出", "転出")])
def test_known_variants_fold_together(typed, same_as):
    assert textnorm.search_key(typed) == textnorm.search_key(same_as)
