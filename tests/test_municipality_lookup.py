"""Every municipality in Japan: the national table, "find your city" in every script, postal codes, wards,
the town table and an import for a city outside the curated five."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from finder.catalog.csvio import read_table
from finder.catalog.opendata import import_opendata
from finder.cli import main
from finder.municipalities import find_municipalities, load_table, resolve_city
from finder.municipalities.codes import is_valid_code
from finder.municipalities.gazetteer import load_towns
from finder.municipalities.postal import lookup_postal
from finder.municipalities.table import MUNICIPALITIES_CSV, TOWNS_CSV_GZ
from tests.catalog_factory import make_catalog

EVAL = Path(__file__).parent / "municipality_eval.csv"
ROOT = Path(__file__).resolve().parent.parent


def codes(query: str, limit: int = 10) -> list[str]:
    return [m.code for m in find_municipalities(query, limit=limit)]


# --- the table -----------------------------------------------------------------------------------------

def test_every_code_has_a_valid_check_digit_and_is_unique():
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    bad = [r["code"] for r in rows if not is_valid_code(r["code"])]
    assert not bad
    assert len({r["code"] for r in rows}) == len(rows) == 1912


def test_counts_and_kinds():
    table = load_table()
    municipalities = [m for m in table.rows if not m.parent_code]
    assert len(municipalities) == 1741
    assert Counter(m.kind for m in municipalities) == {"市": 792, "町": 743, "村": 183, "区": 23}
    assert sum(m.designated for m in table.rows) == 20
    assert len(table.rows) - len(municipalities) == 171  # 175 wards, 浜松 7 -> 3


def test_every_ward_points_to_a_designated_city_of_its_prefecture():
    table = load_table()
    for m in table.rows:
        if m.parent_code:
            parent = table.get(m.parent_code)
            assert parent is not None and parent.designated and parent.prefecture == m.prefecture
            assert m.name == parent.name + m.ward and m.name_kana == parent.name_kana + m.ward_kana


def test_hamamatsu_has_its_2024_wards_only():
    table = load_table()
    wards = {m.code: (m.name, m.ward_kana) for m in table.wards_of("221309")}
    assert wards == {"221384": ("浜松市中央区", "ちゅうおうく"), "221392": ("浜松市浜名区", "はまなく"),
                     "221406": ("浜松市天竜区", "てんりゅうく")}
    assert all(table.get(c) is None for c in ("221317", "221325", "221333", "221341", "221350", "221368", "221376"))


def test_curated_cities_agree_with_the_national_table():
    table = read_table(ROOT / "data" / "municipalities.csv", [])
    national = load_table()
    for row in table.rows:
        m = national.get(row["code"])
        assert m is not None and (m.name, m.prefecture, m.name_kana) == (row["name"], row["prefecture"],
                                                                         row["name_kana"])


@pytest.mark.parametrize("code,kana,romaji", [("282278", "しそうし", "shiso-shi"),
                                              ("053619", "ごじょうめまち", "gojome-machi"),
                                              ("016314", "おとふけちょう", "otofuke-cho"),
                                              ("011011", "さっぽろしちゅうおうく", "sapporo-shi chuo-ku")])
def test_rare_readings_come_from_the_table(code, kana, romaji):
    m = load_table().get(code)
    assert (m.name_kana, m.name_romaji) == (kana, romaji)


# --- look-up -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["土浦市", "土浦", "つちうら", "ツチウラ", "ﾂﾁｳﾗ", "tsuchiura", "tutiura",
                                   "Tsuchiura-shi", "茨城県 土浦", "茨城 土浦", "茨城県土浦市", "ibaraki tsuchiura",
                                   "08203", "082031", "０８２０３１", "300-0051", "3000051", "〒３００－００５１"])
def test_every_style_finds_tsuchiura_first(query):
    assert codes(query)[0] == "082031"


@pytest.mark.parametrize("query,code", [("宍粟", "282278"), ("しそう", "282278"), ("shiso", "282278"),
                                        ("五城目", "053619"), ("ごじょうめ", "053619"), ("gojome", "053619"),
                                        ("音更", "016314"), ("おとふけ", "016314"), ("otofuke", "016314"),
                                        ("sapporo", "011002"), ("hamamatsu", "221309"), ("南アルプス", "192082"),
                                        ("oosaka", "271004"), ("竜ヶ崎", "082082")])
def test_rare_readings_romaji_and_partial_names(query, code):
    assert codes(query)[0] == code


@pytest.mark.parametrize("query,expected", [
    ("府中", {"132063", "342084", "343021"}),
    ("伊達", {"012335", "072133"}),
    ("さくら", {"092142", "122122"}),
    ("fuchu", {"132063", "342084", "343021"}),
])
def test_ambiguous_names_list_every_match_with_its_prefecture(query, expected):
    matches = find_municipalities(query)
    top = matches[:len(expected)]
    assert {m.code for m in top} == expected
    assert len({m.prefecture for m in top}) >= 2 and all(m.how.startswith("exact") for m in top)


def test_prefecture_narrows_an_ambiguous_name():
    assert codes("北海道 伊達")[0] == "012335"
    assert codes("福島 伊達市")[0] == "072133"
    assert codes("広島県 府中市")[0] == "342084"
    assert codes("千葉 さくら")[0] == "122122"


def test_a_bare_city_name_lists_the_city_before_its_wards():
    found = find_municipalities("札幌")
    assert found[0].code == "011002" and not found[0].parent_code
    assert all(m.parent_code == "011002" for m in found[1:])


@pytest.mark.parametrize("query", ["札幌市中央区", "札幌 中央区", "ちゅうおうく 札幌", "さっぽろしちゅうおうく",
                                   "sapporo chuo", "011011"])
def test_a_ward_resolves_to_its_city(query):
    m = find_municipalities(query)[0]
    assert (m.code, m.parent_code, m.city, m.city_code) == ("011011", "011002", "札幌市", "011002")
    assert resolve_city(m.code) == "011002" and resolve_city("082031") == "082031"


def test_a_ward_name_alone_prefers_the_tokyo_municipality_then_lists_wards():
    found = find_municipalities("中央区")
    assert found[0].code == "131024" and not found[0].parent_code
    assert {m.city for m in found[1:4]} <= {"札幌市", "さいたま市", "千葉市", "相模原市", "新潟市", "浜松市", "大阪市",
                                             "神戸市", "岡山市", "熊本市"}


def test_postal_code_gives_the_municipality_and_its_town():
    m = find_municipalities("300-0051")[0]
    assert (m.code, m.name, m.town, m.postal_code, m.how) == ("082031", "土浦市", "真鍋", "3000051", "postal code")
    ward = lookup_postal("060-0001")[0]
    assert (ward.code, ward.town) == ("011011", "北一条西") and resolve_city(ward.code) == "011002"
    assert lookup_postal("999-9999") == [] and lookup_postal("12345") == []


@pytest.mark.parametrize("query", ["", "   ", "市", "xyzzyq", "999999", "12345678", None, 12.5])
def test_nonsense_finds_nothing_and_never_raises(query):
    assert find_municipalities(query) == []


def test_recall_at_3_by_style_on_the_evaluation_set():
    with EVAL.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for r in rows:
        total[r["style"]] += 1
        hits[r["style"]] += r["expected_code"] in codes(r["query"], limit=3)
    print("\nrecall@3 by style:")
    for style in total:
        print(f"  {style:10} {hits[style] / total[style]:.3f} ({hits[style]}/{total[style]})")
    assert len(rows) >= 100 and len(total) == 8
    assert all(hits[s] / total[s] >= 0.95 for s in total), {s: hits[s] / total[s] for s in total}


# --- CLI -----------------------------------------------------------------------------------------------

def test_cli_json(capsys):
    assert main(["municipality", "府中", "--json", "--limit", "5"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"132063", "342084", "343021"} <= {d["code"] for d in data}
    assert all({"code", "name", "prefecture", "name_kana"} <= d.keys() and len(d["code"]) == 6 for d in data)


def test_cli_text_and_exit_code(capsys):
    assert main(["municipality", "300-0051"]) == 0
    out = capsys.readouterr().out
    assert "082031" in out and "茨城県" in out and "土浦市 (つちうらし)" in out and "真鍋" in out
    assert main(["municipality", "xyzzyq"]) == 1
    assert "no municipality matches" in capsys.readouterr().err


# --- towns and import for any city ---------------------------------------------------------------------

def test_town_table_is_compact_and_covers_the_country():
    assert TOWNS_CSV_GZ.stat().st_size < 3_000_000
    with gzip.open(TOWNS_CSV_GZ, "rt", encoding="utf-8") as f:
        header = f.readline().strip()
        n = sum(1 for _ in f)
    assert header == "code,town,lat,lon" and n > 180_000
    towns = load_towns()
    assert towns.locate("082031", "茨城県土浦市真鍋1丁目").town == "真鍋一丁目"
    assert towns.locate("011002", "札幌市中央区北1条西2丁目").town == "北一条西二丁目"
    assert towns.locate("伊達市", "梅本町") is None  # two 伊達市: a name alone is not enough
    assert towns.locate("北海道伊達市", "梅本町57-1").town == "梅本町"


FUCHU_WIFI = ("名称,住所,SSID,緯度,経度\r\n"
              "府中市役所,東京都府中市宮西町2-24,FUCHU_FREE,,\r\n"
              "府中の森公園,府中市浅間町1丁目,FUCHU_FREE,35.6760,139.4960\r\n")


def test_import_for_a_city_outside_the_five_fills_coordinates_from_the_town_table(tmp_path):
    catalog_dir = make_catalog(tmp_path / "cat")
    src = tmp_path / "fuchu.csv"
    src.write_text(FUCHU_WIFI, encoding="utf-8")
    report = import_opendata(src, "wifi", "132063", catalog_dir)
    assert report.ok, [str(p) for p in report.problems]
    assert (report.added, report.filled_from_gazetteer) == (2, 1)
    cities = {r["code"]: r for r in read_table(catalog_dir / "municipalities.csv", []).rows}
    assert cities["132063"]["name"] == "府中市" and cities["132063"]["prefecture"] == "東京都"
    rows = {r["名称"]: r for r in read_table(catalog_dir / "wifi.csv", []).rows}
    hall = rows["府中市役所"]
    assert hall["ID"].startswith("wifi-132063-")
    assert hall["座標精度"] == "town" and hall["地方公共団体名"] == "府中市"
    assert abs(float(hall["緯度"]) - 35.6698) < 0.01 and abs(float(hall["経度"]) - 139.4776) < 0.01
