"""AppTest coverage of the resident pages, on the fixture catalog (tests/fixtures/app_catalog)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import finder.services.ics

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"
MY_PAGES = ["pages/1_search.py", "pages/2_detail.py", "pages/4_conbini.py", "pages/7_classes.py",
            "pages/8_life_events.py", "pages/9_about_data.py"]
TIMEOUT = 60


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("DXFINDER_NOW", "2026-12-01T10:00+09:00")  # a Tuesday


def run(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    at.query_params.update(params)
    return at.run()


def page_text(at: AppTest) -> str:
    parts = []
    for group in (at.title, at.header, at.subheader, at.markdown, at.caption, at.info, at.warning, at.error,
                  at.success):
        parts += [str(e.value) for e in group]
    parts += [t.value.to_string() for t in at.table]
    parts += [b.label for b in at.button]
    return "\n".join(parts)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


# --- every page -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["app.py", *MY_PAGES])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_renders(page, lang):
    at = ok(run(page, lang=lang))
    assert page_text(at).strip()
    assert at.sidebar.radio(key="w_lang").value == lang


def test_navigation_reaches_every_registered_page():
    at = ok(run("app.py"))
    for page in sorted((ROOT / "pages").glob("*.py")):
        at.switch_page(f"pages/{page.name}").run()
        ok(at)


def test_real_catalog_renders_every_page(monkeypatch):
    from finder import CatalogError, load_catalog

    monkeypatch.delenv("DXFINDER_DATA_DIR")
    try:
        load_catalog()
    except CatalogError:
        pytest.skip("data/ does not load yet (tests/test_catalog_load.py reports it)")
    for page in MY_PAGES:
        at = ok(run(page))
        assert not at.error, [e.value for e in at.error]


def test_real_catalog_detail_of_every_kind(monkeypatch):
    from finder import CatalogError, load_catalog

    monkeypatch.delenv("DXFINDER_DATA_DIR")
    try:
        catalog = load_catalog()
    except CatalogError:
        pytest.skip("data/ does not load yet (tests/test_catalog_load.py reports it)")
    at = AppTest.from_file(str(ROOT / "pages" / "2_detail.py"), default_timeout=TIMEOUT)
    for kind in ("procedure", "certificate", "wifi", "class", "facility"):
        for item in catalog.of_kind(kind)[:: max(1, len(catalog.of_kind(kind)) // 4)][:5]:
            for lang in ("ja", "en"):
                at.query_params = {"item": item.id, "lang": lang}
                at.session_state["dxf_lang"] = lang
                ok(at.run())
                text = page_text(at)
                assert (item.title if lang == "ja" else (item.title_en or item.title)) in text, item.id
                assert ("出典" if lang == "ja" else "Source") in text


# --- search → result → detail -----------------------------------------------------------------------

def test_search_result_detail_and_back():
    at = ok(run("pages/1_search.py"))
    at.text_input(key="w_q").input("住民票").run()
    ok(at)
    text = page_text(at)
    assert "住民票の写し" in text and "コンビニ交付" in text and "土浦市" in text
    assert at.query_params["q"] == "住民票"
    at.button(key="open-cert-tsu-juminhyo").click().run()
    ok(at)
    assert at.query_params["item"] == "cert-tsu-juminhyo"
    text = page_text(at)
    assert "今利用できます" in text and "200円" in text and "出典" in text and "確認日" in text
    at.button(key="back").click().run()
    ok(at)
    assert "item" not in at.query_params and at.query_params["q"] == "住民票"


def test_kind_badge_city_and_matched_on_cards():
    at = ok(run("pages/1_search.py", q="じゅうみんひょう"))
    cards = [m.value for m in at.markdown if "dxf-card" in m.value]
    assert cards and all("コンビニ交付" in c for c in cards)
    assert any("土浦市" in c for c in cards) and any("神栖市" in c for c in cards)
    assert all("dxf-matched" in c for c in cards)


@pytest.mark.parametrize("query", ["じゅうみんひょう", "笠間 wifi", "juminhyo", "スマホ"])
def test_english_cards_say_what_matched_in_english(query):
    at = ok(run("pages/1_search.py", q=query, lang="en"))
    cards = [m.value for m in at.markdown if "dxf-card" in m.value]
    matched = [m for c in cards for m in re.findall(r'<div class="dxf-matched">(.*?)</div>', c)]
    assert cards and len(matched) == len(cards) and all(m.startswith("Matched: ") for m in matched)
    for label in ("一致", "名称:", "読み", "英語:", "キーワード", "同義語", "種別", "地域", "ローマ字"):
        assert not any(label in m for m in matched), label
    if query == "笠間 wifi":
        assert all(m.endswith("area: Kasama City") for m in matched)


def test_no_results_gives_suggestions_not_a_blank_page():
    at = ok(run("pages/1_search.py", q="じゅうみんひょ", city="笠間市", kind="wifi"))
    text = page_text(at)
    assert "見つかりませんでした" in text
    assert "おすすめ" in text or "よく見られている" in text or "こちらの言葉" in text
    assert any(b.label for b in at.button)  # something to click
    at = ok(run("pages/1_search.py", q="zzzzqqq"))
    assert "見つかりませんでした" in page_text(at) and [m for m in at.markdown if "dxf-card" in m.value]


def test_suggestions_when_the_city_has_nothing():
    at = ok(run("pages/1_search.py", q="住民票", city="つくば市"))  # the fixture has nothing in つくば市
    text = page_text(at)
    assert "見つかりませんでした" in text and "ほかの市では見つかります" in text
    sugg = [b for b in at.button if b.key and b.key.startswith("sugg-")]
    assert sugg and "住民票" in sugg[0].label
    assert [m for m in at.markdown if "dxf-card" in m.value]  # suggested items, never blank
    sugg[0].click().run()
    ok(at)
    assert at.text_input(key="w_q").value == sugg[0].label
    at.button(key="other-city").click().run()
    ok(at)
    assert at.selectbox(key="w_city").value == "" and "city" not in at.query_params
    assert "住民票の写し" in page_text(at)


# --- filters ----------------------------------------------------------------------------------------

def test_kind_and_city_filters():
    at = ok(run("pages/1_search.py"))
    at.radio(key="w_kind").set_value("wifi").run()
    cards = [m.value for m in at.markdown if "dxf-card" in m.value]
    assert cards and all("dxf-kind-wifi" in c for c in cards)
    assert at.query_params["kind"] == "wifi"
    at.selectbox(key="w_city").set_value("土浦市").run()
    cards = [m.value for m in at.markdown if "dxf-card" in m.value]
    assert len(cards) == 1 and "土浦駅前広場" in cards[0]
    assert at.query_params["city"] == "土浦市"
    at.radio(key="w_kind").set_value("all").run()
    assert "kind" not in at.query_params


# --- query params round trip ------------------------------------------------------------------------

def test_query_params_restore_the_view():
    at = ok(run("app.py", q="じゅうみんひょう", city="土浦市"))
    assert at.text_input(key="w_q").value == "じゅうみんひょう"
    assert at.selectbox(key="w_city").value == "土浦市"
    cards = [m.value for m in at.markdown if "dxf-card" in m.value]
    assert cards and all("土浦市" in c for c in cards)
    assert at.query_params == {"q": "じゅうみんひょう", "city": "土浦市"}


def test_query_params_kind_item_and_short_city_name():
    at = ok(run("pages/1_search.py", q="住民票", city="土浦", kind="certificate", item="cert-tsu-koseki"))
    assert at.selectbox(key="w_city").value == "土浦市" and at.radio(key="w_kind").value == "certificate"
    assert "戸籍証明書" in page_text(at) and "平日のみ" in page_text(at)
    assert at.query_params["city"] == "土浦市"


def test_bad_query_params_are_ignored():
    at = ok(run("pages/1_search.py", kind="nope", city="大阪市", item="no-such-item"))
    assert at.radio(key="w_kind").value == "all" and at.selectbox(key="w_city").value == ""
    assert "見つかりませんでした" in page_text(at)  # item not found warning


def test_typing_updates_the_url():
    at = ok(run("pages/1_search.py", q="住民票"))
    at.text_input(key="w_q").input("Wi-Fi").run()
    assert at.query_params["q"] == "Wi-Fi"
    at.text_input(key="w_q").input("").run()
    assert "q" not in at.query_params


# --- language, furigana, large text -----------------------------------------------------------------

def test_language_switch_and_it_persists_across_pages():
    at = ok(run("app.py"))
    assert "DXサービスファインダー" in page_text(at)
    at.sidebar.radio(key="w_lang").set_value("en").run()
    ok(at)
    text = page_text(at)
    assert "DX Service Finder" in text and "Choose a city" in [s.label for s in at.selectbox][0]
    assert "Kasama City" in text and "笠間市" not in text  # city names follow the language
    assert at.query_params["lang"] == "en"  # a shared link opens in English
    at.switch_page("pages/4_conbini.py").run()
    ok(at)
    assert "Convenience-store certificates" in page_text(at)
    assert at.sidebar.radio(key="w_lang").value == "en"


def test_furigana_and_large_text():
    at = ok(run("pages/1_search.py", q="住民票"))
    assert not any("<ruby>" in m.value for m in at.markdown)
    at.sidebar.toggle(key="w_furigana").set_value(True).run()
    assert any("<ruby>住民票<rp>(</rp><rt>じゅうみんひょう</rt>" in m.value for m in at.markdown)
    styles = "".join(h.proto.body for h in at.html)
    assert "font-size: 125%" not in styles
    at.sidebar.toggle(key="w_large_text").set_value(True).run()
    assert "font-size: 125%" in "".join(h.proto.body for h in at.html)
    at.sidebar.toggle(key="w_high_contrast").set_value(True).run()
    assert "#0000b3" in "".join(h.proto.body for h in at.html)


def test_every_control_has_a_label():
    for page in MY_PAGES:
        at = ok(run(page, q="住民票"))
        for group in (at.text_input, at.selectbox, at.radio, at.toggle, at.button):
            for widget in group:
                assert widget.label.strip(), (page, widget)


# --- detail for every kind --------------------------------------------------------------------------

@pytest.mark.parametrize("item_id", ["proc-tsu-tenshutsu", "proc-tsu-tennyu", "proc-kas-tenshutsu", "cert-tsu-juminhyo",
                                     "cert-kas-juminhyo", "wifi-kas-1", "class-kas-1", "class-tsu-undated",
                                     "fac-t-1"])
def test_detail_renders_every_kind(item_id):
    at = ok(run("pages/2_detail.py", item=item_id))
    text = page_text(at)
    assert "出典" in text and "確認日" in text and ("市の情報" in text or "国の情報" in text)


def test_procedure_detail_channels_and_unknowns():
    at = ok(run("pages/2_detail.py", item="proc-tsu-tenshutsu"))
    text = page_text(at)
    for word in ("オンライン", "コンビニ", "窓口", "本庁舎1階", "8:30–17:15", "本人確認書類", "無料", "国の情報"):
        assert word in text, word
    assert [b.label for b in at.get("link_button")] == ["マイナポータルで申請する"]
    # Unknown facts: say so, with the section and the phone number.
    at = ok(run("pages/2_detail.py", item="proc-tsu-tennyu"))
    text = page_text(at)
    assert "不明" in text and "市にお問い合わせください（市民課" in text
    assert text.count("市にお問い合わせください") == 1  # said once, not under every fact
    at = ok(run("pages/2_detail.py", item="proc-kas-tenshutsu"))
    assert "0296-77-1101" in page_text(at)  # no section phone: the city's number from municipalities.csv


def test_certificate_detail_field_levels():
    text = page_text(ok(run("pages/2_detail.py", item="cert-tsu-koseki")))
    assert "09:00–17:00" in text and "市の情報" in text and "平日のみ" in text
    text = page_text(ok(run("pages/2_detail.py", item="cert-kas-juminhyo")))
    assert "不明" in text and "市にお問い合わせください" in text


def test_detail_picker_opens_an_item():
    at = ok(run("pages/2_detail.py"))
    at.selectbox(key="d_city").set_value("笠間市").run()
    at.selectbox(key="d_kind").set_value("wifi").run()
    at.selectbox(key="d_item").set_value("wifi-kas-1").run()
    ok(at)
    assert at.query_params["item"] == "wifi-kas-1" and "Kasama_Free_WiFi" in page_text(at)


def test_open_button_on_other_pages_goes_to_detail():
    at = ok(run("app.py"))
    at.switch_page("pages/7_classes.py").run()
    at.button(key="open-class-kas-1").click().run()
    ok(at)
    assert at.query_params.get("item") == "class-kas-1"
    assert "試験公民館" in page_text(at)
    # Standalone page (no st.navigation): the item opens on the same page.
    at = ok(run("pages/7_classes.py"))
    at.button(key="open-class-kas-1").click().run()
    ok(at)
    assert at.query_params.get("item") == "class-kas-1" and "閉じる" in page_text(at)


# --- コンビニ交付: "now" at fixed times ----------------------------------------------------------------

def conbini_rows(at: AppTest) -> dict[str, str]:
    table = at.table[0].value
    return {title: str(row.iloc[0]) for title, row in table.iterrows()}


@pytest.mark.parametrize("now, juminhyo, koseki", [
    ("2026-12-01T10:00+09:00", "今利用できます", "今利用できます"),
    ("2026-12-01T05:00+09:00", "利用時間外", "利用時間外"),
    ("2026-12-01T18:00+09:00", "今利用できます", "利用時間外"),
    ("2026-12-30T10:00+09:00", "年末年始休止", "年末年始休止"),
    ("2026-11-23T10:00+09:00", "今利用できます", "平日のみ"),   # 勤労感謝の日 (Monday)
    ("2026-12-05T10:00+09:00", "今利用できます", "平日のみ"),   # Saturday
])
def test_conbini_status_now(monkeypatch, now, juminhyo, koseki):
    monkeypatch.setenv("DXFINDER_NOW", now)
    at = ok(run("pages/4_conbini.py", city="土浦市"))
    rows = conbini_rows(at)
    assert juminhyo in rows["住民票の写し"] and koseki in rows["戸籍証明書"]
    assert now[:10] in page_text(at)


def test_conbini_unknown_is_said_not_computed(monkeypatch):
    monkeypatch.setenv("DXFINDER_NOW", "2026-12-30T10:00+09:00")
    at = ok(run("pages/4_conbini.py", city="笠間市"))
    row = at.table[0].value.iloc[0]
    assert "不明" in row.iloc[0] and "不明" in row.to_string()


def test_conbini_table_fees_and_comparison():
    at = ok(run("pages/4_conbini.py", city="土浦市"))
    table = at.table[0].value
    assert list(table.index) == ["住民票の写し", "戸籍証明書"]
    assert table.loc["住民票の写し"].tolist()[1:4] == ["200円", "300円", "100円"]
    assert "国の情報" in table.loc["住民票の写し"].iloc[4] and "市の情報" in table.loc["戸籍証明書"].iloc[4]
    compare = at.table[1].value
    assert list(compare.index) == ["土浦市", "潟上市", "笠間市", "つくば市", "神栖市"]
    assert "不明" in compare.loc["潟上市"].iloc[0]
    at.selectbox(key="w_city_conbini").set_value("神栖市").run()
    assert at.query_params["city"] == "神栖市"


# --- スマホ教室 ---------------------------------------------------------------------------------------

def test_classes_upcoming_in_date_order_past_hidden_undated_with_contact():
    at = ok(run("pages/7_classes.py"))
    text = page_text(at)
    assert text.index("2026-12-05") < text.index("2027-01-16")
    assert "終わった講座" not in text
    assert "スマホ相談会" in text and "029-000-0002" in text and "お問い合わせください" in text
    sample_cards = [m.value for m in at.markdown if "dxf-card" in m.value and "スマートフォン講座" in m.value]
    assert sample_cards and all("サンプル" in c for c in sample_cards)


def test_classes_filters_by_city_and_month():
    at = ok(run("pages/7_classes.py", month="2027-01"))
    text = page_text(at)
    assert "2027-01-16" in text and "2026-12-05" not in text
    at = ok(run("pages/7_classes.py", city="土浦市"))
    assert "スマートフォン講座" not in page_text(at) and "スマホ相談会" in page_text(at)


def test_classes_ics_download_content(monkeypatch):
    made: list[bytes] = []
    real = finder.services.ics.calendar_ics

    def spy(items, *args, **kwargs):
        data = real(items, *args, **kwargs)
        made.append(data)
        return data

    monkeypatch.setattr(finder.services.ics, "calendar_ics", spy)
    at = ok(run("pages/7_classes.py"))
    labels = [b.label for b in at.get("download_button")]
    assert "カレンダーに追加" in labels
    single = [d.decode() for d in made if d.decode().count("BEGIN:VEVENT") == 1]
    first = next(d for d in single if "class-kas-1" in d)
    assert "DTSTART;TZID=Asia/Tokyo:20261205T100000" in first and "DTEND;TZID=Asia/Tokyo:20261205T120000" in first
    assert "SUMMARY:【サンプル】スマートフォン講座" in first
    combined = [d.decode() for d in made if d.decode().count("BEGIN:VEVENT") == 2]
    assert combined  # 「表示中の予定をまとめて」


# --- くらしの出来事 ---------------------------------------------------------------------------------------

def test_life_events_lists_procedures_of_the_city_in_order():
    at = ok(run("pages/8_life_events.py", city="土浦市"))
    cards = [m.value for m in at.markdown if "dxf-card" in m.value]
    assert "転出届" in cards[0] and "転入届" in cards[1]
    assert "新しい市で" in page_text(at)
    at.radio(key="w_event").set_value("出産・子育て").run()
    assert "児童手当" in page_text(at) and at.query_params["event"] == "出産・子育て"


def test_life_events_missing_procedure_says_so():
    at = ok(run("pages/8_life_events.py", city="笠間市"))
    text = page_text(at)
    assert "転入届" in text and "情報はまだありません" in text and "0296-77-1101" in text


# --- データについて ----------------------------------------------------------------------------------------

def test_about_data_counts_sources_validation_downloads():
    at = ok(run("pages/9_about_data.py"))
    counts = at.table[0].value
    assert counts.loc["土浦市", "手続き"] == 3 and counts.loc["合計", "合計"] == 15
    text = page_text(at)
    assert "検証に合格" in text and "2026-11-01" in text and "サンプル" in text
    assert sorted(b.label for b in at.get("download_button")) == sorted(
        ["全データをCSVでダウンロード", "位置のあるデータをGeoJSONでダウンロード"])


# --- broken data file -------------------------------------------------------------------------------

def test_broken_data_file_is_named_and_last_good_catalog_served(monkeypatch, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data, ignore=shutil.ignore_patterns("*.py"))
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(data))
    at = ok(run("pages/1_search.py", q="住民票"))
    assert not at.error
    wifi = data / "wifi.csv"
    wifi.write_text(wifi.read_text(encoding="utf-8").replace("36.0786", "north"), encoding="utf-8")
    at.run()
    ok(at)
    errors = " ".join(e.value for e in at.error)
    assert "wifi.csv:3:緯度" in errors and "前回正しく読み込めたデータ" in errors
    assert [m for m in at.markdown if "dxf-card" in m.value]  # still serving results


def test_no_catalog_at_all_is_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(tmp_path / "missing"))
    at = ok(run("pages/1_search.py"))
    assert "データを読み込めませんでした" in " ".join(e.value for e in at.error)


# --- kiosk mode -------------------------------------------------------------------------------------

def test_kiosk_query_param():
    at = ok(run("app.py", kiosk="1"))
    if (ROOT / "pages" / "5_kiosk.py").exists():
        assert not at.sidebar.radio  # no sidebar settings in kiosk mode
    else:
        assert at.text_input(key="w_q")  # kiosk page not there yet: the normal app


# --- caching and landing --------------------------------------------------------------------------------

def test_catalog_and_index_are_built_once_per_process(monkeypatch, tmp_path):
    from ui.state import _store_for

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data, ignore=shutil.ignore_patterns("*.py"))
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(data))
    at = ok(run("pages/1_search.py"))
    for query in ("住民票", "転出", "wifi"):
        at.text_input(key="w_q").input(query).run()
        ok(at)
    ok(run("pages/4_conbini.py"))  # another session, another page
    store = _store_for(str(data))
    assert store.reloads == 1
    assert "index" in store.catalog.__dict__  # built with the catalog (cached_property), reused by every rerun


def test_landing_shortcuts_link_to_task_pages_with_the_city():
    at = ok(run("app.py", city="土浦市"))
    links = at.get("page_link")
    labels = [link.proto.label for link in links]
    assert "コンビニ交付" in labels and "くらしの出来事" in labels and "引っ越し" in labels
    moving = next(link for link in links if link.proto.label == "引っ越し")
    assert moving.proto.page == "life_events"
    assert moving.proto.query_string == "event=%E5%BC%95%E3%81%A3%E8%B6%8A%E3%81%97&city=%E5%9C%9F%E6%B5%A6%E5%B8%82"


def test_url_paths_match_the_file_names():
    """A deep link in the first session after start is resolved against pages/ (see ui/pages.py)."""
    import re

    from ui.routes import PAGES

    for page in PAGES:
        assert page.url_path == re.sub(r"^\d+_", "", Path(page.path).stem), page
