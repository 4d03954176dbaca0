"""A status says only what its source says, with the date it was true; the services the plans name.

Validation: a planned row whose planned date has passed and a known status without status_as_of are
warnings; a bad or future status_as_of is an error; a demo scenario that tells people to check a fact no
row holds is an error. The real catalog keeps these rules and carries the digital services.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from finder.catalog.status import plan_dates, planned_date, status_is_stale
from finder.catalog.validate import validate_dir
from finder.cli import main
from finder.live.loader import DATA_DIR, load_catalog
from finder.resident.demo import validate_scenarios
from tests.catalog_factory import certificate_row, make_catalog, procedure_row, service_row

TODAY = dt.date(2026, 11, 29)


def _warnings(result, file: str) -> list:
    return [p for p in result.problems if p.severity == "warning" and p.file == file]


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- dates in plan text ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "due"), [
    ("計画では令和7年度に開始予定", dt.date(2026, 3, 31)),
    ("令和5年度 調査・検討、令和6年度 R7当初予算要求、令和7年度 運用開始", dt.date(2026, 3, 31)),
    ("令和元年度から", dt.date(2020, 3, 31)),
    ("2023年度に市民課窓口で可能にする", dt.date(2024, 3, 31)),
    ("令和5年4月 運用開始", dt.date(2023, 4, 30)),
    ("2025年4月〜6月30日に試行 (報道 2025-04-11)", dt.date(2025, 4, 30)),
    ("2027-02 開始予定", dt.date(2027, 2, 28)),
    ("時期の記載なし", None),
])
def test_planned_date_is_the_latest_date_the_text_names(text, due):
    assert planned_date(text) == due


def test_plan_dates_reads_fiscal_years_as_their_last_day():
    assert plan_dates("R7年度") == [dt.date(2026, 3, 31)]
    assert plan_dates("令和6年12月") == [dt.date(2024, 12, 31)]


def test_stale_after_two_years_by_default():
    assert status_is_stale("2023-04", TODAY)
    assert not status_is_stale("2025-04-11", TODAY)
    assert status_is_stale("2025-04", TODAY, max_years=1)
    assert status_is_stale("", TODAY)  # no date: cannot be shown as current


# --- validation rules ------------------------------------------------------------------------------

def test_planned_row_whose_date_has_passed_is_a_warning(tmp_path):
    row = procedure_row(online_status="planned", status_as_of="2023-04",
                        status_note="計画では令和7年度に開始予定")
    result = validate_dir(make_catalog(tmp_path, {"procedure": [row]}), today=TODAY)
    assert result.ok  # a warning, not an error: the catalog still loads
    warned = _warnings(result, "procedures.csv")
    assert [(p.row, p.column) for p in warned] == [(2, "online_status")]
    assert "2026-03-31" in warned[0].message and "planned" in warned[0].message


def test_planned_row_whose_date_is_ahead_or_unstated_is_fine(tmp_path):
    rows = [procedure_row(id="p-1", online_status="planned", status_as_of="2026-04",
                          status_note="計画では令和9年度に開始予定"),
            procedure_row(id="p-2", online_status="planned", status_as_of="2024-03",
                          status_note="方針では導入予定。時期の記載なし")]
    result = validate_dir(make_catalog(tmp_path, {"procedure": rows}), today=TODAY)
    assert result.ok and _warnings(result, "procedures.csv") == []


def test_planned_date_falls_back_to_note_without_status_note(tmp_path):
    row = service_row(status="planned", status_as_of="", note="計画: 令和5年度運用開始の予定")
    result = validate_dir(make_catalog(tmp_path, {"service": [row]}), today=TODAY)
    columns = sorted(p.column for p in _warnings(result, "services.csv"))
    assert columns == ["status", "status_as_of"]  # date passed, and no as-of date either


def test_known_status_without_as_of_is_a_warning(tmp_path):
    rows = {"procedure": [procedure_row(status_as_of="")],
            "certificate": [certificate_row(status_as_of="")],
            "service": [service_row(status_as_of="")]}
    result = validate_dir(make_catalog(tmp_path, rows), today=TODAY)
    assert result.ok
    for file in ("procedures.csv", "certificates.csv", "services.csv"):
        warned = _warnings(result, file)
        assert [(p.row, p.column) for p in warned] == [(2, "status_as_of")], file
        assert "status_as_of" in warned[0].message


def test_unknown_status_needs_no_as_of_and_a_dated_status_is_quiet(tmp_path):
    unknown = procedure_row(id="p-u", online_status="unknown", store_status="unknown", counter_status="unknown",
                            mail_status="unknown", status_as_of="")
    dated = procedure_row(id="p-d", status_as_of="2023-02-06")
    result = validate_dir(make_catalog(tmp_path, {"procedure": [unknown, dated],
                                                  "certificate": [certificate_row(status_as_of="2023-04")],
                                                  "service": [service_row(status="unknown", status_as_of="")]}),
                          today=TODAY)
    assert result.ok and [p for p in result.problems if p.severity == "warning"] == []


@pytest.mark.parametrize(("value", "words"), [("2023/04", "bad year-month"), ("2023-13", "bad year-month"),
                                              ("令和5年4月", "bad year-month"), ("2027-01", "in the future")])
def test_bad_or_future_as_of_is_an_error(tmp_path, value, words):
    result = validate_dir(make_catalog(tmp_path, {"procedure": [procedure_row(status_as_of=value)]}), today=TODAY)
    assert not result.ok
    assert [(p.file, p.row, p.column) for p in result.errors] == [("procedures.csv", 2, "status_as_of")]
    assert words in result.errors[0].message


def test_catalog_without_the_column_loads_quietly(tmp_path):
    make_catalog(tmp_path, {"procedure": [procedure_row()]})
    path = tmp_path / "procedures.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = [h for h in rows[0] if h not in ("status_as_of", "status_note", "counter_level")]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = validate_dir(tmp_path, today=TODAY)
    assert result.ok and _warnings(result, "procedures.csv") == []


def test_counter_level_is_checked(tmp_path):
    result = validate_dir(make_catalog(tmp_path, {"procedure": [procedure_row(counter_level="国")]}), today=TODAY)
    assert [(p.column, "unknown value" in p.message) for p in result.errors] == [("counter_level", True)]


# --- demo scenarios only point at facts the catalog holds -----------------------------------------

SCENARIO_HEADER = "id,title,title_en,query,city,kinds,steps,steps_en,note\n"


def test_scenario_pointing_at_an_empty_field_is_a_problem(tmp_path, capsys):
    root = make_catalog(tmp_path)  # the wifi row has no SSID, the certificate row no fee
    (root / "scenarios.csv").write_text(
        SCENARIO_HEADER
        + "w,Wi-Fi,Wi-Fi,Wi-Fi,,wifi,検索します;SSIDを確かめます,Search;Check the SSID,\n"
        + "c,証明書,Cert,住民票,,certificate,検索します;手数料を確かめます,Search;Check the fee,\n"
        + "a,住所,Address,Wi-Fi,,wifi,検索します;住所を確かめます,Search;Check the address,\n",
        encoding="utf-8")
    problems, scenarios = validate_scenarios(root / "scenarios.csv")
    found = [(p.row, p.column, p.severity) for p in problems]
    assert found == [(2, "steps", "error"), (3, "steps", "error")]
    assert "SSID" in problems[0].message and "手数料" in problems[1].message
    assert [s.id for s in scenarios] == ["a"]  # the address is held: that scenario stays
    assert main(["validate", str(root)]) == 1
    assert "scenarios.csv:2:steps" in capsys.readouterr().out


def test_scenario_fact_must_be_held_in_the_scenario_city(tmp_path):
    root = make_catalog(tmp_path)  # the one Wi-Fi site (with an address) is in 笠間市
    (root / "scenarios.csv").write_text(
        SCENARIO_HEADER
        + "k,笠間,Kasama,Wi-Fi,笠間市,wifi,住所を確かめます,,\n"
        + "t,土浦,Tsuchiura,Wi-Fi,082031,wifi,住所を確かめます,,\n",
        encoding="utf-8")
    problems, scenarios = validate_scenarios(root / "scenarios.csv")
    assert [(p.row, p.column) for p in problems] == [(3, "steps")]
    assert [s.id for s in scenarios] == ["k"]


def test_project_scenarios_point_only_at_held_facts():
    problems, scenarios = validate_scenarios(DATA_DIR / "scenarios.csv")
    assert [p for p in problems if p.severity == "error"] == [] and len(scenarios) >= 4
    text = " ".join(s for sc in scenarios for s in sc.steps)
    assert "SSID" not in text and "手数料" not in text


# --- the service kind ------------------------------------------------------------------------------

def test_service_kind_loads_and_is_searchable_by_name(tmp_path):
    catalog = load_catalog(make_catalog(tmp_path))
    svc = catalog.get("svc-t-1")
    assert svc.kind == "service" and svc.get("service_type") == "chatbot" and svc.get("status_as_of") == "2023-03"
    hits = catalog.search("チャットボット")
    assert hits and hits[0].item.id == "svc-t-1"
    assert [h.item.id for h in catalog.search("チャットボット", kinds={"service"})] == ["svc-t-1"]
    assert all(h.item.kind != "service" for h in catalog.search("チャットボット", kinds={"procedure"}))


@pytest.fixture(scope="module")
def real_catalog():
    return load_catalog(DATA_DIR)


@pytest.mark.parametrize(("query", "city", "want"), [
    ("すくすくアプリ", None, "svc-082201-sukusuku-app"),
    ("チャットボット", "笠間市", "svc-082163-chatbot"),
    ("デマンドタクシー", None, "svc-082325-demand-taxi"),
    ("外国人相談窓口", None, "svc-082201-gaikokujin-soudan"),
    ("公金受取口座", "土浦市", "svc-082031-mynumber-soudan"),
    ("窓口キャッシュレス", "笠間市", "svc-082163-madoguchi-cashless"),
    ("YouTube", "潟上市", "svc-052116-sns"),
])
def test_real_services_are_found_by_name(real_catalog, query, city, want):
    hits = real_catalog.search(query, municipality=city, limit=3)
    assert want in [h.item.id for h in hits], [h.item.id for h in hits]


def test_services_the_plans_name_are_in_the_catalog():
    ids = {r["id"] for r in _rows("services.csv")}
    named = {
        "082163": ["madoguchi-cashless", "kominkan-online-kouza", "line", "chatbot"],
        "082201": ["madoguchi-shien", "sukusuku-app", "gaikokujin-soudan", "mynumber-shuccho"],
        "082325": ["demand-taxi", "mynumber-support"],
        "082031": ["mynumber-soudan"],
        "052116": ["sns", "mynumber-shutoku", "yobousesshu-digital"],
    }
    missing = [f"svc-{code}-{key}" for code, keys in named.items() for key in keys
               if f"svc-{code}-{key}" not in ids]
    assert missing == []
    # 笠間市's 相談予約, 集団健(検)診 Web予約 and オンライン相談 are procedures already (in life events).
    procs = {r["id"] for r in _rows("procedures.csv")}
    assert {"proc-082163-kosodate-soudan-yoyaku", "proc-082163-kenko-kenshin-yoyaku",
            "proc-082163-kosodate-online-soudan"} <= procs


# --- the real data keeps the rules -----------------------------------------------------------------

def test_real_catalog_has_no_status_warnings():
    result = validate_dir(DATA_DIR, today=TODAY)
    assert result.ok
    assert [str(p) for p in result.problems if p.severity == "warning"] == []


def test_every_known_status_has_its_date():
    for name, keys in (("procedures.csv", ("online_status", "store_status", "counter_status", "mail_status")),
                       ("certificates.csv", ("status",)), ("services.csv", ("status",))):
        for r in _rows(name):
            if any(r[k] != "unknown" for k in keys):
                assert r["status_as_of"], r["id"]


def test_tsukuba_national_procedures_are_not_planned():
    rows = [r for r in _rows("procedures.csv") if r["municipality_code"] == "082201"
            and r["procedure_key"].startswith(("kosodate-", "kaigo-"))]
    assert len(rows) == 26
    assert {r["online_status"] for r in rows} == {"unknown"}
    # The note says what the policy says, in words; the line it comes from is cited in the source.
    assert all("推進方針" in r["status_note"] and "確認できていない" in r["status_note"] and "L561" in r["source"]
               for r in rows)


def test_katagami_passed_plans_are_unknown_with_the_plan_date():
    rows = [r for r in _rows("procedures.csv") if r["municipality_code"] == "052116" and r["status_note"]]
    assert len(rows) == 14
    assert all(r["online_status"] == "unknown" and "計画では令和" in r["status_note"] for r in rows)
    assert not any(r["online_status"] == "planned" for r in _rows("procedures.csv"))


def test_kamisu_vaccine_booking_is_history_not_a_live_fact():
    row = next(r for r in _rows("procedures.csv") if r["id"] == "proc-082325-kenko-corona-vaccine-yoyaku")
    assert row["online_status"] == "unknown" and "2023年4月" in row["status_note"]
    chart6 = [r for r in _rows("procedures.csv") if r["municipality_code"] == "082325" and "図表6" in r["source"]
              and r["online_status"] == "available"]
    assert chart6 and {r["status_as_of"] for r in chart6} == {"2023-04"}


def test_counter_from_the_national_list_alone_is_national():
    rows = _rows("procedures.csv")
    from_list = [r for r in rows if "窓口: 市区町村の窓口手続 (国の一覧)" in r["note"] and r["counter_status"] == "available"]
    assert len(from_list) == 134
    city = [r["id"] for r in from_list if r["counter_level"] == "city"]
    assert city == ["proc-082325-kosodate-jidouteate-shoumetsu"]  # the city page names its counter
    for r in rows:
        assert bool(r["counter_level"]) == (r["counter_status"] != "unknown"), r["id"]
