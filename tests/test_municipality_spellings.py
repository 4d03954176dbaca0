"""Same answer everywhere: every spelling of a municipality, fed to every entry point the app has, gives one
municipality (a designated-city ward gives its city).

Spellings: kanji, ひらがな, カタカナ, half-width ｶﾀｶﾅ, romaji, the 6- and 5-digit code, a postal code, and for
wards the ward's own name with its city. Entry points: the candidate list (find_municipalities), the filter
resolver (scope.resolve), ``Catalog.municipality`` with and without the national layer, the page's city choice
(your_city.choose) and a search whose query names the city (``Catalog.search``: every hit is that city's). Municipalities: the five
curated cities, 10 wards of designated cities and 10 random municipalities (fixed seed) whose name and reading
are not shared with another municipality (same-named places are a choice the resident makes, tested apart).
"""

from __future__ import annotations

import random
import sqlite3
import unicodedata
from collections import Counter
from functools import cache

import pytest

from finder.live.loader import load_catalog
from finder.municipalities import find_municipalities, load_table
from finder.municipalities.postal import _db_path, lookup_postal
from finder.municipalities.scope import resolve
from finder.municipalities.start import _named_city
from finder.resident.your_city import choose

SEED = 18


def _katakana(kana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)


@cache
def _half_width_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for code in range(0xFF66, 0xFF9E):
        half = chr(code)
        out.setdefault(unicodedata.normalize("NFKC", half), half)
        voiced = unicodedata.normalize("NFKC", half + "ﾞ")
        if len(voiced) == 1:
            out.setdefault(voiced, half + "ﾞ")
        semi = unicodedata.normalize("NFKC", half + "ﾟ")
        if len(semi) == 1:
            out.setdefault(semi, half + "ﾟ")
    out["ー"] = "ｰ"
    return out


def _half_width(katakana: str) -> str:
    table = _half_width_map()
    return "".join(table.get(c, c) for c in katakana)


def _postal_code(code: str) -> str | None:
    """A postal code that covers only this municipality (or ward), from the packaged Japan Post data."""
    path = _db_path()
    if path is None:
        return None
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute("select code from postal_data where instr(data, ?) > 0 limit 20",
                            (f'"{code[:5]}"',)).fetchall()
    finally:
        conn.close()
    for (postal,) in rows:
        places = lookup_postal(postal)
        if {p.code for p in places} == {code}:
            return f"{postal[:3]}-{postal[3:]}"
    return None


def _municipalities() -> list[tuple[str, str]]:
    """(code fed in, code expected) for the curated five, 10 wards and 10 random municipalities."""
    table = load_table()
    curated = [m.code for m in load_catalog(national_layer=False).curated_municipalities]
    wards = [m for m in table.rows if m.is_ward]
    names = Counter(m.name for m in table.rows if not m.is_ward)
    readings = Counter(m.name_kana for m in table.rows if not m.is_ward)
    unique = [m for m in table.rows if not m.is_ward and not m.designated and names[m.name] == 1
              and readings[m.name_kana] == 1 and m.code not in curated]
    rng = random.Random(SEED)
    picked_wards = rng.sample(wards, 10)
    picked = rng.sample(unique, 10)
    return ([(c, c) for c in curated] + [(w.code, w.parent_code) for w in picked_wards]
            + [(m.code, m.code) for m in picked])


def _spellings(code: str) -> list[str]:
    m = load_table().get(code)
    assert m is not None, code
    kana = m.name_kana
    romaji = m.name_romaji.replace("-", " ")  # 'tsuchiura shi', 'sapporo shi chuo ku'
    out = [m.name, kana, _katakana(kana), _half_width(_katakana(kana)), romaji, romaji.replace(" ", ""),
           m.code, m.code[:5]]
    postal = _postal_code(code)
    if postal:
        out.append(postal)
    return out


CASES = [(code, expected, spelling) for code, expected in _municipalities() for spelling in _spellings(code)]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def curated_only():
    return load_catalog(national_layer=False)


def test_the_cases_cover_what_the_test_promises():
    codes = {code for code, _, _ in CASES}
    curated = {m.code for m in load_catalog(national_layer=False).curated_municipalities}
    assert len(curated) == 5 and curated <= codes and len(codes) == 25
    assert sum(1 for c in codes if load_table().get(c).is_ward) == 10
    assert sum(1 for _, _, s in CASES if "-" in s and s[:3].isdigit()) >= 20  # postal codes for most of them


@pytest.mark.parametrize(("code", "expected", "spelling"), CASES)
def test_every_entry_point_gives_the_same_municipality(catalog, curated_only, code, expected, spelling):
    found = {
        "find_municipalities": (find_municipalities(spelling, limit=3) or [None])[0],
        "resolve": (resolve(spelling) or [None])[0],
    }
    answers = {name: m.city_code if m is not None else None for name, m in found.items()}
    city = catalog.municipality(spelling)
    answers["Catalog.municipality"] = city.code if city is not None else None
    choice = choose(catalog, spelling)
    answers["your_city.choose"] = choice.code if choice is not None else None
    if not spelling[:1].isdigit():  # a name in a query; codes and postal codes are not words of a query
        hits = catalog.search(f"{spelling} 住民票", limit=5)
        cities = {h.item.municipality_code for h in hits}
        answers["Catalog.search (city in the query)"] = cities.pop() if len(cities) == 1 else sorted(cities)
    if expected in {m.code for m in curated_only.curated_municipalities}:
        own = curated_only.municipality(spelling)
        answers["Catalog.municipality (curated only)"] = own.code if own is not None else None
    assert answers == dict.fromkeys(answers, expected)


QUERY_CASES = [(code, expected, query) for code, expected, spelling in CASES if not spelling[:1].isdigit()
               for query in (f"{spelling} 住民票", f"住民票 {spelling}")]
GLUED = [(m.code, f"{name}住民票") for m in load_catalog(national_layer=False).curated_municipalities
         for name in (m.name, m.name[:-1], m.name_kana)]


@pytest.mark.parametrize(("code", "expected", "query"), QUERY_CASES)
def test_a_city_named_in_a_query_is_found_once_and_the_same_everywhere(catalog, curated_only, code, expected,
                                                                        query):
    """The one pass (finder.municipalities.scope.find_city_in_query) behind every way a query's city is read:
    the catalog's own answer, the search it routes, and for a curated city the index and the map's start."""
    named = catalog.city_in_query(query)
    answers = {"Catalog.city_in_query": named.city_code if named is not None else None}
    hits = catalog.search(query, limit=5)
    answers["Catalog.search"] = sorted({h.item.municipality_code for h in hits}) or None
    if answers["Catalog.search"] and len(answers["Catalog.search"]) == 1:
        answers["Catalog.search"] = answers["Catalog.search"][0]
    if expected in {m.code for m in curated_only.curated_municipalities}:
        own = curated_only.city_in_query(query)
        answers["Catalog.city_in_query (curated only)"] = own.city_code if own is not None else None
        index_hits = curated_only.index.search(query, limit=5)
        cities = sorted({h.item.municipality_code for h in index_hits})
        answers["SearchIndex.search"] = cities[0] if len(cities) == 1 else cities
    assert answers == dict.fromkeys(answers, expected)
    assert "住民票" in named.rest


@pytest.mark.parametrize(("code", "query"), GLUED)
def test_a_catalog_city_glued_to_the_words_after_it_is_the_same_everywhere(catalog, curated_only, code, query):
    named, own = catalog.city_in_query(query), curated_only.city_in_query(query)
    city, rest = _named_city(query, curated_only.municipalities)
    cities = {h.item.municipality_code for h in catalog.search(query, limit=5)}
    assert (named.city_code, own.city_code, city.code, cities) == (code, code, code, {code})
    assert named.rest == own.rest == rest == "住民票"
