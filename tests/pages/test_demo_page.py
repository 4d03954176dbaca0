"""pages/6_demo.py: the scenarios of data/scenarios.csv step by step on the real data, large type."""

from __future__ import annotations

import re
import shutil

import pytest

from finder.live.loader import DATA_DIR
from finder.resident import demo
from tests.pages.apptest import ok, run
from tests.test_demo import REQUIRED_TITLES


@pytest.fixture
def page(monkeypatch):
    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)  # the real data/
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    return ok(run("pages/6_demo.py"))


def _cards(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith('<div class="dxf-card"')]


def test_page_lists_the_scenarios(page):
    labels = {b.label for b in page.button}
    assert labels >= REQUIRED_TITLES
    assert any(".stApp h1 { font-size: 3rem" in h.proto.body for h in page.html)  # ui/css/demo.css


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


def test_page_in_english_says_what_matched_in_english(monkeypatch):
    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    at = ok(run("pages/6_demo.py", lang="en"))
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


def test_page_reads_scenarios_from_the_configured_data_directory(monkeypatch, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    text = (data / "scenarios.csv").read_text(encoding="utf-8")
    header, first = text.splitlines()[:2]
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(data))
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    from finder.resident import demo as demo_module

    assert demo_module.scenarios_path() == data / "scenarios.csv"
    (data / "scenarios.csv").write_text(header + "\n" + first + "\n", encoding="utf-8")  # only one scenario
    at = ok(run("pages/6_demo.py"))
    titles = {b.label for b in at.button} & REQUIRED_TITLES
    assert len(titles) == 1
