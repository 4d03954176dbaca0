"""Keyboard and screen-reader paths in a real browser: where the focus goes, what is read out, Tab order.

A click makes Streamlit redraw the page; without help the focus falls to the page body and a keyboard or
screen-reader user has lost their place. These were seen only in a browser, so they are tested in one.
"""

from __future__ import annotations

import pytest

from tests.e2e.helpers import act, open_app, settle, type_query
from ui.routes import CLASSES, CONBINI, DETAIL, MAP

ACTIVE_JS = """() => {
  const el = document.activeElement;
  const box = el && el.closest('[class*="st-key-"]');
  return {tag: el ? el.tagName : '', cls: el ? (el.className || '') : '',
          key: box ? [...box.classList].find(c => c.startsWith('st-key-')) : '', text: el ? el.innerText || '' : ''};
}"""
SEARCH_KEYS = ("st-key-w_q", "st-key-hdr_q")


def active(page) -> dict:
    return page.evaluate(ACTIVE_JS)


# The search page's own box, and the header's box (one function, ui/header.py) on pages of each layout.
@pytest.mark.parametrize("path", ["", MAP.url_path, CONBINI.url_path, CLASSES.url_path, DETAIL.url_path])
def test_a_search_box_is_one_of_the_first_three_tab_stops(page, app, path):
    open_app(page, app.url, path, city="082031")
    page.wait_for_selector('input[tabindex="1"]', state="attached")
    stops = []
    for _ in range(3):
        page.keyboard.press("Tab")
        now = active(page)
        stops.append(now)
        if now["tag"] == "INPUT" and now["key"] in SEARCH_KEYS:
            break
    assert any(s["tag"] == "INPUT" and s["key"] in SEARCH_KEYS for s in stops), stops


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


def test_the_result_count_is_read_out_and_titles_are_headings(page, app):
    open_app(page, app.url, city="082031")
    type_query(page, "住民票")
    page.wait_for_function("() => /件見つかりました/.test((document.getElementById('dxf-live') || {}).textContent || '')")
    region = page.locator("#dxf-live")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    titles = page.locator('[data-testid="stMain"] .dxf-card h3.dxf-title')
    assert titles.count() >= 1
    assert page.get_by_role("heading", name=titles.first.inner_text().strip()).count() >= 1
    visible_anchors = [a for a in page.locator('[data-testid="stHeaderActionElements"]').all() if a.is_visible()]
    assert not visible_anchors


def test_opening_a_result_puts_the_focus_on_its_heading(page, app):
    open_app(page, app.url, city="082031")
    type_query(page, "住民票")
    button = page.get_by_role("button", name="くわしく見る").first
    button.focus()
    act(page, lambda: page.keyboard.press("Enter"))
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('h2.dxf-heading')")
    assert active(page)["tag"] == "H2"


def test_choosing_a_city_puts_the_focus_on_the_page_title(page, app):
    open_app(page, app.url)
    choice = page.locator('[data-testid="stMain"] .st-key-cq_quick_082031 button')
    choice.focus()
    act(page, lambda: page.keyboard.press("Enter"))
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
    assert "DXサービスファインダー" in active(page)["text"]


@pytest.mark.parametrize("path", [DETAIL.url_path, MAP.url_path, CONBINI.url_path, CLASSES.url_path])
def test_no_english_placeholder_in_the_japanese_ui(page, app, path):
    """Streamlit's selectboxes say 「Choose an option」 unless told otherwise (a screen reader reads it)."""
    open_app(page, app.url, path, city="082031")
    placeholders = page.locator('[data-testid="stMain"] input').evaluate_all(
        "inputs => inputs.map(i => i.getAttribute('placeholder') || '')")
    assert not [p for p in placeholders if p.startswith(("Choose", "No options"))], placeholders
