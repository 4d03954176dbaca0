"""Benchmark queries: the evaluation cases replayed against synthetic cities, and how a ranking is judged."""

from __future__ import annotations

import fnmatch
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bench.evaluation import K, Query, expand
from bench.synthcatalog import Synthetic
from finder.live.catalog import Catalog
from finder.text.normalize import kana_key, romaji_to_hiragana


@dataclass(frozen=True)
class BenchQuery:
    style: str
    query: str
    municipality: str | None
    kinds: frozenset[str]
    expected_ids: frozenset[str]       # when a city is known: the synthetic items that count
    expected_patterns: frozenset[str]  # otherwise: any copy of these patterns counts
    need: int = 0                      # how many the real case expects (recall denominator)


def bench_queries(syn: Synthetic, base: Catalog, cases: Sequence[Query], n: int,
                  seed: int = 11) -> list[BenchQuery]:
    """``n`` queries: the evaluation cases replayed against random synthetic cities.

    A case about city C runs in a synthetic city copied from C. Every synthetic city also holds the
    places (Wi-Fi sites, classes, facilities) of all five real cities, so an expected place counts
    in any of its versions: ``wifi-082163-*`` becomes "every Wi-Fi site of this city".
    """
    rng = random.Random(seed)
    real_ids = [it.id for it in base.items]
    codes = sorted(syn.real_forms)
    out: list[BenchQuery] = []
    def twinned(case) -> bool:  # a city the synthetic catalog copies (not one only the national list has)
        city = base.municipality(case.city) if case.city else None
        return city is None or city.code in codes

    usable = [c for c in cases if expand(c.expected, real_ids) and twinned(c)]
    while usable and len(out) < n:
        case = usable[len(out) % len(usable)]
        expected_real = expand(case.expected, real_ids)
        patterns = frozenset(syn.pattern_of_real[i] for i in expected_real if i in syn.pattern_of_real)
        real_city = base.municipality(case.city) if case.city else None
        named = _named_city(case.query, syn.real_forms, base)
        home = real_city.code if real_city else (named[2] if named else None)
        if home is None:
            out.append(BenchQuery(case.style, case.query, None, frozenset(case.kinds), frozenset(), patterns))
            continue
        slot = codes.index(home)
        city_index = rng.randrange(slot, len(syn.cities), len(codes)) if slot < len(syn.cities) else 0
        city = syn.cities[city_index]
        query, municipality = case.query, None
        if real_city is not None:
            municipality = city.name if rng.random() < 0.7 else city.code
        else:
            form, which, _ = named
            repl = {"stem": city.stem, "kana": city.kana, "romaji": city.romaji}[which]
            query = re.sub(re.escape(form), repl, query, flags=re.IGNORECASE)
        general = [_any_city(p) for p in case.expected]
        expected = {i for i in real_ids if any(fnmatch.fnmatchcase(i, g) for g in general)}
        exp = frozenset(f"s{city.code}-{i}" for i in expected
                        if i.split("-")[0] in ("wifi", "cls", "fac") or i.split("-")[1] == home)
        out.append(BenchQuery(case.style, query, municipality, frozenset(case.kinds), exp, patterns,
                              need=len(expected_real)))
    return out


def _any_city(pattern: str) -> str:
    """wifi-082163-* -> wifi-*-*: the same kind of thing in any real city's version."""
    parts = pattern.split("-")
    if len(parts) > 1 and len(parts[1]) == 6 and parts[1].isdigit():
        parts[1] = "*"
    out = "-".join(parts)
    return out[:-2] + "*" if out.endswith("-*") else out  # fac-*-library-* also covers fac-*-library


def _named_city(query: str, forms: dict[str, tuple[str, str, str]],
                base: Catalog) -> tuple[str, str, str] | None:
    """(the form found in the query, which form, city code) when the query names a real city."""
    words = query.lower().split()
    for m in base.municipalities:
        stem, kana, romaji = forms[m.code]
        for form, which in ((stem, "stem"), (kana, "kana"), (romaji.lower(), "romaji")):
            if form and form in query.lower():
                return form, which, m.code
        for w in words:  # Kunrei or other romaji spellings of the name
            if w.isascii() and kana_key(romaji_to_hiragana(w)) == kana_key(kana):
                return w, "romaji", m.code
    return None


def judge(q: BenchQuery, ranked: list[str], syn: Synthetic) -> tuple[float, float, float]:
    if q.expected_ids:
        expected = set(q.expected_ids)
        r1 = 1.0 if ranked[:1] and ranked[0] in expected else 0.0
        rk = min(1.0, len(set(ranked[:K]) & expected) / min(K, max(1, q.need or len(expected))))
        rr = next((1.0 / (i + 1) for i, x in enumerate(ranked) if x in expected), 0.0)
        return r1, rk, rr
    # No city: a hit is any copy of an expected pattern (all cities' copies are equally right).
    as_patterns = [syn.pattern_of(i) for i in ranked]
    hits = [p in q.expected_patterns for p in as_patterns]
    want = min(K, max(1, len(q.expected_patterns) * len(syn.cities)))
    r1 = 1.0 if hits[:1] and hits[0] else 0.0
    rk = sum(hits[:K]) / want
    rr = next((1.0 / (i + 1) for i, h in enumerate(hits) if h), 0.0)
    return r1, rk, rr
