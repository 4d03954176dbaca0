"""Answer first, on a phone (390×844) in Debian's chromium: an online route's card leads with the answer and
its platform link, visible and within the screen's width, with the status's date and level beside the badge.

What the cards and the detail say (hours, "now", unknown facts with a phone or the official page, plans with
their dates, sources in a closed section) is the same HTML in every browser: tests/pages/test_search_page.py,
tests/pages/test_detail_page.py and tests/test_answer.py prove it without one.
"""

from __future__ import annotations

import pytest

from finder.i18n import t
from finder.live.loader import load_catalog
from finder.present.format import year_month
from tests.e2e.helpers import open_app


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def card_of(page, item):
    """The result card of an item: its title and its city on the same card."""
    cards = page.locator('[data-testid="stMain"] .dxf-card').filter(has_text=item.title).filter(
        has_text=item.municipality)
    cards.first.wait_for()
    return cards.first


def test_online_route_card_links_to_its_platform(phone_page, app, catalog):
    item = catalog.get("proc-082031-tenshutsu")
    assert item.get("online_status") == "available" and item.get("online_url")
    open_app(phone_page, app.url, q="転出届", city="土浦市")
    card = card_of(phone_page, item)
    assert t("answer.online.available") in card.inner_text()
    action = card.locator("a.dxf-action")
    assert action.get_attribute("href") == item.get("online_url") == "https://myna.go.jp/"
    assert action.is_visible() and action.bounding_box()["width"] <= 390
    assert t("detail.online_button", platform="マイナポータル") in action.inner_text()
    # 国の情報 beside the badge, with the date the status was true.
    status = card.locator(".dxf-answer-status")
    assert t("level.national") in status.locator(".dxf-basis").inner_text()
    assert t("answer.as_of", date=year_month(item.get("status_as_of"))) in status.inner_text()
