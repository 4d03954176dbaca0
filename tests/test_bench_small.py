"""The benchmark at a small size (the full nationwide run is `python -m bench.synthetic`, see README)."""

from __future__ import annotations

import json
from functools import cache

import pytest

from bench.synthcatalog import synthetic_catalog
from bench.synthetic import format_result, run
from finder.live.loader import load_catalog


@cache
def small() -> dict:
    return run(municipalities=25, queries=240, baseline_queries=60, pin_cpu=False)


@pytest.mark.slow  # runs the benchmark (25 synthetic municipalities): make test, not make test-fast
def test_small_benchmark_reports_everything():
    r = small()
    assert r["items"] > 25 * 150
    for key in ("index_build_s", "rss_mb", "latency_ms", "recall_at_5", "baseline"):
        assert key in r
    assert set(r["latency_ms"]) >= {"p50", "p95", "p99"}
    assert r["queries"] == 240 and r["baseline"]["queries"] == 60
    text = format_result(r)
    assert "p95" in text and "baseline" in text


@pytest.mark.slow
def test_small_benchmark_quality_beats_the_naive_baseline():
    r = small()
    b = r["baseline"]
    assert r["recall_at_5"] >= 0.85
    assert b["ours_recall_at_5_same_queries"] >= b["recall_at_5"]
    assert r["latency_ms"]["p95"] < 250  # generous: shared CI cores; the full run checks 15 ms


def test_synthetic_catalog_replaces_city_names():
    base = load_catalog()
    syn = synthetic_catalog(base, 3)
    names = {c.name for c in syn.catalog.municipalities}
    assert len(names) == 3
    titles = " ".join(it.title for it in syn.catalog.items)
    for real in ("土浦", "笠間", "神栖", "潟上"):
        assert real not in titles
    assert {it.municipality for it in syn.catalog.items} == names


def test_run_bench_cli_json(capsys, monkeypatch):
    import bench.synthetic as synthetic

    monkeypatch.setattr(synthetic, "run", lambda **kw: small())
    assert synthetic.main(["--municipalities", "25", "--queries", "240", "--baseline-queries", "60", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == small()["items"]
