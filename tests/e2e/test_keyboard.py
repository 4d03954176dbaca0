"""Keyboard and screen-reader paths in a real browser: where the focus goes, what is read out, Tab order.

A click makes Streamlit redraw the page; without help the focus falls to the page body and a keyboard or
screen-reader user has lost their place. These were seen only in a browser, so they are tested in one.
"""

from __future__ import annotations

import pytest

from tests.e2e.helpers import act, open_app, settle
from ui.routes import CLASSES, CONBINI, DETAIL, MAP

ACTIVE_JS = """() => {
  const el = document.activeElement;
  const box = el && el.closest('[class*="st-key-"]');
  return {tag: el ? el.tagName : '', cls: el ? (el.className || '') : '',
          key: box ? [...box.classList].find(c => c.startsWith('st-key-')) : '', text: el ? el.innerText || '' : ''};
}"""
SEARCH_KEYS = ("st-key-w_q", "st-key-hdr_q")
FOCUS_RING_JS = """() => { const s = getComputedStyle(document.activeElement);
    return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"""


def active(page) -> dict:
    return page.evaluate(ACTIVE_JS)


# The search page's own box, and the header's box (one function, ui/header.py) on pages of each layout.
@pytest.mark.parametrize("path", ["", MAP.url_path, CONBINI.url_path, CLASSES.url_path, DETAIL.url_path])
def test_tab_reaches_a_search_box_first_and_the_focus_is_visible(page, app, path):
    open_app(page, app.url, path, city="082031")
    # Streamlit's selectboxes say 「Choose an option」 unless told otherwise (a screen reader reads it).
    placeholders = page.locator('[data-testid="stMain"] input').evaluate_all(
        "inputs => inputs.map(i => i.getAttribute('placeholder') || '')")
    assert not [p for p in placeholders if p.startswith(("Choose", "No options"))], placeholders
    page.wait_for_selector('input[tabindex="1"]', state="attached")
    stops = []
    for _ in range(3):
        page.keyboard.press("Tab")
        now = active(page)
        stops.append(now)
        if now["tag"] == "INPUT" and now["key"] in SEARCH_KEYS:
            break
    assert any(s["tag"] == "INPUT" and s["key"] in SEARCH_KEYS for s in stops), stops
    page.keyboard.press("Tab")  # the stop after the search box shows where the focus is
    focused = page.evaluate(FOCUS_RING_JS)
    assert focused[1] != "none" and focused[2] >= 2, focused
    if not path:  # the city home's page links look like links
        link = page.locator('[data-testid="stPageLink"] a p').first
        assert "underline" in link.evaluate("e => getComputedStyle(e).textDecorationLine")


def test_a_keyword_typed_on_another_page_opens_the_search(page, app):
    open_app(page, app.url, CONBINI.url_path, city="082031")
    box = page.locator(".st-key-hdr_q input")
    box.click()
    box.fill("じゅうみんひょう")
    before = page.app.finished
    box.press("Enter")
    settle(page, since=before)
    page.wait_for_selector('[data-testid="stMain"] .dxf-card', timeout=20_000)
    assert "q=" in page.url and page.locator(".st-key-w_q input").input_value() == "じゅうみんひょう"


def test_choosing_a_city_puts_the_focus_on_the_page_title(page, app):
    open_app(page, app.url)
    choice = page.locator('[data-testid="stMain"] .st-key-cq_quick_082031 button')
    choice.focus()
    act(page, lambda: page.keyboard.press("Enter"))
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
    assert "DXサービスファインダー" in active(page)["text"]
