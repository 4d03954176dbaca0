"""Measure the rerun time of a search on the home page with AppTest (median of N reruns).

Usage: .venv/bin/python scripts/measure_rerun.py [--runs 20] [--data DIR]
Each rerun types a different query into the search box (so the search really runs), the way a
resident typing does; the catalog and index come from st.cache_resource after the first run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["住民票", "じゅうみんひょう", "転出", "wifi", "スマホ教室", "マイナンバー", "こせき", "児童手当",
           "図書館", "ぜいきん", "印鑑", "介護", "引っ越し", "Wi-Fi 笠間", "juminhyo", "出生届", "税", "公民館",
           "コンビニ", "避難所"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data", help="catalog directory (default: data/ or $DXFINDER_DATA_DIR)")
    args = parser.parse_args()
    if args.data:
        os.environ["DXFINDER_DATA_DIR"] = str(Path(args.data).resolve())

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "1_search.py"), default_timeout=120)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    if at.exception:
        print("page raised:", [e.value for e in at.exception], file=sys.stderr)
        return 1
    times = []
    for i in range(args.runs):
        query = QUERIES[i % len(QUERIES)] + ("" if i < len(QUERIES) else f" {i}")
        at.text_input(key="w_q").set_value(query)
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        if at.exception:
            print("page raised:", [e.value for e in at.exception], file=sys.stderr)
            return 1
    if os.environ.get("VERBOSE"):
        for i, t in enumerate(times):
            print(f"  {QUERIES[i % len(QUERIES)]}: {t * 1000:.0f} ms")
    times_ms = sorted(t * 1000 for t in times)
    print(f"first run (load catalog + build index): {first * 1000:.0f} ms")
    print(f"search rerun over {args.runs} runs: median {statistics.median(times_ms):.0f} ms, "
          f"min {times_ms[0]:.0f} ms, max {times_ms[-1]:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
