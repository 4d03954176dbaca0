"""Sample rows (class dates no source gives) never outrank real items and stay out of exports unless
asked for (``python -m finder export --with-samples``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from finder.live.export import catalog_csv, catalog_geojson
from finder.live.loader import load_catalog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _real_first(hits) -> bool:
    flags = [h.item.is_sample for h in hits]
    return flags == sorted(flags)


@pytest.mark.parametrize("query", ["すまほきょうしつ", "スマホ教室", "スマートフォン 講習会", "sumaho"])
def test_samples_come_after_every_real_item(catalog, query):
    hits = catalog.search(query, municipality="神栖市", limit=10)
    assert hits and not hits[0].item.is_sample and _real_first(hits), [h.item.id for h in hits]


def test_browse_order_puts_real_classes_first(catalog):
    hits = catalog.search("", municipality="神栖市", kinds={"class"}, limit=50)
    assert any(h.item.is_sample for h in hits) and _real_first(hits)


def test_exports_leave_samples_out_unless_asked(catalog):
    samples = {it.id for it in catalog.items if it.is_sample}
    assert samples
    points = json.loads(catalog_geojson(catalog))["features"]
    assert points and not {f["properties"]["id"] for f in points} & samples
    assert all(f["properties"]["is_sample"] == "no" for f in points)
    assert not any(s in catalog_csv(catalog).decode("utf-8-sig") for s in samples)
    with_samples = json.loads(catalog_geojson(catalog, samples=True))["features"]
    assert {f["properties"]["id"] for f in with_samples} & samples
    assert all(s in catalog_csv(catalog, samples=True).decode("utf-8-sig") for s in samples)


def test_export_command_flag(tmp_path):
    def export(*extra: str) -> list[dict]:
        out = tmp_path / "c.geojson"
        subprocess.run([sys.executable, "-m", "finder", "export", "--format", "geojson", "--out", str(out),
                        *extra], cwd=ROOT, check=True, timeout=300)
        return [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]

    assert all(p["is_sample"] == "no" for p in export())
    assert any(p["is_sample"] == "yes" for p in export("--with-samples"))


def test_the_data_page_says_its_downloads_leave_samples_out():
    from tests.pages.apptest import ok, page_text, run

    assert "サンプルの行" in page_text(ok(run("pages/9_about_data.py")))
