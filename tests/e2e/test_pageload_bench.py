"""``python -m bench.pageload`` through its real entry point, at one visit (numbers are printed, not judged).

It runs as its own process: Playwright's sync API cannot start a second time inside the browser fixtures'
event loop.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pageload_bench_measures_both_pages(chromium_path):
    done = subprocess.run([sys.executable, "-m", "bench.pageload", "--visits", "1", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert set(results) == {"home page, no city (app.py)", "home page, with a city (app.py)", "bare Streamlit page",
                            "loadavg"}
    for name, figures in results.items():
        if name != "loadavg":
            assert figures["first_render_ms_p50"] > 0 and figures["complete_ms_p50"] > 0
    assert "complete_minus_bare_ms_p50" in results["home page, no city (app.py)"]
