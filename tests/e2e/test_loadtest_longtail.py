"""The documented load test runs through its real entry point, `python -m bench.loadtest`, and serves a fresh
clone's configuration.

One run with ``--workload longtail`` (README, "Load check and replicas"): the popular workload differs only in
its plan (tests/test_bench_workload.py), and its queries reach the server here too, in the warm-up.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.e2e.helpers import ROOT


def test_the_documented_load_test_command_runs_on_a_fresh_clones_configuration():
    proc = subprocess.run([sys.executable, "-m", "bench.loadtest", "--workload", "longtail", "--sessions", "2",
                           "--seconds", "4", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for key in ("searches", "errors", "p50_ms", "p95_ms", "cpu_ms_per_search", "rss_before_mb", "rss_after_mb"):
        assert key in result
    assert result["workload"] == "longtail" and result["distinct_queries"] >= 300
    assert result["errors"] == 0, result["error_examples"]
    assert result["searches"] >= 4
    assert 0 < result["p50_ms"] <= result["p95_ms"]
    assert result["cpu_ms_per_search"] > 0
    assert result["pass"] is True
    assert "fresh clone" in result["configuration"] and "no secrets.toml" in result["configuration"]
