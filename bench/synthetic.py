"""Search evaluation and the nationwide-scale benchmark (``python -m bench.synthetic``).

Evaluation: tests/search_eval.csv lists queries in every style residents use (kanji, kana, romaji,
typos, synonyms, English, city + word, ...) with the item ids each must find. ``evaluate`` gives
recall@1, recall@5 and MRR per style. Expected ids may be globs (``wifi-082163-*``).

Benchmark: a synthetic catalog repeats every real item *pattern* (a procedure or certificate kind
once per city, every Wi-Fi site, class and facility) for 1,741 generated municipality names (the
number of municipalities in Japan), replacing the real city's name in titles, readings, English names,
keywords and addresses. The evaluation queries are replayed against random synthetic cities, timed,
and compared with a naive baseline (rapidfuzz WRatio over every title, then the same city/kind
filter) on the same queries.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import gc
import json
import os
import random
import re
import resource
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from finder.catalog.loader import Catalog, load_catalog
from finder.model import Item, Municipality
from finder.search.cities import city_readings
from finder.text.normalize import kana_key, romaji_to_hiragana, to_hiragana
from finder.text.readings import Reader

ROOT = Path(__file__).resolve().parent.parent
EVAL_PATH = ROOT / "tests" / "search_eval.csv"
NATIONWIDE = 1741
K = 5


# --- evaluation ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class EvalCase:
    style: str
    query: str
    city: str
    kinds: tuple[str, ...]
    expected: tuple[str, ...]  # ids or globs
    note: str = ""


@dataclass
class StyleScore:
    n: int = 0
    r1: float = 0.0
    r5: float = 0.0
    mrr: float = 0.0

    def add(self, r1: float, r5: float, rr: float) -> None:
        self.n += 1
        self.r1 += r1
        self.r5 += r5
        self.mrr += rr

    def means(self) -> tuple[float, float, float]:
        n = max(1, self.n)
        return self.r1 / n, self.r5 / n, self.mrr / n


@dataclass
class EvalReport:
    styles: dict[str, StyleScore] = field(default_factory=dict)
    failures: list[tuple[EvalCase, list[str]]] = field(default_factory=list)

    @property
    def overall(self) -> StyleScore:
        total = StyleScore()
        for s in self.styles.values():
            total.n += s.n
            total.r1 += s.r1
            total.r5 += s.r5
            total.mrr += s.mrr
        return total

    def table(self) -> str:
        lines = [f"{'style':<14} {'n':>4} {'recall@1':>9} {'recall@5':>9} {'MRR':>6}"]
        for name, s in list(self.styles.items()) + [("ALL", self.overall)]:
            r1, r5, mrr = s.means()
            lines.append(f"{name:<14} {s.n:>4} {r1:>9.3f} {r5:>9.3f} {mrr:>6.3f}")
        return "\n".join(lines)


def load_eval(path: Path | str = EVAL_PATH) -> list[EvalCase]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [EvalCase(style=r["style"].strip(), query=r["query"], city=(r.get("city") or "").strip(),
                     kinds=tuple(k.strip() for k in (r.get("kinds") or "").split(";") if k.strip()),
                     expected=tuple(e.strip() for e in r["expected_ids"].split(";") if e.strip()),
                     note=r.get("note") or "") for r in rows]


def expand(patterns: Iterable[str], ids: Sequence[str]) -> set[str]:
    """Expected ids with globs resolved against the catalog's ids."""
    out: set[str] = set()
    for p in patterns:
        if any(ch in p for ch in "*?["):
            out.update(fnmatch.filter(ids, p))
        else:
            out.add(p)
    return out


def score_ranking(ranked: Sequence[str], expected: set[str], k: int = K) -> tuple[float, float, float]:
    """(recall@1, recall@k, reciprocal rank): recall@k = expected found in the top k / min(k, |expected|)."""
    if not expected:
        return 0.0, 0.0, 0.0
    r1 = 1.0 if ranked[:1] and ranked[0] in expected else 0.0
    rk = len(set(ranked[:k]) & expected) / min(k, len(expected))
    rr = next((1.0 / (i + 1) for i, x in enumerate(ranked) if x in expected), 0.0)
    return r1, rk, rr


def evaluate(catalog: Catalog, cases: Sequence[EvalCase], k: int = K) -> EvalReport:
    ids = [it.id for it in catalog.items]
    report = EvalReport()
    for case in cases:
        expected = expand(case.expected, ids)
        hits = catalog.search(case.query, municipality=case.city or None, kinds=set(case.kinds) or None,
                              limit=max(10, k))
        ranked = [h.item.id for h in hits]
        r1, rk, rr = score_ranking(ranked, expected, k)
        report.styles.setdefault(case.style, StyleScore()).add(r1, rk, rr)
        if rk < 1.0:
            report.failures.append((case, ranked[:k]))
    return report


def unknown_expected(catalog: Catalog, cases: Sequence[EvalCase]) -> list[tuple[str, str]]:
    """(query, pattern) for every expected id or glob that names no item: the data changed."""
    ids = [it.id for it in catalog.items]
    known = set(ids)
    bad = []
    for case in cases:
        for p in case.expected:
            if not (expand([p], ids) & known):
                bad.append((case.query, p))
    return bad


def reading_agreement(catalog: Catalog, overrides: bool = True) -> tuple[int, int, list[tuple[str, str, str]]]:
    """How often the computed reading of a title equals the item's own kana column.

    Measures pykakasi (plus, with ``overrides``, data/readings.csv and the municipality names): every
    disagreement is a reading the index would get wrong for an item without a kana column.
    Returns (agreeing, items with a kana column, [(title, kana column, computed)]).
    """
    reader = Reader(catalog.readings if overrides else {}, extra=city_readings(catalog.municipalities))
    agree, total, wrong = 0, 0, []
    seen: set[str] = set()
    for it in catalog.items:
        if not it.title_kana or it.title in seen:
            continue
        seen.add(it.title)
        total += 1
        own = kana_key(reader.reading("", it.title_kana).replace(" ", ""))
        guess = reader.reading(it.title)
        if kana_key(guess.replace(" ", "")) == own:
            agree += 1
        else:
            wrong.append((it.title, it.title_kana, guess))
    return agree, total, wrong


# --- synthetic nationwide catalog ---------------------------------------------------------------

# kanji, hiragana, romaji: parts of generated municipality names.
_PARTS = [
    ("北", "きた", "kita"), ("南", "みなみ", "minami"), ("東", "ひがし", "higashi"), ("西", "にし", "nishi"),
    ("上", "かみ", "kami"), ("下", "しも", "shimo"), ("大", "おお", "oo"), ("小", "こ", "ko"),
    ("高", "たか", "taka"), ("長", "なが", "naga"), ("松", "まつ", "matsu"), ("竹", "たけ", "take"),
    ("梅", "うめ", "ume"), ("桜", "さくら", "sakura"), ("杉", "すぎ", "sugi"), ("森", "もり", "mori"),
    ("林", "はやし", "hayashi"), ("山", "やま", "yama"), ("川", "かわ", "kawa"), ("沢", "さわ", "sawa"),
    ("池", "いけ", "ike"), ("浜", "はま", "hama"), ("島", "しま", "shima"), ("岡", "おか", "oka"),
    ("原", "はら", "hara"), ("野", "の", "no"), ("石", "いし", "ishi"), ("岩", "いわ", "iwa"),
    ("金", "かね", "kane"), ("白", "しろ", "shiro"), ("黒", "くろ", "kuro"), ("赤", "あか", "aka"),
    ("青", "あお", "ao"), ("若", "わか", "waka"), ("富", "とみ", "tomi"), ("福", "ふく", "fuku"),
    ("宮", "みや", "miya"), ("寺", "てら", "tera"), ("鶴", "つる", "tsuru"), ("亀", "かめ", "kame"),
    ("豊", "とよ", "toyo"), ("春", "はる", "haru"), ("秋", "あき", "aki"), ("朝", "あさ", "asa"),
    ("星", "ほし", "hoshi"), ("花", "はな", "hana"), ("菊", "きく", "kiku"), ("藤", "ふじ", "fuji"),
    ("柳", "やなぎ", "yanagi"), ("滝", "たき", "taki"), ("舟", "ふな", "funa"), ("熊", "くま", "kuma"),
    ("鹿", "しか", "shika"), ("馬", "うま", "uma"), ("犬", "いぬ", "inu"), ("鳥", "とり", "tori"),
]
_SUFFIX = [("市", "し", "City"), ("町", "まち", "Town"), ("村", "むら", "Village")]


def _kata(hira: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in hira)


@dataclass(frozen=True)
class SynthCity:
    code: str
    stem: str
    kana: str
    romaji: str
    suffix: str

    @property
    def name(self) -> str:
        return self.stem + self.suffix[0]


def synthetic_names(n: int, avoid: str, seed: int = 7) -> list[SynthCity]:
    """n distinct generated municipality names; none appears in ``avoid`` (all real catalog text)."""
    rng = random.Random(seed)
    combos = [(a, b) for a in _PARTS for b in _PARTS if a != b]
    rng.shuffle(combos)
    out: list[SynthCity] = []
    seen_stem: set[str] = set()
    seen_kana: set[str] = set()
    for a, b in combos:
        stem, kana, romaji = a[0] + b[0], a[1] + b[1], a[2] + b[2]
        key = kana_key(kana)
        if (stem in seen_stem or key in seen_kana or len(key) < 3 or stem in avoid or kana in avoid
                or _kata(kana) in avoid):
            continue
        seen_stem.add(stem)
        seen_kana.add(key)
        suffix = _SUFFIX[0] if rng.random() < 0.6 else rng.choice(_SUFFIX)
        out.append(SynthCity(f"{900001 + len(out):06d}", stem, kana, romaji, suffix))
        if len(out) == n:
            break
    if len(out) < n:
        raise ValueError(f"only {len(out)} distinct synthetic names available")
    return out


def _real_forms(m: Municipality) -> tuple[str, str, str]:
    stem = m.name[:-1] if m.name[-1:] in "市町村" else m.name
    kana = to_hiragana(m.name_kana)
    kana = kana[:-1] if kana.endswith("し") else kana
    romaji = m.name_en.split()[0]
    return stem, kana, romaji


def _pattern_key(it: Item) -> str:
    if it.kind == "procedure":
        return f"procedure:{it.get('procedure_key') or it.id}"
    if it.kind == "certificate":
        return f"certificate:{it.get('certificate_key') or it.id}"
    return it.id


_SEARCH_DATA_KEYS = ("alias", "address", "venue", "venue_address", "ssid", "procedure_key", "certificate_key")


@dataclass
class Synthetic:
    catalog: Catalog
    cities: list[SynthCity]
    patterns: dict[str, list[Item]]              # pattern key -> real versions (templates)
    pattern_of_real: dict[str, str]              # real id -> pattern key
    real_forms: dict[str, tuple[str, str, str]]  # real city code -> (stem, kana, romaji)

    def pattern_of(self, synthetic_id: str) -> str:
        real = synthetic_id.split("-", 1)[1] if "-" in synthetic_id else ""
        return self.pattern_of_real.get(real, "")

    def template_city(self, city_index: int) -> str:
        """The real city whose versions of procedures and certificates this synthetic city copies."""
        codes = sorted(self.real_forms)
        return codes[city_index % len(codes)]


def synthetic_catalog(base: Catalog, n_munis: int = NATIONWIDE, seed: int = 7) -> Synthetic:
    """Every real item pattern repeated for ``n_munis`` generated municipalities.

    Synthetic items carry only the columns search reads (title, kana, English, keywords, alias,
    address, venue, SSID); text without the city's name is shared, not copied.
    """
    avoid = "\n".join(f"{it.title}\n{it.title_kana}\n{to_hiragana(it.title_kana)}\n{';'.join(it.keywords)}"
                      f"\n{it.get('address')}\n{it.get('venue')}" for it in base.items)
    cities = synthetic_names(n_munis, avoid, seed)
    real_forms = {m.code: _real_forms(m) for m in base.municipalities}
    patterns: dict[str, list[Item]] = defaultdict(list)
    pattern_of_real: dict[str, str] = {}
    for it in base.items:
        key = _pattern_key(it)
        patterns[key].append(it)
        pattern_of_real[it.id] = key
    munis = [Municipality(code=c.code, name=c.name, name_kana=c.kana + c.suffix[1],
                          name_en=f"{c.romaji.capitalize()} {c.suffix[2]}", prefecture="架空県")
             for c in cities]
    shared_data = {it.id: {k: it.data[k] for k in _SEARCH_DATA_KEYS if it.data.get(k)} for it in base.items}
    items: list[Item] = []
    real_codes = sorted(real_forms)
    for ci, city in enumerate(cities):
        home = real_codes[ci % len(real_codes)]
        for versions in patterns.values():
            tpl = next((v for v in versions if v.municipality_code == home), versions[0])
            stem, kana, romaji = real_forms.get(tpl.municipality_code, ("", "", ""))
            subs = ((stem, city.stem), (kana, city.kana), (_kata(kana), _kata(city.kana)),
                    (romaji, city.romaji.capitalize())) if stem else ()

            def sub(text: str, subs=subs) -> str:
                for old, new in subs:
                    if old in text:
                        text = text.replace(old, new)
                return text

            data = shared_data[tpl.id]
            if any(old in v for v in data.values() for old, _ in subs):
                data = {k: sub(v) for k, v in data.items()}
            keywords = tpl.keywords
            if any(old in k for k in keywords for old, _ in subs):
                keywords = tuple(sub(k) for k in keywords)
            items.append(Item(kind=tpl.kind, id=f"s{city.code}-{tpl.id}", title=sub(tpl.title),
                              title_kana=sub(tpl.title_kana), title_en=sub(tpl.title_en), municipality=city.name,
                              municipality_code=city.code, keywords=keywords, level=tpl.level, data=data))
    catalog = Catalog(items, munis, list(base.synonyms), dict(base.readings))
    return Synthetic(catalog, cities, dict(patterns), pattern_of_real, real_forms)


# --- benchmark queries --------------------------------------------------------------------------

@dataclass(frozen=True)
class BenchQuery:
    style: str
    query: str
    municipality: str | None
    kinds: frozenset[str]
    expected_ids: frozenset[str]       # when a city is known: the synthetic items that count
    expected_patterns: frozenset[str]  # otherwise: any copy of these patterns counts
    need: int = 0                      # how many the real case expects (recall denominator)


def bench_queries(syn: Synthetic, base: Catalog, cases: Sequence[EvalCase], n: int,
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
    usable = [c for c in cases if expand(c.expected, real_ids)]
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


def _judge(q: BenchQuery, ranked: list[str], syn: Synthetic) -> tuple[float, float, float]:
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


# --- measurement --------------------------------------------------------------------------------

def rss_mb() -> float:
    """Current resident set size of this process in MB."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(values: Sequence[float], p: float) -> float:
    if not values:
        return 0.0
    return float(np.percentile(np.asarray(values), p))


def _time_queries(queries: Sequence[BenchQuery], fn: Callable[[BenchQuery], list[str]],
                  syn: Synthetic, cpu: list[float] | None = None) -> tuple[list[float], dict[str, StyleScore]]:
    """Wall-clock latency per query (and, into ``cpu``, the CPU time of this thread: robust to a busy host)."""
    lat: list[float] = []
    per_style: dict[str, StyleScore] = {}
    for q in queries:
        c0 = time.thread_time()
        t0 = time.perf_counter()
        ranked = fn(q)
        lat.append((time.perf_counter() - t0) * 1000.0)
        if cpu is not None:
            cpu.append((time.thread_time() - c0) * 1000.0)
        per_style.setdefault(q.style, StyleScore()).add(*_judge(q, ranked, syn))
    return lat, per_style


def _recall(per_style: dict[str, StyleScore]) -> float:
    n = sum(s.n for s in per_style.values())
    return sum(s.r5 for s in per_style.values()) / max(1, n)


def run(municipalities: int = NATIONWIDE, queries: int = 1000, baseline_queries: int | None = None,
        data: str | Path | None = None, eval_path: Path | str = EVAL_PATH, seed: int = 7,
        pin_cpu: bool = True) -> dict:
    """Build the synthetic catalog, time index build and queries, compare with the baseline."""
    from rapidfuzz import fuzz, process

    if pin_cpu and hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        except OSError:
            pass
    base = load_catalog(data)
    cases = load_eval(eval_path)
    gc.collect()
    rss_start = rss_mb()
    t0 = time.perf_counter()
    syn = synthetic_catalog(base, municipalities, seed)
    gen_s = time.perf_counter() - t0
    gc.collect()
    rss_catalog = rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    index = syn.catalog.index
    build_s, build_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    gc.collect()
    rss_index = rss_mb()

    qs = bench_queries(syn, base, cases, queries, seed + 4)
    items = syn.catalog.items

    def ours(q: BenchQuery) -> list[str]:
        return [h.item.id for h in syn.catalog.search(q.query, municipality=q.municipality,
                                                      kinds=set(q.kinds) or None, limit=10)]

    titles = [it.title for it in items]
    codes = np.array([it.municipality_code for it in items])
    kinds_arr = np.array([it.kind for it in items])

    def baseline(q: BenchQuery) -> list[str]:
        scores = process.cdist([q.query], titles, scorer=fuzz.WRatio, dtype=np.float32, workers=1)[0]
        mask = np.ones(len(items), dtype=bool)
        if q.municipality:
            m = syn.catalog.municipality(q.municipality)
            mask &= codes == (m.code if m else "")
        if q.kinds:
            mask &= np.isin(kinds_arr, list(q.kinds))
        scores = np.where(mask, scores, -1.0)
        top = np.argpartition(-scores, 10)[:10] if len(scores) > 10 else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [items[i].id for i in top if scores[i] > 0]

    index.search("住民票")  # first call loads pykakasi's dictionaries, as a running app has done
    cpu: list[float] = []
    lat, ours_styles = _time_queries(qs, ours, syn, cpu)
    nb = len(qs) if baseline_queries is None else max(0, min(len(qs), baseline_queries))
    sub = qs[:nb]
    base_lat, base_styles = _time_queries(sub, baseline, syn) if nb else ([], {})
    sub_lat, sub_styles = lat[:nb], None
    if nb:
        _, sub_styles = _time_queries(sub, ours, syn)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = index.sizes()

    result = {
        "municipalities": municipalities,
        "items": len(items),
        "documents": sizes["documents"],
        "distinct_keys": sizes["distinct_keys"],
        "catalog_generation_s": round(gen_s, 2),
        "index_build_s": round(build_s, 2),
        "index_build_cpu_s": round(build_cpu_s, 2),
        "rss_mb": {"start": round(rss_start, 1), "after_catalog": round(rss_catalog, 1),
                   "after_index": round(rss_index, 1), "index_only": round(rss_index - rss_catalog, 1),
                   "peak": round(peak, 1)},
        "queries": len(qs),
        "latency_ms": {"p50": round(_pct(lat, 50), 3), "p95": round(_pct(lat, 95), 3),
                       "p99": round(_pct(lat, 99), 3), "max": round(max(lat), 3) if lat else 0.0},
        "cpu_ms": {"p50": round(_pct(cpu, 50), 3), "p95": round(_pct(cpu, 95), 3), "p99": round(_pct(cpu, 99), 3)},
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "cpus_used": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "recall_at_5": round(_recall(ours_styles), 4),
        "per_style_recall_at_5": {k: round(v.means()[1], 3) for k, v in ours_styles.items()},
        "baseline": {
            "queries": nb,
            "method": "rapidfuzz WRatio over all titles (process.cdist, 1 worker), then the same "
                      "city/kind filter, top 10",
            "latency_ms": {"p50": round(_pct(base_lat, 50), 3), "p95": round(_pct(base_lat, 95), 3),
                           "p99": round(_pct(base_lat, 99), 3)},
            "recall_at_5": round(_recall(base_styles), 4) if nb else None,
            "ours_recall_at_5_same_queries": round(_recall(sub_styles), 4) if sub_styles else None,
            "ours_latency_ms_same_queries": {"p50": round(_pct(sub_lat, 50), 3),
                                             "p95": round(_pct(sub_lat, 95), 3)},
            "speedup_p50": round(_pct(base_lat, 50) / max(1e-9, _pct(sub_lat, 50)), 1) if nb else None,
            "speedup_mean": round(statistics.fmean(base_lat) / max(1e-9, statistics.fmean(sub_lat)), 1)
            if nb else None,
            "per_style_recall_at_5": {k: round(v.means()[1], 3) for k, v in base_styles.items()},
        },
    }
    return result


def format_result(r: dict) -> str:
    b = r["baseline"]
    lines = [
        f"synthetic catalog: {r['municipalities']} municipalities, {r['items']:,} items, "
        f"{r['documents']:,} documents, {r['distinct_keys']:,} distinct keys "
        f"(generated in {r['catalog_generation_s']} s)",
        f"index build: {r['index_build_s']} s (CPU {r['index_build_cpu_s']} s)",
        f"memory (RSS): {r['rss_mb']['after_index']} MB after build (catalog {r['rss_mb']['after_catalog']} MB, "
        f"index +{r['rss_mb']['index_only']} MB, start {r['rss_mb']['start']} MB, peak {r['rss_mb']['peak']} MB)",
        f"queries: {r['queries']}  latency ms p50 {r['latency_ms']['p50']}  p95 {r['latency_ms']['p95']}  "
        f"p99 {r['latency_ms']['p99']}  max {r['latency_ms']['max']}  (CPU time p50 {r['cpu_ms']['p50']}  "
        f"p95 {r['cpu_ms']['p95']}  p99 {r['cpu_ms']['p99']}; {r['cpus_used']} core, load average "
        f"{', '.join(f'{x:.1f}' for x in (r['load_average'] or []))})",
        f"recall@5: {r['recall_at_5']}",
        "",
        f"baseline ({b['method']}) on the first {b['queries']} of the same queries:",
        f"  baseline latency ms p50 {b['latency_ms']['p50']}  p95 {b['latency_ms']['p95']}  "
        f"p99 {b['latency_ms']['p99']}",
        f"  ours     latency ms p50 {b['ours_latency_ms_same_queries']['p50']}  "
        f"p95 {b['ours_latency_ms_same_queries']['p95']}",
        f"  speedup: {b['speedup_p50']}x (p50), {b['speedup_mean']}x (mean)",
        f"  recall@5: ours {b['ours_recall_at_5_same_queries']}  baseline {b['recall_at_5']}",
        "",
        f"{'style':<14} {'ours r@5':>9} {'baseline r@5':>13}",
    ]
    for style, value in r["per_style_recall_at_5"].items():
        bv = b["per_style_recall_at_5"].get(style)
        lines.append(f"{style:<14} {value:>9.3f} {'' if bv is None else f'{bv:>13.3f}'}")
    return "\n".join(lines)


def run_bench(args: argparse.Namespace) -> int:
    result = run(municipalities=args.municipalities, queries=args.queries,
                 baseline_queries=args.baseline_queries if args.baseline_queries is not None else 200)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_result(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic",
                                     description="search benchmark on a synthetic nationwide catalog")
    parser.add_argument("--municipalities", type=int, default=1741)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline-queries", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    return run_bench(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
