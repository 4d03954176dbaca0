"""A link's ?city= that several municipalities share (府中) asks which one, never picks one silently."""

from __future__ import annotations

import pytest

from finder.live.loader import load_catalog
from finder.resident.city_link import read_city_link
from tests.pages.apptest import APP_CATALOG, ok, page_text, run

HOME = "pages/1_search.py"


def _picks(at) -> dict[str, str]:
    return {b.key: b.label for b in at.button if b.key and b.key.startswith("ca_pick_")}


def test_a_shared_name_in_a_link_is_not_chosen_but_listed():
    link = read_city_link(load_catalog(APP_CATALOG), "府中")
    assert link.choice is None and link.ambiguous
    assert [(m.name, m.prefecture) for m in link.candidates] == [
        ("府中市", "東京都"), ("府中市", "広島県"), ("府中町", "広島県")]
    for one in ("笠間", "082163", "札幌市中央区", "300-0051", "132063"):
        assert read_city_link(load_catalog(APP_CATALOG), one).choice is not None, one


@pytest.mark.parametrize("page", [HOME, "pages/4_conbini.py", "pages/7_classes.py"])
def test_a_link_with_a_shared_name_asks_with_prefectures(page):
    at = ok(run(page, city="府中"))
    assert list(_picks(at).values()) == ["府中市（東京都）", "府中市（広島県）", "府中町（広島県）"]
    assert "「府中」という名前の市区町村はいくつかあります" in page_text(at)
    assert "府中市の情報" not in page_text(at)  # nothing shown as if 東京都府中市 were chosen
    at.button(key="ca_pick_342084").click().run()
    ok(at)
    assert at.query_params["city"] == "342084" and not _picks(at)


def test_the_home_page_asks_once_and_in_english_too():
    at = ok(run(HOME, city="府中", lang="en"))
    assert "お住まいの市区町村は？" not in [s.value for s in at.subheader]
    assert "Several municipalities are called “府中”" in page_text(at)
    assert list(_picks(at).values())[0] == "Fuchu City, Tokyo"


def test_life_events_without_a_city_ask_for_it_first():
    at = ok(run("pages/8_life_events.py"))
    assert "お住まいの市区町村は？" in [s.value for s in at.subheader]
    assert not [m for m in at.markdown if "dxf-card" in m.value]  # no other city's steps meanwhile
    assert "土浦市" not in "".join(m.value for m in at.markdown)
    at.text_input(key="cf_q").set_value("土浦").run()
    at.button(key="cf_pick_082031").click().run()
    ok(at)
    assert at.query_params["city"] == "082031" and at.selectbox(key="w_city_life").value == "土浦市"
    assert "転出届" in "".join(m.value for m in at.markdown if "dxf-card" in m.value)


def test_life_events_for_every_municipality_still_ask_for_one():
    at = ok(run("app.py"))
    at.button(key="cq_skip").click().run()
    at.switch_page("pages/8_life_events.py").run()
    ok(at)
    assert "お住まいの市区町村は？" in [s.value for s in at.subheader]
    assert not [m for m in at.markdown if "dxf-card" in m.value]
