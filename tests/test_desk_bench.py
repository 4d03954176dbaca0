"""The desk benchmark still runs (numbers are printed, never asserted)."""

from __future__ import annotations

import json

import pytest

from bench import desk


@pytest.mark.slow  # a benchmark: 15 publishes of the real catalog
def test_desk_benchmark_runs(capsys):
    assert desk.main(["--rounds", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in out["results"]} == {"class", "wifi", "facility", "certificate", "procedure"}
    assert out["total"]["versions"] == 1 + 5 * 3  # the original catalog, then every publish
