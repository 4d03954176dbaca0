"""The search page on the real catalog: the count is the number of real matches, nothing pads the list, and
the reason shown for a result is in the reader's language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from finder import load_catalog

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


@pytest.fixture(autouse=True)
def real_catalog(monkeypatch):
    monkeypatch.delenv("DXFINDER_DATA_DIR", raising=False)
    monkeypatch.setenv("DXFINDER_NOW", "2026-12-01T10:00+09:00")


@cache
def catalog():
    return load_catalog()


def search_page(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "1_search.py"), default_timeout=TIMEOUT)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "dxf-card" in m.value]


@pytest.mark.parametrize("query, city", [("チャットボット", ""), ("児童手当", "土浦市"), ("証明書", "")])
def test_count_says_how_many_real_matches(query, city):
    at = search_page(q=query, **({"city": city} if city else {}))
    total = len(catalog().search(query, municipality=city or None, limit=500))
    text = "\n".join(m.value for m in at.markdown)
    assert f"{total}件見つかりました" in text
    assert len(cards(at)) == min(total, 20)


def test_primary_form_is_the_first_card():
    at = search_page(q="児童手当", city="土浦市")
    assert "児童手当等の受給資格及び児童手当の額についての認定請求" in cards(at)[0]


def test_wifi_in_a_city_without_wifi_is_not_padded():
    at = search_page(q="wifi", city="潟上市")
    assert "見つかりませんでした" in "\n".join(str(i.value) for i in at.info)
    assert not any("件見つかりました" in m.value for m in at.markdown)


def test_japanese_page_explains_without_english_synonyms():
    at = search_page(q="戸籍謄本", city="土浦市")
    shown = "\n".join(cards(at))
    assert "戸籍全部事項証明書" in cards(at)[0]
    assert "family register" not in shown and "koseki tohon" not in shown
