"""What an empty field means, said truly: data the sources do not give is 「出典に記載がありません」 /
"not in our sources" (the city may well publish it somewhere), never 「公開されていません」; the national
コンビニ交付 hours are the usual ones, and not every municipality offers the service."""

from __future__ import annotations

from finder.i18n import t
from finder.i18n.ja import JA


def test_no_string_claims_a_fact_is_unpublished():
    assert not [key for key, text in JA.items() if "公開されていません" in text]
    for key in ("answer.wifi.ssid_unknown", "answer.class.apply_unknown", "answer.facility.hours_unknown",
                "answer.class.undated"):
        assert "出典に記載がありません" in t(key, "ja")
        assert "not in our sources" in t(key, "en") and "published" not in t(key, "en")


def test_national_conbini_hours_are_usual_and_not_everywhere():
    ja, en = t("national.fact.hours", "ja"), t("national.fact.hours", "en")
    assert "ふつう 6:30〜23:00" in ja and "全国共通" not in ja and "していない市区町村もあります" in ja
    assert "usually" in en and "nationwide" not in en and "not every municipality" in en
