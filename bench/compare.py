"""Serving figures side by side, in one run: before/after rerun cost, 1 vs 2 replicas, a replica killed.

``python -m bench.compare [--before DIR] [--sessions 50] [--seconds 30] [--replica-sessions 120] [--nationwide N]``
runs ``bench.loadtest.measure`` one configuration after the other on this machine (127.0.0.1 only):

1. ``--before DIR``: the app from another checkout (e.g. a worktree of the commit before the serving work), one process
2. this checkout, one process, once per workload (``--workloads popular,longtail``: the 30 popular queries, and the
   long tail typed keystroke by keystroke with typos; bench.workload)
3. one process and 1 replica behind nginx at ``--replica-sessions`` too (the same session counts side by side:
   how cost per search grows with sessions, and what nginx adds), 1 replica behind nginx at ``--sessions``
4. 2 replicas behind nginx at ``--replica-sessions`` (enough to saturate one)
5. 2 replicas behind nginx with one killed halfway through (sessions reconnect and repeat their query)

Every server is started with a fresh clone's configuration (bench.loadtest.fresh_clone_env).

``--nationwide N`` repeats 1–2 on a catalog directory written by ``bench.nationwide_data`` for N synthetic
municipalities (in a temporary directory). The load generator runs in this process and shares the CPUs:
its CPU seconds are reported beside the servers'. Prints a table (or ``--json``: one object).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from bench.loadtest import measure


def _args(sessions: int, seconds: int, replicas: int = 0, app_dir: str = "", kill_at: float = 0.0,
          workload: str = "popular", profile: str = ""):
    return argparse.Namespace(sessions=sessions, seconds=seconds, replicas=replicas, app_dir=app_dir,
                              kill_one_at=kill_at, url="", workload=workload, profile=profile)


def plan(opts: argparse.Namespace) -> list[tuple[str, argparse.Namespace]]:
    runs = []
    workloads = [w.strip() for w in opts.workloads.split(",") if w.strip()]
    for w in workloads:
        if opts.before:
            runs.append((f"before, one process, {w}", _args(opts.sessions, opts.seconds, app_dir=opts.before,
                                                            workload=w)))
        runs.append((f"after, one process, {w}", _args(opts.sessions, opts.seconds, workload=w)))
    if not opts.no_replicas:
        n = opts.replica_sessions
        runs += [(f"after, one process, {n} sessions", _args(n, opts.seconds)),
                 (f"after, 1 replica via nginx, {opts.sessions} sessions", _args(opts.sessions, opts.seconds,
                                                                                replicas=1)),
                 ("after, 1 replica via nginx", _args(n, opts.seconds, replicas=1)),
                 ("after, 2 replicas via nginx", _args(n, opts.seconds, replicas=2)),
                 ("after, 2 replicas, one killed halfway", _args(n, opts.seconds, replicas=2,
                                                                 kill_at=opts.seconds / 2))]
    return runs


def table(results: list[dict]) -> str:
    head = ("run", "workload", "catalog", "sessions", "searches", "/s", "errors", "p50 ms", "p95 ms", "msgs/search", "CPU ms/search",
            "RSS MB before→after", "load gen CPU s", "nginx CPU s", "reconnects", "load avg")
    rows = [head]
    for r in results:
        rows.append((r["label"], r.get("workload", "popular"), str(r["catalog_items"]), str(r["sessions"]), str(r["searches"]), str(r["searches_per_s"]),
                     str(r["errors"]), f"{r['p50_ms']:.0f}", f"{r['p95_ms']:.0f}", str(r.get("messages_per_search")), str(r["cpu_ms_per_search"]),
                     f"{r['rss_before_mb']}→{r['rss_after_mb']}", str(r["client_cpu_s"]), str(r["nginx_cpu_s"]),
                     str(r["reconnects"]), f"{r['loadavg']:.1f}"))
    return "\n".join("| " + " | ".join(row) + " |" + ("\n|" + "---|" * len(head) if i == 0 else "")
                     for i, row in enumerate(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="", help="checkout of the code to compare with (one process)")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--replica-sessions", type=int, default=120)
    parser.add_argument("--no-replicas", action="store_true")
    parser.add_argument("--workloads", default="popular,longtail", help="one-process runs for each (bench.workload)")
    parser.add_argument("--nationwide", type=int, default=0, help="also run on N synthetic municipalities")
    parser.add_argument("--json", action="store_true")
    opts = parser.parse_args(argv)
    if opts.before and not (Path(opts.before) / "app.py").exists():
        parser.error(f"--before {opts.before}: no app.py there")
    results = []
    from bench.loadtest import configuration_note

    print(f"compare: {configuration_note()}", file=sys.stderr, flush=True)
    for label, args in plan(opts):
        print(f"compare: {label} …", file=sys.stderr, flush=True)
        results.append(measure(args, label=label))
    if opts.nationwide:
        from bench.nationwide_data import write_nationwide

        with tempfile.TemporaryDirectory(prefix="dxf-nationwide-") as tmp:
            data = Path(tmp) / "data"
            items = write_nationwide(data, opts.nationwide)
            print(f"compare: nationwide catalog, {items} items in {data}", file=sys.stderr, flush=True)
            for label, args in plan(argparse.Namespace(**{**vars(opts), "no_replicas": True})):
                print(f"compare: nationwide, {label} …", file=sys.stderr, flush=True)
                results.append(measure(args, label=f"nationwide, {label}", data_dir=data))
    by = {r["label"]: r for r in results}
    one, two = by.get("after, 1 replica via nginx"), by.get("after, 2 replicas via nginx")
    summary = {"cpus": os.cpu_count(), "uptime_loadavg_at_end": os.getloadavg()}
    if one and two and one["searches"]:
        summary["two_vs_one_replica_searches"] = round(two["searches"] / one["searches"], 2)
    few, many = by.get("after, one process, popular"), by.get(f"after, one process, {opts.replica_sessions} sessions")
    if few and many and few["cpu_ms_per_search"] and many["cpu_ms_per_search"]:
        summary["cpu_per_search_many_vs_few_sessions"] = round(many["cpu_ms_per_search"] / few["cpu_ms_per_search"], 2)
    if opts.json:
        print(json.dumps({"runs": results, **summary}, ensure_ascii=False))
    else:
        print(configuration_note())
        print(table(results))
        print(json.dumps(summary))
    return 0 if all(r["errors"] == 0 for r in results if "killed" not in r["label"]) else 1


if __name__ == "__main__":
    sys.exit(main())
