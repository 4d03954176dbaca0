"""The load-test client still speaks to the app: two sessions, a few seconds (the real run is `make loadtest`)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.loadtest import QUERIES, expected_titles, percentile, run_sessions
from finder import load_catalog


def test_loadtest_sessions_find_results(app):
    catalog = load_catalog()
    queries = QUERIES[:6]
    assert all(expected_titles(q, catalog) for q in QUERIES)
    expect = {q: expected_titles(q, catalog) for q in queries}
    # Playwright's sync API owns this thread's event loop once the browser fixture ran: use a fresh thread.
    with ThreadPoolExecutor(1) as pool:
        stats = pool.submit(asyncio.run, run_sessions(app.url, sessions=2, seconds=4, queries=queries,
                                                      expect=expect)).result()
    assert stats.errors == 0, stats.error_examples
    assert stats.searches >= 2
    assert 0 < percentile(stats.to_result_ms, 50) <= percentile(stats.to_result_ms, 95)


def test_percentile():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([1, 2, 3, 4, 100], 95) == 100
    assert percentile([], 50) != percentile([], 50)  # nan
