"""The real nationwide catalog, measured: ``python -m bench.nationwide [--queries 1000] [--no-app] [--materialized]``.

Prints numbers (no pass/fail) for the catalog as the app serves it: the curated five cities plus the
national layer for the other 1,736 municipalities (finder.national.layer, lazy). Load time and RSS of the
catalog and its indexes; search p50/p95/p99 for queries scoped to random municipalities (by name, code
or ward) and for queries naming a city ("札幌 住民票", kana, romaji) with how often the named city was
found; municipality look-up and postal-code p95 (bench.municipality's query sets); and app start, from
``streamlit run app.py`` to the first page and to the first national result (bench.loadtest's server and
websocket client). ``--materialized`` also measures, in a child process, the alternative of making every
municipality's national items up front. Targets (docs/NATIONAL.md): start <= 10 s, server RSS <= 400 MB,
search p95 <= 10 ms, look-up p95 <= 5 ms, postal p95 <= 2 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time

from bench.municipality import mixed_queries, pct, postal_queries
from bench.synthetic import EVAL_PATH, load_eval
from bench.wsclient import Session
from deploy.processes import StreamlitServer, rss_kb
from finder.municipalities.index import romaji_words
from finder.municipalities.lookup import find_municipalities, get_index
from finder.municipalities.table import load_table

TARGETS = "targets: start <= 10 s, RSS <= 400 MB, search p95 <= 10 ms, look-up p95 <= 5 ms, postal p95 <= 2 ms"


def rss_mb() -> float:
    return (rss_kb(os.getpid()) or 0) / 1024


def step(label: str, fn):
    before, t = rss_mb(), time.perf_counter()
    out = fn()
    print(f"load {label:44} {(time.perf_counter() - t) * 1000:8.1f} ms   RSS {rss_mb():6.1f} MB "
          f"(+{rss_mb() - before:5.1f})")
    return out


def timed2(fn, items) -> tuple[list[float], list[float]]:
    """Wall and CPU (this thread) milliseconds per call: on a shared machine the CPU time shows what the
    search itself costs, the wall time what a resident waited."""
    wall, cpu = [], []
    for item in items:
        t, c = time.perf_counter(), time.thread_time()
        fn(item)
        cpu.append((time.thread_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
    return wall, cpu


def report(label: str, wall: list[float], cpu: list[float]) -> None:
    print(f"{label}\n  wall {pct(wall)}\n  cpu  {pct(cpu)}")


def words() -> list[str]:
    """What residents search for: the evaluation queries that name no city."""
    return sorted({c.query for c in load_eval(EVAL_PATH) if c.style != "city"})


def national_cities(catalog) -> list:
    curated = catalog.national.curated_codes  # cities with curated procedures; the rest get national items
    return [m for m in load_table().rows if not m.parent_code and m.code not in curated]


def scoped_queries(catalog, n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(query, filter value, expected city code): the filter as a name, a code or one of the city's wards."""
    cities, table, vocab = national_cities(catalog), load_table(), words()
    wards = {}
    for m in table.rows:
        if m.parent_code:
            wards.setdefault(m.parent_code, []).append(m)
    out = []
    for i in range(n):
        m = rng.choice(cities)
        value = (m.name, m.code, rng.choice(wards[m.code]).name if m.code in wards else m.name)[i % 3]
        out.append((rng.choice(vocab), value, m.code))
    return out


def named_queries(catalog, n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(style, "city word" query, expected city code), the city as kanji name, bare kanji, kana or romaji."""
    cities, vocab = national_cities(catalog), words()
    styles = ("kanji", "bare", "kana", "romaji")
    out = []
    for i in range(n):
        m = rng.choice(cities)
        style = styles[i % len(styles)]
        city = {"kanji": m.name, "bare": m.name[:-1], "kana": m.name_kana,
                "romaji": romaji_words(m.name_romaji)[0][0]}[style]
        out.append((style, f"{city} {rng.choice(vocab)}", m.code))
    return out


def bench_search(catalog, n: int, seed: int) -> None:
    rng = random.Random(seed)
    scoped = scoped_queries(catalog, n, rng)
    catalog.search(*scoped[0][:2])  # the first national search builds the template index
    wrong: list[str] = []

    def scoped_search(q):
        hits = catalog.search(q[0], municipality=q[1])
        if any(h.item.municipality_code != q[2] for h in hits):
            wrong.append(q[1])

    report(f"\nsearch scoped to a random municipality (by name, code or ward), {len(scoped)} queries:",
           *timed2(scoped_search, scoped))
    print(f"  hits of another municipality: {len(wrong)} (names shared by several, which resolve to the "
          f"first: {', '.join(sorted(set(wrong))[:5])})")
    named = named_queries(catalog, n, rng)
    by_style: dict[str, list[int]] = {}
    for style, query, code in named:
        found = catalog.city_in_query(query)
        first = found is not None and found.city_code == code
        among = found is not None and code in {a.city_code for a in found.alternatives}
        by_style.setdefault(style, [0, 0, 0])
        by_style[style][0 if first else 1 if among else 2] += 1
    report(f"search naming a city, no filter, {len(named)} queries:",
           *timed2(lambda q: catalog.search(q[1]), named))
    print("  the city named: first choice / among the same-named alternatives / not taken as a city")
    print("  (a bare name shared with a ward, a catalog word or a short reading is deliberately not a city)")
    for style, (first, among, missed) in by_style.items():
        total = first + among + missed
        print(f"  {style:7} {first / total:.3f} / {among / total:.3f} / {missed / total:.3f}")
    curated = words()
    report(f"search naming no city (curated items only, as before), {len(curated)} queries:",
           *timed2(lambda q: catalog.search(q), curated))


def bench_lookup(n: int, postal: int) -> None:
    queries = mixed_queries(n)
    find_municipalities("warm-up")
    report(f"\nmunicipality look-up, {len(queries)} mixed queries:",
           *timed2(lambda q: find_municipalities(q[1]), queries))
    codes = postal_queries(postal)
    report(f"postal code look-up, {len(codes)} codes:", *timed2(find_municipalities, codes))


def bench_app(query: str = "札幌 住民票", expect: str = "住民票の写し", port: int | None = None) -> None:
    """Seconds from ``streamlit run app.py`` to the first page, and to a national result on it."""
    started = time.perf_counter()
    with StreamlitServer(port=port) as server:
        ready = time.perf_counter() - started

        async def visit():
            session = Session(server.url)
            first = await session.open()
            at_first = time.perf_counter() - started
            run = await session.rerun(query, [expect])
            await session.close()
            return first, at_first, run

        first, at_first, run = asyncio.run(visit())
        at_result = time.perf_counter() - started
        rss, peak = server.rss_mb(), server.rss_mb("VmHWM")
    errors = first.exceptions + run.exceptions
    print(f"\napp start: server answers {ready:.1f} s, first page {at_first:.1f} s, "
          f"first national result ({query!r}) {at_result:.1f} s (that rerun {run.rerun_s * 1000:.0f} ms, "
          f"result {'shown' if run.result_at is not None else 'NOT shown'})")
    print(f"server RSS after: {rss or 0:.1f} MB (peak {peak or 0:.1f} MB)" + (f"; errors: {errors}" if errors else ""))


def materialized(n: int) -> dict:
    """The alternative: every municipality's national items made up front, indexed with the curated ones."""
    from finder.live.catalog import Catalog
    from finder.live.loader import load_catalog

    base = rss_mb()
    t = time.perf_counter()
    cat = load_catalog()
    items = list(cat.items)
    for m in national_cities(cat):
        items += cat.national.items(m.code)
    full = Catalog(items, cat.municipalities + [cat.national.municipality(m.code) for m in national_cities(cat)],
                   cat.synonyms, cat.readings, cat.life_events)
    made = time.perf_counter() - t
    _ = full.index
    loaded = time.perf_counter() - t
    rng = random.Random(3)
    queries = [(q, v) for q, v, _ in scoped_queries(cat, n, rng)]
    wall, cpu = timed2(lambda q: full.search(q[0], municipality=q[1]), queries)
    return {"items": len(items), "make_s": made, "load_s": loaded, "rss_mb": rss_mb(), "rss_growth_mb": rss_mb() - base,
            "wall": pct(wall), "cpu": pct(cpu)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--postal", type=int, default=1000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-app", action="store_true", help="skip the streamlit start measurement")
    p.add_argument("--port", type=int, default=None, help="the app server's port (default: a free one)")
    p.add_argument("--materialized", action="store_true", help="also measure materializing every item")
    p.add_argument("--materialized-only", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.materialized_only:
        print(json.dumps(materialized(min(args.queries, 300))))
        return 0

    from finder.live.loader import load_catalog

    print(f"nationwide catalog on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; {TARGETS}")
    print(f"RSS at start {rss_mb():.1f} MB")
    catalog = step("catalog (validate + load data/, national layer)", load_catalog)
    step("curated search index", lambda: catalog.index)
    step("national table + look-up index", get_index)
    step("national templates index", lambda: catalog.national.index)
    cities = national_cities(catalog)
    print(f"{len(catalog.items)} catalog items in {len(catalog.municipalities)} cities; "
          f"{len(catalog.national.templates)} templates x {len(cities)} municipalities = "
          f"{len(catalog.national.templates) * len(cities):,} national items, made on demand")
    bench_search(catalog, args.queries, args.seed)
    bench_lookup(args.queries, args.postal)
    print(f"\nbenchmark process RSS {rss_mb():.1f} MB")
    if args.materialized:
        out = subprocess.run([sys.executable, "-m", "bench.nationwide", "--materialized-only",
                              "--queries", str(args.queries)], capture_output=True, text=True, check=True)
        m = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"\nmaterialized instead (child process): {m['items']:,} items, made in {m['make_s']:.1f} s, "
              f"with index {m['load_s']:.1f} s, RSS {m['rss_mb']:.1f} MB (+{m['rss_growth_mb']:.1f}), "
              f"scoped search\n  wall {m['wall']}\n  cpu  {m['cpu']}")
    if not args.no_app:
        bench_app(port=args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
