"""The long-tail load test runs through its real entry point and serves a fresh clone's configuration."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.e2e.helpers import ROOT


def test_the_long_tail_load_test_runs_on_a_fresh_clones_configuration():
    proc = subprocess.run([sys.executable, "-m", "bench.loadtest", "--workload", "longtail", "--sessions", "2",
                           "--seconds", "4", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["workload"] == "longtail" and result["distinct_queries"] >= 300
    assert result["errors"] == 0, result["error_examples"]
    assert result["searches"] >= 4
    assert "fresh clone" in result["configuration"] and "no secrets.toml" in result["configuration"]
