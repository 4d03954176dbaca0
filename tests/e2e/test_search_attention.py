"""A resident's first search in the real app (Debian's chromium): the form they need first, a true count,
and no unrelated items when the city has nothing to offer."""

from __future__ import annotations

import pytest

from finder.live.loader import load_catalog
from tests.e2e.helpers import main_text, open_app, type_query


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def card_titles(page) -> list[str]:
    return [s.strip() for s in page.locator('[data-testid="stMain"] .dxf-card .dxf-title').all_inner_texts()]


def test_primary_form_first_and_the_count_is_every_match(page, app, catalog):
    open_app(page, app.url, city="土浦市")
    type_query(page, "児童手当")
    total = len(catalog.search("児童手当", municipality="土浦市", limit=500))
    text = main_text(page)
    assert f"{total}件見つかりました" in text, text[:400]
    titles = card_titles(page)
    assert titles[0] == "児童手当等の受給資格及び児童手当の額についての認定請求"
    assert len(titles) == total
    assert not page.watch.page_errors and not page.watch.dialogs


def test_wifi_in_a_city_without_wifi_says_so(page, app):
    open_app(page, app.url, city="潟上市")
    type_query(page, "wifi")
    text = main_text(page)
    assert "見つかりませんでした" in text and "件見つかりました" not in text, text[:400]
    assert "要介護" not in text.split("見つかりませんでした")[0]
    assert not page.watch.page_errors and not page.watch.dialogs
