"""Your city on every page (ui.city): the home page's question and picker, ?city= on every page, a
municipality without curated data, the language switch and display settings in the URL, and Back."""

from __future__ import annotations

import pytest

from tests.pages.apptest import ok, page_text, run, unfold_filters

HOME = "pages/1_search.py"


def _labels(at, prefix: str) -> dict[str, str]:
    return {b.key: b.label for b in at.button if b.key and b.key.startswith(prefix)}


def test_home_page_asks_where_the_person_lives():
    at = ok(run(HOME))
    assert "お住まいの市区町村は？" in [s.value for s in at.subheader]
    assert "city" not in at.query_params
    at.button(key="cq_skip").click().run()
    assert "お住まいの市区町村は？" not in [s.value for s in at.subheader] and "city" not in at.query_params


def test_home_page_lists_items_once_the_question_is_answered():
    """The first screen is the question, not a list of every city's items under it (a first visit's cost)."""
    def cards(at):
        return [m.value for m in at.markdown if "dxf-card" in m.value]

    at = ok(run(HOME, filters=True))
    assert not cards(at) and "お住まいの市区町村は？" in [s.value for s in at.subheader]
    at.radio(key="w_kind").set_value("wifi").run()  # a kind chosen in the filters lists that kind at once
    assert cards(at) and all("dxf-kind-wifi" in c for c in cards(at))
    at = ok(run(HOME))
    at.button(key="cq_skip").click().run()
    assert len(cards(at)) == 10 and at.button(key="more")


def test_a_postal_code_picks_its_city():
    at = ok(run(HOME, filters=True))
    at.text_input(key="cq_q").set_value("300-0051").run()
    assert _labels(at, "cq_pick_") == {"cq_pick_082031": "土浦市 真鍋（茨城県）"}
    at.button(key="cq_pick_082031").click().run()
    ok(at)
    assert at.query_params["city"] == "082031"
    assert "お住まいの市区町村は？" not in [s.value for s in at.subheader]
    assert at.selectbox(key="w_city").value == "土浦市"  # the search is scoped to it
    cards = [m.value for m in at.markdown if "dxf-card" in m.value]
    assert cards and all("土浦市" in c for c in cards)


def test_a_reading_finds_a_city_without_curated_data():
    at = ok(run(HOME))
    at.text_input(key="cq_q").set_value("さっぽろ").run()
    labels = _labels(at, "cq_pick_")
    assert labels["cq_pick_011002"] == "札幌市（北海道）" and list(labels)[0] == "cq_pick_011002"
    at.button(key="cq_pick_011002").click().run()
    ok(at)
    assert at.query_params["city"] == "011002"
    text = page_text(at)
    assert "札幌市の手続きは、デジタル庁の「オンライン化状況一覧」" in text
    cards = [m.value for m in at.markdown if "dxf-card" in m.value]
    assert cards and all("札幌市" in c and ("国の情報" in c or "国の一覧" in c) for c in cards)
    at.text_input(key="w_q").set_value("住民票").run()
    first = next(m.value for m in at.markdown if "dxf-card" in m.value)
    assert "住民票の写し" in first and "札幌市" in first


def test_an_ambiguous_name_lists_every_municipality():
    at = ok(run(HOME))
    at.text_input(key="cq_q").set_value("府中").run()
    labels = list(_labels(at, "cq_pick_").values())
    assert labels[:3] == ["府中市（東京都）", "府中市（広島県）", "府中町（広島県）"]
    at.button(key="cq_pick_342084").click().run()
    assert at.query_params["city"] == "342084"


def test_a_ward_gives_its_city_with_a_note():
    at = ok(run(HOME))
    at.text_input(key="cq_q").set_value("札幌市中央区").run()
    at.button(key="cq_pick_011011").click().run()
    ok(at)
    assert at.query_params["city"] == "011002"
    assert any("札幌市中央区は札幌市の区です" in c.value for c in at.caption)
    at = ok(run(HOME, city="札幌市中央区"))  # the same from a link
    assert at.query_params["city"] == "011002" and any("札幌市の区です" in c.value for c in at.caption)


def test_nothing_found_says_so():
    at = ok(run(HOME))
    at.text_input(key="cq_q").set_value("ぬぬぬぬ").run()
    assert not _labels(at, "cq_pick_") and "見つかりません" in page_text(at)


PAGES_WITH_SELECT = [("pages/1_search.py", "w_city", "笠間市"), ("pages/2_detail.py", "d_city", "笠間市"),
                     ("pages/3_map.py", "map_city", "082163"), ("pages/4_conbini.py", "w_city_conbini", "笠間市"),
                     ("pages/7_classes.py", "w_city_classes", "笠間市"),
                     ("pages/8_life_events.py", "w_city_life", "笠間市")]


@pytest.mark.parametrize("page,key,value", PAGES_WITH_SELECT)
@pytest.mark.parametrize("given", ["082163", "笠間市", "笠間", "Kasama City"])
def test_city_param_on_every_page(page, key, value, given):
    at = ok(run(page, filters=True, city=given))
    assert at.query_params["city"] == "082163"
    assert at.selectbox(key=key).value == value


@pytest.mark.parametrize("page", ["pages/5_kiosk.py", "pages/6_demo.py", "pages/9_about_data.py", "app.py"])
def test_city_param_is_kept_on_pages_without_a_city_filter(page):
    at = ok(run(page, city="笠間"))
    assert at.query_params["city"] == "082163"


def test_the_choice_follows_the_person_to_other_pages():
    at = ok(run("app.py", city="082201"))
    for page, key in (("pages/4_conbini.py", "w_city_conbini"), ("pages/7_classes.py", "w_city_classes"),
                      ("pages/8_life_events.py", "w_city_life")):
        at.switch_page(page).run()
        ok(at)
        assert at.selectbox(key=key).value == "つくば市" and at.query_params["city"] == "082201"
    at.selectbox(key="w_city_life").set_value("神栖市").run()
    at.switch_page("pages/1_search.py").run()
    unfold_filters(at)
    assert at.selectbox(key="w_city").value == "神栖市" and at.query_params["city"] == "082325"


def test_conbini_page_of_a_city_without_curated_data_gives_the_next_steps():
    at = ok(run("pages/4_conbini.py", city="060-0001"))
    assert at.query_params["city"] == "011002"
    assert at.selectbox(key="w_city_conbini").value == "011002"
    text = page_text(at)
    assert "札幌市のコンビニ交付" in text and "札幌市で利用できるかは分かりません" in "".join(m.value for m in at.markdown)
    guide = next(m.value for m in at.markdown if "dxf-national-next" in m.value)
    assert "https://www.city.sapporo.jp/" in guide and "https://www.lg-waps.go.jp/01-04.html" in guide
    assert "くわしく見る: 住民票の写し" in [b.label for b in at.button]
    assert "今は利用できます" not in text


def test_detail_of_a_national_item_shows_the_next_steps():
    at = ok(run("pages/2_detail.py", item="nat-011002-juminhyo"))
    guide = next(m.value for m in at.markdown if "dxf-national-next" in m.value)
    assert "次にすること" in guide and "https://www.city.sapporo.jp/" in guide and "国の情報" in page_text(at) + guide


def test_map_centres_on_the_town_hall_of_a_city_without_places():
    at = ok(run("pages/3_map.py", city="011002"))
    assert any("市区町村役場の位置" in i.value for i in at.info)
    at = ok(run("pages/3_map.py", city="082031"))
    assert not any("市区町村役場の位置" in i.value for i in at.info)


def test_language_switch_on_the_page_and_settings_in_the_url():
    at = ok(run(HOME, city="082163"))
    at.button(key="hdr_lang").click().run()
    assert at.query_params["lang"] == "en" and "Where do you live?" not in page_text(at)
    assert at.button(key="hdr_lang").label == "日本語"
    at = ok(run(HOME, lang="en", large="1", contrast="1", furigana="1"))
    assert at.session_state["dxf_large_text"] and at.session_state["dxf_high_contrast"]
    assert {k: at.query_params[k] for k in ("lang", "large", "contrast", "furigana")} == \
        {"lang": "en", "large": "1", "contrast": "1", "furigana": "1"}
    at.sidebar.toggle(key="w_large_text").set_value(False).run()
    assert "large" not in at.query_params and at.query_params["contrast"] == "1"


def test_detail_back_link_returns_to_the_page_the_item_was_opened_from():
    at = ok(run("app.py", city="082163"))
    at.switch_page("pages/7_classes.py").run()
    at.button(key="open-class-kas-2").click().run()
    ok(at)
    back = [p for p in at.get("page_link") if "もどる" in p.proto.label]
    assert [p.proto.label for p in back] == ["スマホ教室にもどる"]
    assert "city=082163" in back[0].proto.query_string
    at = ok(run("app.py", item="class-kas-1"))  # a shared link to an item: back goes to the search
    at.switch_page("pages/2_detail.py").run()
    assert [p.proto.label for p in at.get("page_link") if "もどる" in p.proto.label] == ["検索にもどる"]


def test_kiosk_page_opened_from_the_menu_has_a_way_out():
    at = ok(run("pages/5_kiosk.py"))
    assert any("アプリにもどる" in p.proto.label for p in at.get("page_link")) or "アプリにもどる" in page_text(at)
    at = ok(run("pages/5_kiosk.py", kiosk="1"))
    assert "アプリにもどる" not in page_text(at) and not at.get("page_link")


def test_a_library_kiosk_starts_with_its_configured_city(monkeypatch):
    monkeypatch.setenv("DXFINDER_KIOSK_FACILITY", "fac-t-1")  # a hall in 笠間市
    at = ok(run(HOME, filters=True))
    assert at.query_params["city"] == "082163" and at.selectbox(key="w_city").value == "笠間市"
    assert "お住まいの市区町村は？" not in [s.value for s in at.subheader]
    at = ok(run(HOME, city="082031"))  # a link's city still wins
    assert at.query_params["city"] == "082031"


def test_the_headers_city_picker_is_drawn_only_while_open():
    """Closed, as every page opens, the header's popover sends no picker (ten elements fewer on each page
    load); opened, it offers the cities, and a pick sets the city and closes it."""
    at = ok(run("pages/4_conbini.py", city="082031"))
    assert not _labels(at, "cb_") and "cb_q" not in [w.key for w in at.text_input]
    at.session_state["cb_pop"] = True  # the resident taps 📍 土浦市
    at.run()
    assert "cb_q" in [w.key for w in at.text_input] and "cb_quick_082163" in _labels(at, "cb_quick_")
    at.button(key="cb_quick_082163").click().run()
    ok(at)
    assert at.query_params["city"] == "082163" and at.selectbox(key="w_city_conbini").value == "笠間市"
    assert not _labels(at, "cb_quick_")  # the popover, now named 笠間市, is closed
