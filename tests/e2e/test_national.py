"""A resident of a city outside the curated five, in the real app (Debian chromium): national items only."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from finder.i18n import t
from finder.live.loader import load_catalog
from tests.e2e.helpers import act, main_text, open_app, type_query


def test_a_city_named_in_the_query_shows_its_national_items(page, app):
    catalog = load_catalog()
    open_app(page, app.url)
    type_query(page, "札幌 住民票")
    cards = page.locator('[data-testid="stMain"] .dxf-card')
    first = cards.first.inner_text()
    assert "住民票の写し" in first and "札幌市" in first and t("level.national") in first, first
    expected = catalog.search("札幌 住民票", limit=1)[0].item
    act(page, page.get_by_role("button", name=f"くわしく見る: {expected.title}").first.click)
    page.get_by_role("heading", name=expected.title).first.wait_for()
    item = catalog.get(parse_qs(urlparse(page.url).query)["item"][0])
    assert item.id == "nat-011002-juminhyo" and item.municipality == "札幌市"
    text = main_text(page)
    assert "札幌市" in text and t("level.national") in text and "6:30" in text.replace("06:30", "6:30")
    assert t("status.open") not in text  # never "available now" for a city no source speaks for
    assert not page.watch.page_errors and not page.watch.dialogs
