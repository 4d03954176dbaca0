"""Answer first, on a phone (390×844) in Debian's chromium: every card leads with the answer to its question.

An online route links to its platform; a convenience-store certificate says its hours and whether it can be
printed now (by the app's fixed clock, DXFINDER_NOW); an unknown fact hands over a tel: link or the city's
official page; the detail keeps sources in a closed 「この情報について」; and the date of a status and where it
comes from (市の情報 / 国の情報 / 市の計画) sit beside a badge.
"""

from __future__ import annotations

import datetime as dt

import pytest

from finder.i18n import t
from finder.live.loader import load_catalog
from finder.present.format import year_month
from finder.resident.availability import certificate_status
from tests.e2e.helpers import FIXED_NOW, act, open_app
from ui.routes import DETAIL

NOW = dt.datetime.fromisoformat(FIXED_NOW)


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


def test_certificate_card_says_hours_and_now_by_the_fixed_clock(phone_page, app, catalog):
    item = catalog.get("cert-082201-juminhyo")
    open_app(phone_page, app.url, q="住民票", city="つくば市", kind="certificate")
    card = card_of(phone_page, item)
    text = card.inner_text()
    assert t("answer.cert.available") in text and "6:30–23:00" in text
    expected = certificate_status(item, NOW)  # open on the fixed Tuesday morning
    badge = card.locator(".dxf-answer .dxf-status")
    assert t(f"status.{expected}") in badge.inner_text() and f"dxf-status-{expected}" in badge.get_attribute("class")
    # 市の情報 beside the badge, with its date.
    status = card.locator(".dxf-answer-status")
    assert t("level.city") in status.inner_text() and "2023年10月時点" in status.inner_text()


def test_unknown_fact_hands_over_a_phone_or_the_official_page(phone_page, app, catalog):
    tsuchiura = catalog.get("cert-082031-juminhyo")
    open_app(phone_page, app.url, q="住民票", city="土浦市", kind="certificate")
    card = card_of(phone_page, tsuchiura)
    assert card.inner_text().count(t("answer.cert.unknown")) == 1
    tel = card.locator('.dxf-next a[href^="tel:"]')
    assert tel.get_attribute("href") == "tel:0298261111" and "029-826-1111" in tel.inner_text()
    site = card.locator(".dxf-next a.dxf-site")
    assert site.get_attribute("href") == "https://www.city.tsuchiura.lg.jp/"
    # 神栖市 has no phone in the app: the official page, and no tel: link made up.
    kamisu = catalog.get("cert-082325-koseki-zenbu")
    open_app(phone_page, app.url, q="戸籍全部事項証明書", city="神栖市", kind="certificate")
    card = card_of(phone_page, kamisu)
    assert card.locator('a[href^="tel:"]').count() == 0
    assert card.locator(".dxf-next a.dxf-site").get_attribute("href") == "https://www.city.kamisu.ibaraki.jp/"


def test_planned_service_shows_the_plan_and_its_date(phone_page, app, catalog):
    item = catalog.get("svc-082031-digital-katsuyou-shienin")
    assert item.get("status") == "planned"
    open_app(phone_page, app.url, q="デジタル活用支援員", city="土浦市")
    card = card_of(phone_page, item)
    status = card.locator(".dxf-answer-status")
    assert t("answer.basis.plan") in status.locator(".dxf-basis").inner_text()  # 市の計画
    assert "予定（2023年3月時点）" in status.inner_text()
    assert "できません" not in card.inner_text()


def test_detail_keeps_sources_in_a_closed_section(phone_page, app, catalog):
    page = phone_page
    item = catalog.get("proc-052116-kosodate-jidouteate-nintei")
    open_app(page, app.url, DETAIL.url_path, item=item.id)
    page.get_by_role("heading", name=item.title).first.wait_for()
    main = page.locator('[data-testid="stMain"]')
    answer = main.locator(".dxf-answer").first
    assert t("answer.online.available") in answer.inner_text()
    assert "2023年4月時点" in answer.inner_text() and t("level.city") in answer.inner_text()
    button = main.get_by_role("link", name=t("detail.online_button", platform="マイナポータル"))
    assert button.first.get_attribute("href") == "https://myna.go.jp/"
    about = main.locator('[data-testid="stExpander"] details').filter(has_text=t("answer.about.header")).first
    assert about.get_attribute("open") is None  # closed by default
    source = about.locator(".dxf-about")
    assert not source.is_visible()
    act(page, about.locator("summary").click, rerun=False)
    source.wait_for(state="visible")
    text = source.inner_text()
    assert t("common.source") in text and t("answer.about.checked") in text and item.checked in text
    assert item.get("note")[:15] in text
    assert not page.watch.page_errors and not page.watch.dialogs
