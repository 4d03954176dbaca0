"""A writer that commits two catalog versions in turn until it is killed (for tests/test_catalog_life.py).

The two versions are defined here, so that each of the test's many writer processes imports little."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from finder.catalog import versions  # noqa: E402
from finder.catalog.csvio import csv_bytes  # noqa: E402
from finder.catalog.schema import FACILITIES, WIFI  # noqa: E402
from tests.catalog_factory import facility_row, wifi_row  # noqa: E402


def version_files(tag: str) -> dict[str, bytes]:
    """Two files that change together: a mix of A and B is detectable from either file's row count."""
    n = 10 if tag == "A" else 20
    wifi = [wifi_row(ID=f"wifi-{tag}-{i}", 名称=f"試験 {tag}{i}") for i in range(n)]
    fac = [facility_row(ID=f"fac-{tag}-{i}", 名称=f"施設 {tag}{i}") for i in range(n)]
    return {"wifi.csv": csv_bytes(WIFI.headers(), wifi), "facilities.csv": csv_bytes(FACILITIES.headers(), fac)}


def main() -> None:
    root = Path(sys.argv[1])
    sets = [version_files("A"), version_files("B")]
    n = 0
    print("ready", flush=True)
    while True:
        versions.commit(root, sets[n % 2], by="life-writer", action="publish")
        n += 1


if __name__ == "__main__":
    main()
