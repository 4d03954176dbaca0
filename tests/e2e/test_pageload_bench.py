"""``python -m bench.pageload`` through its entry point, at one visit (numbers are printed, not judged)."""

from __future__ import annotations

import json

from bench.pageload import main


def test_pageload_bench_measures_both_pages(capsys, chromium_path):
    assert main(["--visits", "1", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert set(results) == {"search page (app.py)", "bare Streamlit page"}
    for figures in results.values():
        assert figures["first_render_ms_p50"] > 0 and figures["complete_ms_p50"] > 0
