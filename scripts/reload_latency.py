"""How long residents' page loads wait while a large catalog file reloads (a benchmark that prints numbers).

    .venv/bin/python scripts/reload_latency.py [--rows 50000] [--sessions 8]

Copies data/, starts a CatalogStore, then replaces wifi.csv by one with ``--rows`` rows while ``--sessions``
threads call ``store.get()`` in a loop (what every rerun of every page does). Prints the reload time and the
longest and median time one get() took meanwhile.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from finder.live.store import CatalogStore  # noqa: E402


def big_wifi(path: Path, rows: int) -> bytes:
    text = path.read_text(encoding="utf-8")
    reader = list(csv.DictReader(io.StringIO(text)))
    header = list(reader[0])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for i in range(rows):
        row = dict(reader[i % len(reader)])
        row["ID"] = f"{row['ID']}-x{i}"
        row["名称"] = f"{row['名称']} {i}"
        writer.writerow(row)
    return buf.getvalue().encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--sessions", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        store = CatalogStore(data, first_wait=600, wait=0.0)
        store.get()
        payload = big_wifi(data / "wifi.csv", args.rows)
        waits: list[float] = []
        stop = threading.Event()

        def session() -> None:
            while not stop.is_set():
                t0 = time.perf_counter()
                store.get()
                waits.append(time.perf_counter() - t0)
                time.sleep(0.02)

        threads = [threading.Thread(target=session) for _ in range(args.sessions)]
        (data / "wifi.csv").write_bytes(payload)
        st = (data / "wifi.csv").stat()
        os.utime(data / "wifi.csv", ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
        started = time.perf_counter()
        for t in threads:
            t.start()
        while store.reloads < 2 and not store.problems and time.perf_counter() - started < 600:
            time.sleep(0.05)
        reload_s = time.perf_counter() - started
        stop.set()
        for t in threads:
            t.join()
        print(f"{args.rows} rows: reload {reload_s:.1f} s ({'ok' if store.ok else store.error[:80]}); "
              f"{len(waits)} get() calls from {args.sessions} sessions meanwhile: "
              f"median {statistics.median(waits) * 1000:.2f} ms, max {max(waits) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
