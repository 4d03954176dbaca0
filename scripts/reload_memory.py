"""Memory after many catalog reloads: RSS after 1 and after N reloads, and the Catalog objects still alive.

    .venv/bin/python scripts/reload_memory.py [--reloads 40] [--data DIR]

Each reload is what a staff edit causes in the running app: the store swaps in a new catalog (with its
search index) and a resident's search fills the suggestion cache. A benchmark, not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from finder.live.catalog import Catalog  # noqa: E402
from finder.live.store import CatalogStore  # noqa: E402
from finder.live.suggest import nearest_terms  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def live_catalogs() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Catalog))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reloads", type=int, default=40)
    parser.add_argument("--data", default=str(ROOT / "data"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(args.data, data, ignore=shutil.ignore_patterns(".versions", "manifest.json", ".lock"))
        store = CatalogStore(data)

        def reload() -> None:
            store.refresh(force=True)
            catalog = store.get()
            for city in ("", *(m.code for m in catalog.municipalities)):
                nearest_terms(catalog, "じゅうみんひょ", city)
                catalog.search("住民票", municipality=city or None)

        store.get()
        reload()
        gc.collect()
        after_one = rss_mb()
        for _ in range(args.reloads - 1):
            reload()
        gc.collect()
        after_n = rss_mb()
        print(f"items {len(store.catalog)}; RSS after 1 reload {after_one:.1f} MB, after {args.reloads} reloads "
              f"{after_n:.1f} MB ({after_n - after_one:+.1f} MB); live Catalog objects {live_catalogs()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
