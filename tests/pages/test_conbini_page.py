"""pages/4_conbini.py: コンビニ交付 status "now" at fixed times, fees, unknowns, the five-city comparison."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import ok, page_text, run


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
