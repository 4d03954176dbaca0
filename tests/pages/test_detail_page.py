"""pages/2_detail.py: the detail of every kind, unknown facts and whom to ask, the picker."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import ROOT, TIMEOUT, ok, page_text, run


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
    at.button(key="open-class-kas-2").click().run()  # a real dated class (class-kas-1 is a sample: no button)
    ok(at)
    assert at.query_params.get("item") == "class-kas-2"
    assert "マイナンバーカード講座" in page_text(at) and "13:30" in page_text(at)
    # Standalone page (no st.navigation): the item opens on the same page.
    at = ok(run("pages/7_classes.py"))
    at.button(key="open-class-kas-2").click().run()
    ok(at)
    assert at.query_params.get("item") == "class-kas-2" and "閉じる" in page_text(at)
