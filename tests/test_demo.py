"""Staff demo: scenarios.csv validation, stages, real results against data/, and the page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from finder import load_catalog
from finder.catalog.loader import DATA_DIR
from finder.services import demo

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,title,title_en,query,city,kinds,steps,steps_en,note\n"
REQUIRED_TITLES = {"コンビニで住民票を取る", "近くの無料Wi-Fiを探す", "転出届をオンラインで出す", "次のスマホ教室を探す"}


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    shutil.copy(DATA_DIR / "municipalities.csv", tmp_path / "municipalities.csv")
    path = tmp_path / "scenarios.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


# --- the file ----------------------------------------------------------------------------------------

def test_project_scenarios_are_valid_and_cover_the_four_courses():
    problems, scenarios = demo.validate_scenarios()
    assert [p for p in problems if p.severity == "error"] == []
    assert {s.title for s in scenarios} >= REQUIRED_TITLES
    for s in scenarios:
        assert s.steps and len(s.steps_en) == len(s.steps) and s.title_en


@pytest.mark.parametrize("row, column, message", [
    ("a,T,T,q,,certificate,s1;s2,,\na,T2,T2,q,,,s1,,\n", "id", "duplicate id"),
    ("a,T,T,q,,bogus,s1,,\n", "kinds", "unknown value"),
    ("a,T,T,q,大阪市,,s1,,\n", "city", "unknown city"),
    ("a,T,T,q,,,s1;s2,e1,\n", "steps_en", "step count differs"),
    ("a,T,T,,,,s1,,\n", "query", "required value is empty"),
    ("a,T,T,q,,,,,\n", "steps", "required value is empty"),
    ("a,<b>T</b>,T,q,,,s1,,\n", "title", "HTML markup"),
    ("a,T,T,q,,," + ";".join(f"s{i}" for i in range(9)) + ",,\n", "steps", "too many steps"),
])
def test_bad_rows_are_reported_with_row_and_column(tmp_path, row, column, message):
    problems, _ = demo.validate_scenarios(write(tmp_path, row))
    errors = [p for p in problems if p.severity == "error"]
    assert any(p.column == column and message in p.message and p.row >= 2 for p in errors), errors


def test_missing_column_and_missing_file(tmp_path):
    problems, scenarios = demo.validate_scenarios(write(tmp_path, "a,T\n", header="id,title\n"))
    assert {p.column for p in problems if p.severity == "error"} >= {"query", "steps"} and scenarios == []
    problems, _ = demo.validate_scenarios(tmp_path / "nothing.csv")
    assert problems and problems[0].severity == "error"
    with pytest.raises(demo.ScenarioError):
        demo.load_scenarios(write(tmp_path, "a,T,T,q,,bogus,s1,,\n"))


def test_city_by_name_or_code(tmp_path):
    _, scenarios = demo.validate_scenarios(write(tmp_path, "a,T,T,q,土浦市,,s1,,\nb,T,T,q,082163,,s1,,\n"))
    assert [s.city for s in scenarios] == ["土浦市", "082163"]


@pytest.mark.parametrize("step, n, stage", [(0, 3, "query"), (1, 3, "filtered"), (2, 3, "detail"),
                                            (0, 1, "detail"), (3, 5, "filtered"), (9, 3, "detail")])
def test_stage_for(step, n, stage):
    assert demo.stage_for(step, n) == stage


# --- real results against data/ ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_catalog():
    return load_catalog()


@pytest.mark.parametrize("scenario", demo.load_scenarios(), ids=lambda s: s.id)
def test_each_scenario_yields_real_results(real_catalog, scenario):
    today = dt.date(2026, 11, 23)
    hits = demo.run_scenario(real_catalog, scenario)
    assert hits, f"{scenario.id}: no result for {scenario.query!r}"
    if scenario.kinds:
        assert {h.item.kind for h in hits} <= set(scenario.kinds)
    top = demo.top_hit(hits, today, soonest_class=scenario.id == "next-class")
    assert top is not None
    if scenario.id == "next-class":  # the last step opens a class that has a date to come
        from finder.places.mapview import next_session

        assert next_session(top.item, today)[0] is not None


# --- the page ----------------------------------------------------------------------------------------

@pytest.fixture
def page(monkeypatch):
    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)  # the real data/
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    at = AppTest.from_file(str(ROOT / "pages" / "6_demo.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _cards(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith('<div class="dxf-card"')]


def test_page_lists_the_scenarios(page):
    labels = {b.label for b in page.button}
    assert labels >= REQUIRED_TITLES


@pytest.mark.parametrize("scenario", demo.load_scenarios(), ids=lambda s: s.id)
def test_page_runs_each_scenario_step_by_step_and_resets(page, scenario):
    page.button(key=f"demo_pick_{scenario.id}").click().run()
    assert page.header[0].value == scenario.title
    n = len(scenario.steps)
    for step in range(n):
        assert not page.exception
        assert f"手順 {step + 1} / {n}" in [s.value for s in page.subheader]
        assert scenario.steps[step] in "".join(m.value for m in page.markdown)
        assert page.text_input[0].value == scenario.query and page.text_input[0].disabled
        if demo.stage_for(step, n) == "detail":
            assert "いちばん上の結果" in [s.value for s in page.subheader]
        else:
            assert _cards(page), f"step {step + 1}: no result cards"
        if step < n - 1:
            page.button(key="demo_next").click().run()
    assert page.button(key="demo_next").disabled
    page.button(key="demo_restart").click().run()
    assert f"手順 1 / {n}" in [s.value for s in page.subheader]
    page.button(key="demo_list").click().run()
    assert "demo_sid" not in page.session_state


def test_page_city_override(page):
    page.button(key="demo_pick_conbini-juminhyo").click().run()
    page.selectbox(key="demo_city_conbini-juminhyo").set_value("082325").run()
    cards = _cards(page)
    assert cards and all("神栖市" in c for c in cards)


def test_top_hit_prefers_the_soonest_upcoming_class():
    from finder.model import Item
    from finder.search import SearchHit

    def cls(i: str, start: str = "") -> SearchHit:
        item = Item(kind="class", id=i, title=i, title_kana="", title_en="", municipality="", municipality_code="",
                    data={"start_date": start} if start else {})
        return SearchHit(item, 90.0)

    today = dt.date(2026, 11, 23)
    hits = [cls("undated"), cls("ended", "2020-01-01"), cls("later", "2027-03-01"), cls("sooner", "2026-12-01")]
    assert demo.top_hit(hits, today, soonest_class=True).item.id == "sooner"
    assert demo.top_hit(hits, today).item.id == "undated"
    assert demo.top_hit(hits[1:2], today).item.id == "ended"  # nothing better: still show something
    assert demo.top_hit([], today) is None


def test_page_in_english_says_what_matched_in_english(monkeypatch):
    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    at = AppTest.from_file(str(ROOT / "pages" / "6_demo.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    seen = []
    for scenario in demo.load_scenarios():
        at.button(key=f"demo_pick_{scenario.id}").click().run()
        for step in range(len(scenario.steps)):
            assert not at.exception
            seen += _cards(at)
            if step < len(scenario.steps) - 1:
                at.button(key="demo_next").click().run()
        at.button(key="demo_list").click().run()
    matched = [m for c in seen for m in re.findall(r'<div class="dxf-matched">(.*?)</div>', c)]
    assert matched and all(m.startswith("Matched: ") for m in matched)
    for label in ("一致", "名称:", "読み", "キーワード", "同義語", "種別", "地域", "ローマ字"):
        assert not any(label in m for m in matched), (label, [m for m in matched if label in m][:1])
