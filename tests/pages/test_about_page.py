"""pages/9_about_data.py: counts, sources, validation and downloads."""

from __future__ import annotations

from tests.pages.apptest import ok, page_text, run


def test_about_data_counts_sources_validation_downloads():
    at = ok(run("pages/9_about_data.py"))
    counts = at.table[0].value
    assert counts.loc["土浦市", "手続き"] == 3 and counts.loc["合計", "合計"] == 15
    text = page_text(at)
    assert "検証に合格" in text and "2026-11-01" in text and "サンプル" in text
    assert sorted(b.label for b in at.get("download_button")) == sorted(
        ["全データをCSVでダウンロード", "位置のあるデータをGeoJSONでダウンロード"])


def test_about_data_counts_digital_services(monkeypatch):
    import csv

    from finder.live.loader import DATA_DIR

    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)
    with open(DATA_DIR / "services.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    at = ok(run("pages/9_about_data.py"))
    counts = at.table[0].value
    assert counts.loc["合計", "デジタルサービス"] == len(rows) > 0
    assert counts.loc["つくば市", "デジタルサービス"] == sum(r["municipality_code"] == "082201" for r in rows)
