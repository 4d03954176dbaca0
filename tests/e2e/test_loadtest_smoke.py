"""The documented load test runs through its real entry point: `python -m bench.loadtest`, 2 sessions, a few seconds."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.loadtest import percentile
from tests.e2e.helpers import ROOT


def test_the_documented_load_test_command_runs():
    proc = subprocess.run([sys.executable, "-m", "bench.loadtest", "--sessions", "2", "--seconds", "4", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for key in ("searches", "errors", "p50_ms", "p95_ms", "cpu_ms_per_search", "rss_before_mb", "rss_after_mb"):
        assert key in result
    assert result["errors"] == 0, result["error_examples"]
    assert result["searches"] >= 2
    assert 0 < result["p50_ms"] <= result["p95_ms"]
    assert result["cpu_ms_per_search"] > 0
    assert result["pass"] is True


def test_the_load_test_refuses_other_hosts():
    proc = subprocess.run([sys.executable, "-m", "bench.loadtest", "--url", "http://192.0.2.1:8501"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "127.0.0.1" in proc.stderr


def test_percentile():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([1, 2, 3, 4, 100], 95) == 100
    assert percentile([], 50) != percentile([], 50)  # nan
