"""pages/2_detail.py: the detail of every kind, unknown facts and whom to ask, the picker."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import ROOT, TIMEOUT, ok, page_text, run


def test_real_catalog_detail_of_every_kind(monkeypatch):
    from finder.live.catalog import CatalogError
    from finder.live.loader import load_catalog

    monkeypatch.delenv("DXFINDER_DATA_DIR")
    try:
        catalog = load_catalog()
    except CatalogError:
        pytest.skip("data/ does not load yet (tests/test_catalog_load.py reports it)")
    at = AppTest.from_file(str(ROOT / "pages" / "2_detail.py"), default_timeout=TIMEOUT)
    for kind in ("procedure", "certificate", "wifi", "class", "facility", "service"):
        for item in catalog.of_kind(kind)[:: max(1, len(catalog.of_kind(kind)) // 4)][:5]:
            for lang in ("ja", "en"):
                at.query_params = {"item": item.id, "lang": lang}
                at.session_state["dxf_lang"] = lang
                ok(at.run())
                text = page_text(at)
                assert (item.title if lang == "ja" else (item.title_en or item.title)) in text, item.id
                assert ("出典" if lang == "ja" else "Source") in text


@pytest.mark.parametrize("item_id", ["proc-tsu-tenshutsu", "proc-tsu-tennyu", "proc-kas-tenshutsu", "cert-tsu-juminhyo",
                                     "cert-kas-juminhyo", "wifi-kas-1", "class-kas-1", "class-tsu-undated",
                                     "fac-t-1"])
def test_detail_renders_every_kind(item_id):
    at = ok(run("pages/2_detail.py", item=item_id))
    text = page_text(at)
    assert "出典" in text and "出典を確認した日" in text and ("市の情報" in text or "国の情報" in text)


def test_procedure_detail_channels_and_unknowns():
    at = ok(run("pages/2_detail.py", item="proc-tsu-tenshutsu"))
    text = page_text(at)
    for word in ("オンライン", "コンビニ", "窓口", "本庁舎1階", "8:30–17:15", "本人確認書類", "無料", "国の情報"):
        assert word in text, word
    assert [b.label for b in at.get("link_button")] == ["マイナポータルで申請する"]
    # Unknown facts: say so, with the section and the phone number.
    at = ok(run("pages/2_detail.py", item="proc-tsu-tennyu"))
    text = page_text(at)
    assert "不明" in text and text.count("市にお問い合わせください") == 1  # said once, not under every fact
    step = next(m.value for m in at.markdown if "dxf-next" in m.value)
    assert "市民課" in step and 'href="tel:0298261111"' in step  # the section, through the city's number
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
    at.button(key="open-class-kas-2").click().run()  # a real dated class (class-kas-1 is a sample: no button)
    ok(at)
    assert at.query_params.get("item") == "class-kas-2"
    assert "マイナンバーカード講座" in page_text(at) and "13:30" in page_text(at)
    # Standalone page (no st.navigation): the item opens on the same page.
    at = ok(run("pages/7_classes.py"))
    at.button(key="open-class-kas-2").click().run()
    ok(at)
    assert at.query_params.get("item") == "class-kas-2" and "閉じる" in page_text(at)


def _real(monkeypatch, item_id: str, lang: str) -> AppTest:
    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-24T10:00+09:00")  # a Tuesday morning
    at = AppTest.from_file(str(ROOT / "pages" / "2_detail.py"), default_timeout=TIMEOUT)
    at.query_params = {"item": item_id, "lang": lang}
    at.session_state["dxf_lang"] = lang
    return ok(at.run())


def _first_view(at: AppTest) -> str:
    """The markdown a resident sees without opening anything (outside every expander)."""
    hidden = {id(m) for e in at.expander for m in e.markdown}
    return "\n".join(m.value for m in at.markdown if id(m) not in hidden)


@pytest.mark.parametrize(("lang", "headline", "as_of", "level", "button", "about", "checked"), [
    ("ja", "オンラインで申請できます", "2023年4月時点", "市の情報", "マイナポータルで申請する", "この情報について",
     "出典を確認した日"),
    ("en", "You can apply online", "as of April 2023", "City information", "Apply on Mynaportal",
     "About this information", "Date the source was checked"),
])
def test_detail_leads_with_the_answer_and_keeps_research_in_a_closed_section(monkeypatch, lang, headline, as_of,
                                                                              level, button, about, checked):
    from finder.live.loader import load_catalog

    item = load_catalog().get("proc-052116-kosodate-jidouteate-nintei")
    at = _real(monkeypatch, item.id, lang)
    first = _first_view(at)
    answer = next(m.value for m in at.markdown if "dxf-answer" in m.value)
    assert headline in answer and as_of in answer and level in answer
    assert [(b.label, b.proto.url) for b in at.get("link_button")] == [(button, "https://myna.go.jp/")]
    section = next(e for e in at.expander if about in e.label)
    assert not section.proto.expanded  # closed until the resident opens it
    inside = "\n".join(m.value for m in section.markdown)
    assert checked in inside and item.checked in inside and ("出典" if lang == "ja" else "Source") in inside
    assert item.get("note")[:20] in inside and item.get("note")[:20] not in first  # research text only inside
    assert item.checked not in first  # the day the source was read never reads as the date of the fact
    if lang == "en":
        assert item.summary not in first and item.get("summary_en") in first


def test_service_detail_status_as_of_note_and_facts(monkeypatch):
    at = _real(monkeypatch, "svc-082031-digital-katsuyou-shienin", "ja")
    text = page_text(at)
    for words in ("デジタルサービス", "手続きのサポート", "市の計画", "予定（2023年3月時点）", "時期の記載なし",
                  "市長公室DX推進課", "029-826-1111"):
        assert words in text, words
    assert 'href="tel:0298261111"' in text
    en = page_text(_real(monkeypatch, "svc-082031-digital-katsuyou-shienin", "en"))
    assert "Help with procedures" in en and "planned (as of March 2023)" in en and "City plan" in en


def test_unknown_detail_says_so_once_and_gives_the_next_step(monkeypatch):
    at = _real(monkeypatch, "cert-082325-koseki-zenbu", "ja")  # 神栖市: no phone in the app
    first = _first_view(at)
    assert first.count("コンビニで取れるかは分かりません") == 1
    assert "tel:" not in first and "https://www.city.kamisu.ibaraki.jp/" in first
