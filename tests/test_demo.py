"""Staff demo (finder.resident.demo): scenarios.csv validation, stages, real results (page: tests/pages)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from finder.live.loader import DATA_DIR, load_catalog
from finder.resident import demo

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
    ("a,T,T,q,,certificate,s1;s2,,\na,T2,T2,q,,,s1,,\n", "id", "ID が重複しています: 'a' / duplicate id 'a'"),
    ("a,T,T,q,,bogus,s1,,\n", "kinds", "unknown value"),
    ("a,T,T,q,大阪市,,s1,,\n", "city", "municipalities.csv にない市です: '大阪市' / unknown city '大阪市' (not in municipalities.csv)"),
    ("a,T,T,q,,,s1;s2,e1,\n", "steps_en",
     "steps と数が違います (steps_en 1 個, steps 2 個) / step count differs from steps (steps_en 1, steps 2)"),
    ("a,T,T,,,,s1,,\n", "query", "required value is empty"),
    ("a,T,T,q,,,,,\n", "steps", "required value is empty"),
    ("a,<b>T</b>,T,q,,,s1,,\n", "title", "HTML markup"),
    ("a,T,T,q,,," + ";".join(f"s{i}" for i in range(9)) + ",,\n", "steps", "手順が多すぎます (上限 8) / too many steps (limit 8)"),
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
    hits = demo.run_stage(real_catalog, scenario, "filtered")
    assert hits, f"{scenario.id}: no result for {scenario.query!r}"
    if scenario.kinds:
        assert {h.item.kind for h in hits} <= set(scenario.kinds)
    for stage in demo.STAGES:  # a projected demo shows real facts only
        assert not any(h.item.is_sample for h in demo.run_stage(real_catalog, scenario, stage, today=today))
    caption = scenario.steps[-1]
    top = demo.top_hit(hits, today, soonest_class=scenario.id == "next-class", caption=caption)
    assert top is not None and not top.item.is_sample
    # The last step opens a result that holds what its caption tells people to check.
    assert demo.holds(top.item, demo.step_facts(caption)), (scenario.id, top.item.id)
    if scenario.id == "next-class":
        from finder.resident.classes import has_ended

        assert top.item.kind == "class" and not has_ended(top.item, today)


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


def test_top_hit_opens_the_equally_relevant_hit_that_holds_the_step_facts():
    from finder.model import Item
    from finder.search import SearchHit

    def cert(i: str, score: float, **data: str) -> SearchHit:
        return SearchHit(Item(kind="certificate", id=i, title=i, title_kana="", title_en="", municipality="",
                              municipality_code="", data=data), score)

    known = {"hours_start": "06:30", "hours_end": "23:00", "requirements": "マイナンバーカード"}
    caption = "利用できる時間と必要なものを確かめます"
    assert [f for f, _ in demo.step_facts(caption)] == ["時間", "必要なもの"]
    hits = [cert("unknown", 96.6), cert("known", 96.6, **known), cert("other-kind", 80.0, **known)]
    assert demo.top_hit(hits, caption=caption).item.id == "known"
    # A less relevant hit never wins for holding the facts: the best answer stays, with its unknowns.
    assert demo.top_hit([hits[0], hits[2]], caption=caption).item.id == "unknown"
    assert demo.top_hit(hits).item.id == "unknown"


def test_a_step_cannot_point_at_facts_only_samples_hold(tmp_path):
    shutil.copy(DATA_DIR / "municipalities.csv", tmp_path / "municipalities.csv")
    header = (DATA_DIR / "classes.csv").read_text(encoding="utf-8").splitlines()[0]
    sample = [line for line in (DATA_DIR / "classes.csv").read_text(encoding="utf-8").splitlines()
              if ",yes," in line and "-sample-" in line][0]
    (tmp_path / "classes.csv").write_text(header + "\n" + sample + "\n", encoding="utf-8")
    problems, _ = demo.validate_scenarios(write(tmp_path, "a,T,T,スマホ,,class,結果から日にちを確かめます,,\n"))
    assert any(p.column == "steps" and "日にち" in p.message for p in problems if p.severity == "error")
