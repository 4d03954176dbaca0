"""A writer that commits two catalog versions in turn until it is killed (for tests/test_catalog_life.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from finder.catalog import versions  # noqa: E402
from tests.test_catalog_life import version_files  # noqa: E402


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
