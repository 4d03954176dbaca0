"""Staff desk benchmark: how long one city's publish takes, and how much history each version costs.

    .venv/bin/python -m bench.desk [--rounds 20] [--json]

On a private copy of data/, for each kind it publishes one city's rows ``rounds`` times, each time with one
row's title changed (so every version is new content, as a real edit is), timing the plan (parse, merge,
diff, validate the whole catalog) and the write (lock, validate again, blobs, record, switch, manifest).
It prints p50/max per kind and how much DATA/.versions grows per version.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from finder.catalog import versions
from finder.catalog.schema import SPEC_BY_KIND
from finder.desk import publish as pub
from finder.desk.rowdiff import header_of
from finder.live.loader import DATA_DIR

CITY = "082163"  # 笠間市: has rows of every kind


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _measure(root: Path, kind: str, rounds: int) -> dict:
    spec = SPEC_BY_KIND[kind]
    rows = pub.city_rows(pub.load_base(root).files, kind, {CITY})
    title_h = header_of(spec, "title")
    plan_ms, write_ms, growth = [], [], []
    for n in range(rounds):
        before = _size(root / versions.VERSIONS_DIR) if (root / versions.VERSIONS_DIR).exists() else 0
        start = time.perf_counter()
        edited = [{**rows[0], title_h: f"{rows[0][title_h]} ({n + 1})"}, *rows[1:]]
        plan = pub.plan_rows(pub.load_base(root), kind, {CITY}, edited, "bench")
        planned = time.perf_counter()
        pub.publish(root, plan, by="bench")
        done = time.perf_counter()
        plan_ms.append((planned - start) * 1000)
        write_ms.append((done - planned) * 1000)
        if n:  # the first publish also records the original catalog
            growth.append(_size(root / versions.VERSIONS_DIR) - before)
    return {"kind": kind, "file": spec.filename, "file_bytes": (root / spec.filename).stat().st_size,
            "city_rows": len(rows), "plan_ms_p50": statistics.median(plan_ms), "plan_ms_max": max(plan_ms),
            "write_ms_p50": statistics.median(write_ms), "write_ms_max": max(write_ms),
            "history_bytes_per_version": statistics.median(growth) if growth else 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, root)
        results = [_measure(root, kind, max(3, args.rounds)) for kind in ("class", "wifi", "facility", "certificate",
                                                                          "procedure")]
        total = {"versions": len(versions.history(root)), "history_bytes": _size(root / versions.VERSIONS_DIR),
                 "data_bytes": sum(p.stat().st_size for p in root.glob("*.csv"))}
    if args.json:
        print(json.dumps({"results": results, "total": total}, indent=1))
        return 0
    print(f"{'kind':<12}{'file KB':>8}{'rows':>6}{'plan p50':>10}{'plan max':>10}{'write p50':>11}{'write max':>11}"
          f"{'history/version':>17}")
    for r in results:
        print(f"{r['kind']:<12}{r['file_bytes'] / 1024:>8.1f}{r['city_rows']:>6}{r['plan_ms_p50']:>8.0f}ms"
              f"{r['plan_ms_max']:>8.0f}ms{r['write_ms_p50']:>9.0f}ms{r['write_ms_max']:>9.0f}ms"
              f"{r['history_bytes_per_version']:>15,.0f} B")
    print(f"{total['versions']} versions: .versions holds {total['history_bytes'] / 1024:.0f} KB "
          f"for {total['data_bytes'] / 1024:.0f} KB of catalog files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
