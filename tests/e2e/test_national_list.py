"""A resident of 札幌市 in the real app (Debian chromium): answers from the national online list, not
「分かりません」, with the list's date and caveat on the detail; the city's digital picture opens in one tap.

The session's ``app`` server (data/, fixed clock) is the configuration these need. 江東区's Wi-Fi and
マイナポータル answers are checked through the CLI (tests/test_national_list_cli.py).
"""

from __future__ import annotations

from finder.i18n import t
from tests.e2e.helpers import act, main_text, settle, type_query, url_for


def open_app(page, base: str, **params: str) -> None:
    """The first run loads the catalog: on a loaded 2-core machine that can take longer than the usual wait."""
    before = page.app.finished
    page.goto(url_for(base, "", **params), wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"]', timeout=120_000)
    settle(page, since=before, timeout=180.0)


def _first_card(page) -> str:
    return page.locator('[data-testid="stMain"] .dxf-card').first.inner_text()


def test_sapporo_resident_gets_online_answers(page, app):
    open_app(page, app.url, city="011002")
    type_query(page, "転出届")
    card = _first_card(page)
    assert "転出届" in card and t("list.available") in card, card
    assert t("national.status_unknown", city="札幌市") not in card
    type_query(page, "ほいくえん もうしこみ")
    card = _first_card(page)
    assert "保育施設等の利用申込" in card and "分かりません" not in card, card
    act(page, page.get_by_role("button", name="くわしく見る: 保育施設等の利用申込").first.click)
    assert "2025年3月末時点" in main_text(page)
    act(page, page.get_by_text("この情報について").first.click, rerun=False)
    text = main_text(page)
    assert "国の一覧の注記" in text  # the list's own caveat: ○ may cover only some variants or people
    assert "出典：デジタル庁『国民の利便性の向上に資する手続等に係る各自治体のオンライン化状況一覧』" in text
    assert not page.watch.page_errors and not page.watch.dialogs


def test_digital_picture_opens_in_one_tap(page, app):
    open_app(page, app.url, city="011002")
    act(page, page.get_by_text("札幌市のデジタル化を見る").first.click)  # opening draws the content (one rerun)
    text = main_text(page)
    assert "札幌市でオンライン申請できるもの" in text and "全国平均" in text and "マイナンバーカード保有率" in text
    assert not page.watch.page_errors
