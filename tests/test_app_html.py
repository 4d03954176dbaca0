"""HTML fragments given to unsafe_allow_html: catalog text is always escaped; furigana lines up."""

from finder.model import Item
from finder.present.html import (
    Fact,
    ask_html,
    facts_html,
    has_unknown,
    heading_html,
    kind_badge,
    linkify,
    md_escape,
    ruby_html,
    status_badge,
)
from finder.resident.card import card_html
from finder.text.furigana import align, text_pairs
from finder.text.normalize import has_kanji, to_hiragana

EVIL = '<img src=x onerror="alert(1)">&"\''


def item(**over) -> Item:
    base = dict(kind="procedure", id="p1", title="住民票の写し", title_kana="じゅうみんひょうのうつし",
                title_en="Certificate of residence", municipality="土浦市", municipality_code="082031",
                summary="summary", level="city", source="出典 https://example.org/a?b=1&c=2", checked="2026-11-01")
    base.update(over)
    return Item(**base)


def test_furigana_aligns_kanji_runs():
    assert align("住民票の写し", "じゅうみんひょうのうつし") == (
        ("住民票", "じゅうみんひょう"), ("の", ""), ("写", "うつ"), ("し", ""))
    html = ruby_html("住民票の写し", "じゅうみんひょうのうつし")
    assert html.count("<ruby>") == 2 and "<rt>じゅうみんひょう</rt>" in html and "<rt>うつ</rt>" in html


def test_furigana_katakana_reading_and_fallback():
    assert align("試験公園", "シケンコウエン") == (("試験公園", "しけんこうえん"),)
    assert align("スマートフォン講座", "スマートフォンコウザ") == (("スマートフォン", ""), ("講座", "こうざ"))
    # Reading that does not fit the kana anchors: whole title, whole reading.
    assert align("住民票の写し", "じゅうみんひょう") == (("住民票の写し", "じゅうみんひょう"),)
    # No kanji or no reading: no ruby.
    assert ruby_html("Wi-Fi", "わいふぁい") == "Wi-Fi"
    assert ruby_html("転出届", "") == "転出届"
    assert to_hiragana("シケン") == "しけん" and has_kanji("写し") and not has_kanji("すまほ")


def test_furigana_escapes_title_and_reading():
    html = ruby_html("漢<b>字", "かん<i>じ")
    assert "<b>" not in html and "<i>" not in html and "&lt;b&gt;" in html and "&lt;i&gt;" in html


def test_card_escapes_every_catalog_value():
    it = item(title=EVIL + "漢字", title_kana=EVIL, title_en=EVIL, municipality=EVIL, summary=EVIL, is_sample=True)
    for lang in ("ja", "en"):
        for furigana in (False, True):
            html = card_html(it, lang, furigana, matched=EVIL)
            assert "<img" not in html and 'onerror="' not in html
            assert "&lt;img" in html
    assert "<img" not in heading_html(it, "ja", True)


def test_card_shows_kind_as_text_city_matched_and_sample():
    html = card_html(item(is_sample=True), "ja", matched="読み: じゅうみんひょう")
    assert "手続き" in html and "土浦市" in html and "一致: 読み: じゅうみんひょう" in html
    assert "サンプル" in html and "市の情報" in html
    en = card_html(item(), "en")
    assert "Procedure" in en and "Certificate of residence" in en and "City information" in en
    assert "<ruby>" in card_html(item(), "ja", furigana=True)
    assert "<ruby>" not in card_html(item(), "en", furigana=True)


def test_badges_carry_words_not_only_color():
    assert "Wi-Fi" in kind_badge("wifi", "ja")
    assert "今利用できます" in status_badge("open", "ja") and "○" in status_badge("open", "ja")
    assert "年末年始休止" in status_badge("year_end", "ja")
    assert "Outside hours" in status_badge("closed_hours", "en")


def test_unknown_points_to_the_city():
    facts = [Fact("手数料", ""), Fact("持ち物", EVIL), Fact("時間", "6:30–23:00", "national")]
    html = facts_html(facts, "ja")
    assert "不明" in html and "<img" not in html and "国の情報" in html
    assert has_unknown(facts) and not has_unknown(facts[1:])
    assert "市民課" in ask_html("ja", "市民課", "029-826-1111")


def test_links_are_escaped_and_only_http():
    html = linkify('see https://example.org/a?b=1&c=2 and javascript:alert(1) "x"')
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html and "javascript:alert(1)" in html
    assert 'href="javascript' not in html and "&quot;x&quot;" in html


def test_markdown_escape():
    assert md_escape("[x](javascript:1) *b* <i>") == r"\[x\](javascript:1) \*b\* \<i\>"
    assert md_escape("029-000-0002") == "029-000-0002"


def test_escaped_text_never_contains_a_line_break():
    # A blank line inside HTML given to st.markdown ends the HTML block; the rest would be Markdown.
    from finder.present.html import esc

    out = esc("一行目\n\n[クリック](javascript:alert(1))\r\n![x](https://evil.example/x.png)")
    assert "\n" not in out and "\r" not in out and out.count("&#10;") == 3


def test_furigana_on_summaries_uses_staff_readings_first():
    text = "土浦市で要介護認定を申請します。<b>"
    it = item(summary=text, data={"summary": text})
    plain = card_html(it, "ja", furigana=False)
    assert "<ruby>" not in plain
    html = card_html(it, "ja", furigana=True, readings={"要介護": "ようかいご", "土浦市": "つちうらし"})
    summary = html[html.index('class="dxf-summary"'):]
    assert "<ruby>要介護<rp>(</rp><rt>ようかいご</rt>" in summary  # pykakasi alone reads ようすけご
    assert "<ruby>土浦市<rp>(</rp><rt>つちうらし</rt>" in summary and "<rt>しんせい</rt>" in summary
    assert "<b>" not in summary and "&lt;b&gt;" in summary
    assert "<ruby>" not in card_html(it, "en", furigana=True)
    for text in ("住民票の写しをコンビニで取る。" * 40, "Wi-Fi は無料です", ""):
        pairs = text_pairs(text)
        assert "".join(surface for surface, _ in pairs) == text  # nothing is lost, however long
