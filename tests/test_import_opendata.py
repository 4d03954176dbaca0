"""python -m finder import-opendata: encodings, column order, gazetteer fill, merge, refusal."""

import subprocess
import sys
from pathlib import Path

import pytest

from finder.catalog.csvio import read_table
from finder.catalog.opendata import import_opendata
from finder.live.loader import load_catalog
from tests.catalog_factory import make_catalog, wifi_row

ROOT = Path(__file__).resolve().parent.parent
GAZ = Path(__file__).parent / "fixtures" / "gazetteer"

# As a city might publish it: columns in another order, an old header spelling (NO), an extra column,
# full-width digits in coordinates and the ID, one row without coordinates.
PUBLISHED = (
    "名称,NO,住所,緯度,経度,名称_カナ,SSID,独自の列,全国地方公共団体コード,地方公共団体名\r\n"
    "試験町公民館,１,茨城県笠間市試験町二丁目３,３６．３５,１４０．３１,シケンチョウコウミンカン,Kasama_Free,x,082163,笠間市\r\n"
    "試験町体育館,2,茨城県笠間市試験町5,,,シケンチョウタイイクカン,,y,082163,笠間市\r\n"
)


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_import_reads_all_three_encodings(tmp_path, encoding):
    catalog_dir = make_catalog(tmp_path / "cat")
    src = _write(tmp_path / "wifi_open.csv", PUBLISHED, encoding)
    report = import_opendata(src, "wifi", "082163", catalog_dir, gazetteer_dir=GAZ)
    assert report.ok, [str(p) for p in report.problems]
    assert report.encoding == encoding
    assert report.added == 2 and report.filled_from_gazetteer == 1
    catalog = load_catalog(catalog_dir)
    first = catalog.get("wifi-082163-1")
    assert first.title == "試験町公民館" and first.get("ssid") == "Kasama_Free"
    assert first.lat == pytest.approx(36.35) and first.coord_precision == "exact"
    second = catalog.get("wifi-082163-2")
    assert (second.lat, second.lon) == (pytest.approx(36.34), pytest.approx(140.30))
    assert second.coord_precision == "town"
    assert any(p.column == "独自の列" and p.severity == "note" for p in report.problems)


def test_import_keeps_other_cities_rows_and_updates_by_id(tmp_path):
    tsuchiura = wifi_row(ID="wifi-other", 全国地方公共団体コード="082031", 地方公共団体名="土浦市",
                         緯度="36.08", 経度="140.20")
    catalog_dir = make_catalog(tmp_path / "cat", {"wifi": [tsuchiura]})
    src = _write(tmp_path / "a.csv", PUBLISHED, "utf-8")
    import_opendata(src, "wifi", "082163", catalog_dir, gazetteer_dir=GAZ)
    changed = PUBLISHED.replace("試験町公民館", "試験町公民館 (改称)")
    report = import_opendata(_write(tmp_path / "b.csv", changed, "utf-8"), "wifi", "082163", catalog_dir,
                             gazetteer_dir=GAZ)
    assert (report.added, report.updated, report.kept_other) == (0, 2, 1)
    catalog = load_catalog(catalog_dir)
    assert catalog.get("wifi-other").title == "試験公園"
    assert catalog.get("wifi-082163-1").title == "試験町公民館 (改称)"


def test_failed_import_changes_nothing(tmp_path):
    catalog_dir = make_catalog(tmp_path / "cat")
    before = (catalog_dir / "wifi.csv").read_bytes()
    bad = PUBLISHED.replace("１４０．３１", "14x.31")
    report = import_opendata(_write(tmp_path / "bad.csv", bad, "cp932"), "wifi", "082163", catalog_dir)
    assert not report.ok
    assert any("経度" in str(p) and "not a number" in p.message for p in report.problems)
    assert (catalog_dir / "wifi.csv").read_bytes() == before


def test_import_rejects_wrong_city_and_unknown_code(tmp_path):
    catalog_dir = make_catalog(tmp_path / "cat")
    src = _write(tmp_path / "a.csv", PUBLISHED, "utf-8")
    report = import_opendata(src, "wifi", "999999", catalog_dir)
    assert not report.ok and "unknown city code" in report.problems[-1].message
    # Rows that say 笠間市 but are imported as 土浦市 contradict themselves: refused.
    report = import_opendata(src, "wifi", "082031", catalog_dir)
    assert not report.ok
    assert (catalog_dir / "wifi.csv").read_text(encoding="utf-8").count("\n") == 2


def test_import_facility_and_class_kinds(tmp_path):
    catalog_dir = make_catalog(tmp_path / "cat")
    fac = "ID,名称,名称_カナ,住所\r\nA1,試験町図書館,シケンチョウトショカン,笠間市試験町二丁目1\r\n"
    report = import_opendata(_write(tmp_path / "f.csv", fac, "cp932"), "facility", "082163", catalog_dir,
                             gazetteer_dir=GAZ)
    assert report.ok, [str(p) for p in report.problems]
    ev = "ID,イベント名,開始日,開始時間,終了時間\r\nE1,スマホ相談会,２０２６-１２-０１,10:00,11:30\r\n"
    report = import_opendata(_write(tmp_path / "e.csv", ev, "utf-8-sig"), "class", "082163", catalog_dir)
    assert report.ok, [str(p) for p in report.problems]
    catalog = load_catalog(catalog_dir)
    assert catalog.get("facility-082163-A1").coord_precision == "town"
    assert catalog.get("class-082163-E1").get("start_date") == "2026-12-01"


def test_cli_import_and_exit_codes(tmp_path):
    catalog_dir = make_catalog(tmp_path / "cat")
    src = _write(tmp_path / "a.csv", PUBLISHED, "cp932")
    cmd = [sys.executable, "-m", "finder", "import-opendata", str(src), "--kind", "wifi", "--city", "082163",
           "--out", str(catalog_dir), "--gazetteer", str(GAZ)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 added" in done.stdout and "cp932" in done.stdout
    table = read_table(catalog_dir / "wifi.csv", [])
    assert len(table.rows) == 3
    bad = _write(tmp_path / "b.csv", "名称\r\n\r\n", "utf-8")
    done = subprocess.run(cmd[:4] + [str(bad)] + cmd[5:], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "nothing was changed" in done.stdout


NO_IDS = (
    "名称,住所,緯度,経度\r\n"
    "試験町公民館,茨城県笠間市試験町二丁目3,36.35,140.31\r\n"
    "試験町体育館,茨城県笠間市試験町5,36.34,140.30\r\n"
    "試験町図書館,茨城県笠間市試験町7,36.34,140.30\r\n"
)


def test_ids_without_an_id_column_come_from_content_not_line_numbers(tmp_path):
    catalog_dir = make_catalog(tmp_path / "cat")
    first = import_opendata(_write(tmp_path / "a.csv", NO_IDS, "utf-8"), "wifi", "082163", catalog_dir)
    assert first.ok and first.added == 3, [str(p) for p in first.problems]
    ids = {it.title: it.id for it in load_catalog(catalog_dir).of_kind("wifi") if it.title.startswith("試験町")}
    assert all(i.startswith("wifi-082163-h") for i in ids.values())
    # The city deletes its first row: every other row keeps its ID (links and kiosk QR codes still work),
    # and the import names the row the new file no longer has.
    lines = NO_IDS.splitlines(keepends=True)
    second = import_opendata(_write(tmp_path / "b.csv", lines[0] + "".join(lines[2:]), "utf-8"), "wifi", "082163",
                             catalog_dir)
    assert second.ok and (second.added, second.updated) == (0, 2)
    assert (ids["試験町公民館"], "試験町公民館") in second.not_in_file
    assert not {i for i, _ in second.not_in_file} & {ids["試験町体育館"], ids["試験町図書館"]}
    after = {it.title: it.id for it in load_catalog(catalog_dir).of_kind("wifi") if it.title.startswith("試験町")}
    assert after == ids


def test_cli_import_names_rows_missing_from_the_new_file(tmp_path, capsys):
    from finder.cli import main

    catalog_dir = make_catalog(tmp_path / "cat")
    assert main(["import-opendata", str(_write(tmp_path / "a.csv", NO_IDS, "utf-8")), "--kind", "wifi",
                 "--city", "082163", "--out", str(catalog_dir), "--by", "tester"]) == 0
    lines = NO_IDS.splitlines(keepends=True)
    assert main(["import-opendata", str(_write(tmp_path / "b.csv", "".join(lines[:2]), "utf-8")), "--kind", "wifi",
                 "--city", "082163", "--out", str(catalog_dir)]) == 0
    out = capsys.readouterr().out
    assert "3 件はこのファイルにありません" in out and "試験町体育館" in out and "試験町図書館" in out
