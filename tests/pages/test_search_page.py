"""pages/1_search.py: search, result cards, suggestions, filters, shareable URLs, furigana and large text;
on the real catalog: the count is every real match, no padding, reasons in the reader's language."""

from __future__ import annotations

import re

import pytest

from finder.i18n import t
from finder.live.loader import load_catalog
from tests.pages.apptest import cards, ok, page_text, run, unfold_filters


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
    assert "今利用できます" in text and "200円" in text and "出典" in text and "出典を確認した日" in text
    at.button(key="back").click().run()
    ok(at)
    assert "item" not in at.query_params and at.query_params["q"] == "住民票"


def test_kind_badge_city_and_matched_on_cards():
    at = ok(run("pages/1_search.py", q="じゅうみんひょう"))
    found = cards(at)
    assert found and all("コンビニ交付" in c for c in found)
    assert any("土浦市" in c for c in found) and any("神栖市" in c for c in found)
    assert all("dxf-matched" in c for c in found)


@pytest.mark.parametrize("query", ["じゅうみんひょう", "笠間 wifi", "juminhyo", "スマホ"])
def test_english_cards_say_what_matched_in_english(query):
    at = ok(run("pages/1_search.py", q=query, lang="en"))
    found = cards(at)
    matched = [m for c in found for m in re.findall(r'<div class="dxf-matched">(.*?)</div>', c)]
    assert found and len(matched) == len(found) and all(m.startswith("Matched: ") for m in matched)
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
    assert "見つかりませんでした" in page_text(at) and cards(at)


def test_suggestions_when_the_city_has_nothing():
    """The fixture has no rows in つくば市 (so it gets its national items): an empty search offers the other
    cities by a button, and suggests only つくば市's own national items, never another city's."""
    at = ok(run("pages/1_search.py", q="wifi", city="つくば市"))
    text = page_text(at)
    assert "見つかりませんでした" in text and "ほかの市では見つかります" in text
    suggested = [b.key for b in at.button if (b.key or "").startswith("open-pop-")]
    assert suggested and all("-082201-" in key for key in suggested)  # never another city's items
    at.button(key="other-city").click().run()
    ok(unfold_filters(at))
    assert at.selectbox(key="w_city").value == "" and "city" not in at.query_params
    assert cards(at)


def test_kind_and_city_filters():
    at = ok(run("pages/1_search.py", filters=True))
    at.radio(key="w_kind").set_value("wifi").run()
    found = cards(at)
    assert found and all("dxf-kind-wifi" in c for c in found)
    assert at.query_params["kind"] == "wifi"
    at.selectbox(key="w_city").set_value("土浦市").run()
    found = cards(at)
    assert len(found) == 1 and "土浦駅前広場" in found[0]
    assert at.query_params["city"] == "082031"  # the city's code (?city=CODE)
    at.radio(key="w_kind").set_value("all").run()
    assert "kind" not in at.query_params


def test_query_params_restore_the_view():
    at = ok(run("app.py", filters=True, q="じゅうみんひょう", city="土浦市"))
    assert at.text_input(key="w_q").value == "じゅうみんひょう"
    assert at.selectbox(key="w_city").value == "土浦市"
    found = cards(at)
    assert found and all("土浦市" in c for c in found)
    assert at.query_params == {"q": "じゅうみんひょう", "city": "082031"}


def test_query_params_kind_item_and_short_city_name():
    at = ok(run("pages/1_search.py", q="住民票", city="土浦", kind="certificate", item="cert-tsu-koseki"))
    assert "戸籍証明書" in page_text(at) and "平日のみ" in page_text(at)
    assert at.query_params["city"] == "082031"
    assert [w.key for w in at.text_input] == []  # the open item is not below the search form (nor is the closed header picker)
    at.button(key="back").click().run()
    folded = t("city.filters", "ja", kind=t("kind.certificate", "ja"), city="土浦市")  # it says what is chosen
    assert folded in [e.label for e in at.expander]
    unfold_filters(at)
    assert at.selectbox(key="w_city").value == "土浦市" and at.radio(key="w_kind").value == "certificate"
    assert at.text_input(key="w_q").value == "住民票" and "item" not in at.query_params


def test_bad_query_params_are_ignored():
    at = ok(run("pages/1_search.py", filters=True, kind="nope", city="どこにもない市", item="no-such-item"))
    assert at.radio(key="w_kind").value == "all" and at.selectbox(key="w_city").value == ""
    assert "見つかりませんでした" in page_text(at)  # item not found warning


def test_typing_updates_the_url():
    at = ok(run("pages/1_search.py", q="住民票"))
    at.text_input(key="w_q").input("Wi-Fi").run()
    assert at.query_params["q"] == "Wi-Fi"
    at.text_input(key="w_q").input("").run()
    assert "q" not in at.query_params


def test_furigana_and_large_text():
    at = ok(run("pages/1_search.py", q="住民票"))
    assert not any("<ruby>" in m.value for m in at.markdown)
    at.sidebar.toggle(key="w_furigana").set_value(True).run()
    assert any("<ruby>住民票<rp>(</rp><rt>じゅうみんひょう</rt>" in m.value for m in at.markdown)
    at.text_input(key="w_q").input("転出").run()
    summaries = [m.value.split('class="dxf-summary"', 1)[1] for m in at.markdown if 'class="dxf-summary"' in m.value]
    assert summaries and all("<ruby>引<rp>(</rp><rt>ひ</rt>" in s for s in summaries)  # summaries too
    styles = "".join(h.proto.body for h in at.html)
    assert "font-size: 125%" not in styles
    at.sidebar.toggle(key="w_large_text").set_value(True).run()
    assert "font-size: 125%" in "".join(h.proto.body for h in at.html)
    at.sidebar.toggle(key="w_high_contrast").set_value(True).run()
    assert "#0000b3" in "".join(h.proto.body for h in at.html)


def test_landing_shortcuts_link_to_task_pages_with_the_city():
    at = ok(run("app.py", city="土浦市"))
    links = at.get("page_link")
    labels = [link.proto.label for link in links]
    assert "コンビニ交付" in labels and "くらしの出来事" in labels and "引っ越し" in labels
    moving = next(link for link in links if link.proto.label == "引っ越し")
    assert moving.proto.page == "life_events"
    assert moving.proto.query_string == "event=%E5%BC%95%E3%81%A3%E8%B6%8A%E3%81%97&city=%E5%9C%9F%E6%B5%A6%E5%B8%82"


@pytest.mark.parametrize(("lang", "cert_words", "online_words"), [
    ("ja", ("コンビニで取れます", "6:30–23:00", "今利用できます"), ("オンラインで申請できます", "マイナポータルで申請する")),
    ("en", ("Available at convenience stores", "6:30–23:00", "Available now"), ("You can apply online",
                                                                                "Apply on Mynaportal")),
])
def test_cards_lead_with_the_answer(lang, cert_words, online_words):
    at = ok(run("pages/1_search.py", q="住民票", lang=lang))
    cert = next(c for c in cards(at) if "cert-tsu-juminhyo" in c or ("土浦市" in c or "Tsuchiura" in c)
                and "dxf-kind-certificate" in c)
    head = cert.index("dxf-answer")
    assert all(w in cert[head:] for w in cert_words), cert
    at = ok(run("pages/1_search.py", q="転出", lang=lang))
    online = next(c for c in cards(at) if "myna.go.jp/test" in c)
    assert all(w in online for w in online_words) and 'class="dxf-action" href="https://myna.go.jp/test"' in online
    # The answer comes before the summary: the first thing under the title.
    assert online.index("dxf-answer") < online.index("dxf-summary")


def test_unknown_card_says_so_once_with_a_tel_link_and_the_official_page():
    at = ok(run("pages/1_search.py", q="住民票"))
    card = next(c for c in cards(at) if "笠間市" in c and "dxf-kind-certificate" in c)
    assert card.count("分かりません") == 1
    assert 'href="tel:0296771101"' in card and 'href="https://www.city.kasama.lg.jp/"' in card


# --- on the real catalog: what a resident's first search shows ---------------------------------------

FIRST_CARDS = 10  # pages/1_search.py RESULT_LIMIT: cards drawn before 「もっと見る」


@pytest.fixture
def real_catalog(monkeypatch):
    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)
    return load_catalog()


@pytest.mark.parametrize("query, city", [("チャットボット", ""), ("児童手当", "土浦市"), ("証明書", "")])
def test_count_says_how_many_real_matches(real_catalog, query, city):
    at = ok(run("pages/1_search.py", q=query, **({"city": city} if city else {})))
    total = len(real_catalog.search(query, municipality=city or None, limit=500))
    assert f"{total}件見つかりました" in page_text(at)
    assert len(cards(at)) == min(total, FIRST_CARDS)  # the first cards; 「もっと見る」 draws the rest
    if total > FIRST_CARDS:
        at.button(key="more").click().run()
        assert len(cards(at)) == min(total, 2 * FIRST_CARDS)
    else:
        assert not [b for b in at.button if b.key == "more"]


def test_primary_form_is_the_first_card(real_catalog):
    at = ok(run("pages/1_search.py", q="児童手当", city="土浦市"))
    assert "児童手当等の受給資格及び児童手当の額についての認定請求" in cards(at)[0]


def test_wifi_in_a_city_without_wifi_is_not_padded(real_catalog):
    at = ok(run("pages/1_search.py", q="wifi", city="潟上市"))
    assert "見つかりませんでした" in "\n".join(str(i.value) for i in at.info)
    assert "件見つかりました" not in page_text(at)


def test_japanese_page_explains_without_english_synonyms(real_catalog):
    at = ok(run("pages/1_search.py", q="戸籍謄本", city="土浦市"))
    shown = "\n".join(cards(at))
    assert "戸籍全部事項証明書" in cards(at)[0]
    assert "family register" not in shown and "koseki tohon" not in shown


def test_home_page_shows_any_municipalitys_digital_picture():
    """札幌市 (no curated rows): the national list's count against its prefecture and the country, the
    マイナンバーカード rate with its date, the credits; ?picture=1 opens it (one tap for demo staff)."""
    from finder.national.picture import picture

    at = ok(run("app.py", city="011002", picture="1"))
    text = page_text(at)
    found = picture("011002")
    assert f"国の一覧の住民向け手続 {found.total} のうち、札幌市でオンライン申請できるもの: {found.online}" in text
    assert "北海道の平均" in text and "全国平均" in text
    assert f"マイナンバーカード保有率: {found.card_rate}%（2024年7月時点）" in text
    assert "出典：デジタル庁『国民の利便性の向上に資する手続等に係る各自治体のオンライン化状況一覧』" in text
    assert "札幌市のデジタル化を見る" in [e.label for e in at.expander]


def test_a_closed_digital_picture_draws_no_chart():
    """The picture's expander draws its chart only while open: a closed one would make every first visit to a
    city's home page load and draw the chart library (bench.pageload: +0.8 s on a phone)."""
    at = ok(run("app.py", city="011002"))
    assert "札幌市のデジタル化を見る" in [e.label for e in at.expander]
    assert not at.get("vega_lite_chart") and "全国平均" not in page_text(at)
    opened = ok(run("app.py", city="011002", picture="1"))
    assert opened.get("vega_lite_chart")


def test_the_result_count_its_announcement_and_the_first_tab_stop_are_one_element():
    """Every element is a message to the browser on every keystroke: the count, the live region's text and the
    search box's first Tab stop go in one."""
    at = ok(run("pages/1_search.py", q="住民票"))
    with_count = [e.proto.body for e in at.get("html") if "件見つかりました" in e.proto.body]
    assert len(with_count) == 1 and "dxf-live" in with_count[0] and "st-key-w_q" in with_count[0]
    assert not [e for e in at.get("html") if "st-key-w_q" in e.proto.body and e.proto.body not in with_count]
    assert not [m for m in at.markdown if "件見つかりました" in m.value]


def test_folded_filters_draw_no_widgets():
    """As a page opens the filters are folded: their label says what is chosen, and the kind and city widgets
    are drawn only once unfolded (two elements fewer on every keystroke and every first visit)."""
    at = ok(run("pages/1_search.py", q="住民票", city="土浦市"))
    assert not [w for w in (*at.radio, *at.selectbox) if w.key in ("w_kind", "w_city")]
    assert t("city.filters", "ja", kind=t("kind.all", "ja"), city="土浦市") in [e.label for e in at.expander]
    assert cards(at) and all("土浦市" in c for c in cards(at))  # the city still scopes the search
    unfold_filters(at)
    assert at.radio(key="w_kind").value == "all" and at.selectbox(key="w_city").value == "土浦市"
