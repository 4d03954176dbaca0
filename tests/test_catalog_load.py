import pytest

from finder.live.catalog import CatalogError
from finder.live.loader import DATA_DIR, load_catalog
from finder.model import KINDS
from tests.catalog_factory import class_row, make_catalog, wifi_row


def test_fixture_catalog_loads_every_kind(tmp_path):
    catalog = load_catalog(make_catalog(tmp_path))
    assert {it.kind for it in catalog.items} == set(KINDS)
    for it in catalog.items:
        assert it.id and it.title and it.municipality and len(it.municipality_code) == 6
        assert it.source and it.checked


def test_item_fields_are_mapped(tmp_path):
    catalog = load_catalog(make_catalog(tmp_path))
    wifi = catalog.get("wifi-t-1")
    assert wifi.kind == "wifi" and wifi.title == "試験公園" and wifi.title_kana == "シケンコウエン"
    assert wifi.title_en == "Test Park" and wifi.municipality == "笠間市" and wifi.municipality_code == "082163"
    assert wifi.lat == pytest.approx(36.34) and wifi.coord_precision == "exact"
    klass = catalog.get("class-t-1")
    assert klass.is_sample and klass.get("start_time") == "10:00"


def test_municipality_lookup_by_name_code_and_short_name(tmp_path):
    catalog = load_catalog(make_catalog(tmp_path))
    assert catalog.municipality("082031").name == "土浦市"
    assert catalog.municipality("土浦市").code == "082031"
    assert catalog.municipality("土浦").code == "082031"
    assert catalog.municipality("Kasama City").code == "082163"
    assert catalog.municipality("どこにもない市") is None
    # outside the curated five: the national table (any code, name or postal code; a ward gives its city)
    assert catalog.municipality("大阪市").code == "271004"
    assert catalog.municipality("大阪市北区").code == "271004"
    assert load_catalog(make_catalog(tmp_path), national_layer=False).municipality("大阪市") is None
    assert [it.id for it in catalog.of_kind("wifi", "笠間市")] == ["wifi-t-1"]
    assert catalog.of_kind("wifi", "土浦市") == []


def test_load_refuses_a_broken_catalog_and_names_the_place(tmp_path):
    make_catalog(tmp_path, {"wifi": [wifi_row(), wifi_row(ID="wifi-t-2", 緯度="140.30", 経度="36.34")]})
    with pytest.raises(CatalogError) as err:
        load_catalog(tmp_path)
    assert "wifi.csv:3:緯度" in str(err.value)
    assert any(p.file == "wifi.csv" and p.row == 3 for p in err.value.problems)


def test_duplicate_ids_across_files_are_errors(tmp_path):
    make_catalog(tmp_path, {"wifi": [wifi_row(ID="dup-1")], "class": [class_row(ID="dup-1")]})
    with pytest.raises(CatalogError, match="duplicate id"):
        load_catalog(tmp_path)


def test_real_catalog_loads():
    catalog = load_catalog(DATA_DIR)
    assert len(catalog.items) > 100
    codes = {m.code for m in catalog.municipalities}
    curated = {"082031", "052116", "082163", "082201", "082325"}
    assert curated <= codes
    # the others came with 東京都's Wi-Fi list (scripts/derive_online_status.py --wifi): Wi-Fi rows only
    assert {m.prefecture for m in catalog.municipalities if m.code not in curated} == {"東京都"}
    assert {it.kind for it in catalog.items if it.municipality_code not in curated} == {"wifi"}
    assert {it.kind for it in catalog.items} == set(KINDS)
    for it in catalog.items:
        assert it.municipality_code in codes and it.source and it.checked


def test_template_syntax_in_catalog_text_is_refused(tmp_path):
    # folium re-renders its HTML through Jinja: "{{ 7*7 }}" in a name would run on the server.
    make_catalog(tmp_path, {"wifi": [wifi_row(名称="公園 {{ 7*7 }}")]})
    with pytest.raises(CatalogError, match="wifi.csv:2:名称: テンプレート記法"):
        load_catalog(tmp_path)


def test_broken_demo_scenarios_do_not_block_the_catalog(tmp_path, capsys):
    from finder.cli import main

    make_catalog(tmp_path)
    (tmp_path / "scenarios.csv").write_text("id,title\nx,\n", encoding="utf-8")
    assert load_catalog(tmp_path).items
    assert main(["validate", str(tmp_path)]) == 1
    assert "scenarios.csv" in capsys.readouterr().out


def test_one_file_per_kind_in_the_order_of_kinds():
    from finder.catalog.schema import ITEM_SPECS

    assert tuple(s.kind for s in ITEM_SPECS) == KINDS
