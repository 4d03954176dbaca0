"""Result cards drawn as two elements (their HTML, then their open button) still behave as one card:
one bordered box around the answer and the button, the answer before the button, and the button reached
by the keyboard opens the result in place, with the focus on its heading. The count is read out and every
title is a heading, for screen-reader users."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.e2e.helpers import act, open_app, type_query

CARD_BOX = """(card) => {
  const top = card.closest('[data-testid="stElementContainer"]');
  const bottom = top.nextElementSibling;
  const a = top.getBoundingClientRect(), b = bottom.getBoundingClientRect();
  const st = getComputedStyle(top), sb = getComputedStyle(bottom);
  return {gap: b.top - a.bottom, left: b.left - a.left, width: b.width - a.width,
          button: !!bottom.querySelector('button'), answerFirst: !!top.querySelector('.dxf-answer'),
          topBorder: st.borderTopStyle, sideBorders: [st.borderLeftStyle, sb.borderLeftStyle, sb.borderBottomStyle]};
}"""


def test_a_card_is_one_box_with_the_answer_first_and_its_button_below(page, app):
    open_app(page, app.url, city="082031")
    type_query(page, "住民票")
    cards = page.locator('[data-testid="stMain"] .dxf-card')
    assert cards.count() >= 2
    for i in range(2):
        box = cards.nth(i).evaluate(CARD_BOX)
        assert box["button"] and box["answerFirst"], box
        assert abs(box["gap"]) <= 1 and abs(box["left"]) <= 1 and abs(box["width"]) <= 1, box
        assert box["topBorder"] == "solid" and box["sideBorders"] == ["solid"] * 3, box
    # the count is read out (a polite live region) and each title is a heading, without a visible anchor icon
    page.wait_for_function("() => /件見つかりました/.test((document.getElementById('dxf-live') || {}).textContent || '')")
    region = page.locator("#dxf-live")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    titles = page.locator('[data-testid="stMain"] .dxf-card h3.dxf-title')
    assert titles.count() >= 1
    assert page.get_by_role("heading", name=titles.first.inner_text().strip()).count() >= 1
    assert not [a for a in page.locator('[data-testid="stHeaderActionElements"]').all() if a.is_visible()]


def test_the_keyboard_reaches_a_cards_button_and_opens_the_result_in_place(page, app):
    open_app(page, app.url, city="082031")
    type_query(page, "住民票")
    first_button = page.locator('[data-testid="stMain"] .dxf-card').first.locator(
        'xpath=ancestor::*[@data-testid="stElementContainer"][1]/following-sibling::*[1]//button')
    first_button.focus()
    assert page.evaluate("() => document.activeElement.tagName") == "BUTTON"
    act(page, lambda: page.keyboard.press("Enter"))
    page.wait_for_function("() => new URLSearchParams(location.search).has('item')", timeout=30_000)
    query = parse_qs(urlparse(page.url).query)
    assert query["item"][0] and urlparse(page.url).path.rstrip("/") in ("", "/")  # same page, in place
    # the focus moves to the opened result's heading, not to the page body
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('h2.dxf-heading')")
