"""The nationwide-scale search benchmark (``python -m bench.synthetic``).

The evaluation queries (bench.evaluation) are replayed against random cities of a synthetic catalog
(bench.synthcatalog, bench.queries), timed, and compared with a naive baseline (rapidfuzz WRatio over
every title, then the same city/kind filter) on the same queries. It prints numbers; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bench.evaluation import EVAL_PATH, StyleScore, load_eval
from bench.queries import BenchQuery, bench_queries, judge
from bench.synthcatalog import NATIONWIDE, Synthetic, synthetic_catalog
from finder.live.loader import load_catalog


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
        per_style.setdefault(q.style, StyleScore()).add(*judge(q, ranked, syn))
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
