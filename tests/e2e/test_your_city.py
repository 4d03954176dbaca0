"""Your city, phone layout, Back and accessibility in the real app (Debian chromium), played by personas.

Prints the first result's position on a 390×844 phone (normal and large text): the closing note's figure.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from finder.i18n import t
from finder.live.loader import load_catalog
from tests.e2e.helpers import PHONE, act, main_text, open_app, settle
from ui.routes import CLASSES, KIOSK

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]+")
CARD = '[data-testid="stMain"] .dxf-card'


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def type_city(page, text: str, key: str = "cq") -> None:
    box = page.locator(f".st-key-{key}_q input")
    box.click()
    act(page, lambda: (box.fill(text), box.press("Enter")))


def search(page, query: str) -> None:
    box = page.locator(".st-key-w_q input")
    box.click()
    act(page, lambda: (box.fill(query), box.press("Enter")))


def first_card_top(page) -> float:
    page.locator(CARD).first.wait_for()
    return page.locator(CARD).first.bounding_box()["y"]


def test_a_postal_code_leads_to_konbini_certificates_of_that_city(page, app):
    """Someone in 札幌 types their postal code, picks the city and finds コンビニ交付 with what to do next."""
    open_app(page, app.url)
    page.get_by_text(t("city.question"), exact=True).wait_for()
    # a town's reading offers the city first, then the one whose name only begins the same
    type_city(page, "つくば")
    buttons = page.locator('[class*="st-key-cq_pick_"] button').all_inner_texts()
    assert buttons[:2] == ["つくば市（茨城県）", "つくばみらい市（茨城県）"]
    type_city(page, "060-0001")
    act(page, page.locator(".st-key-cq_pick_011011 button").click)
    assert params(page)["city"] == "011002"
    assert "札幌市中央区は札幌市の区です" in main_text(page)
    assert "札幌市（北海道）" in page.locator(".st-key-cb_pop").inner_text()
    act(page, page.get_by_role("link", name=re.compile(t("nav.conbini"))).first.click)
    page.get_by_text("札幌市のコンビニ交付").wait_for()
    text = main_text(page).split(t("conbini.compare"))[0]  # the five-city comparison follows
    assert "札幌市で利用できるかは分かりません" in text and t("status.open") not in text, text
    steps = page.locator(".dxf-national-next a")
    hrefs = [steps.nth(i).get_attribute("href") for i in range(steps.count())]
    assert "https://www.city.sapporo.jp/" in hrefs and "https://www.lg-waps.go.jp/01-04.html" in hrefs
    act(page, page.get_by_role("button", name="くわしく見る: 住民票の写し").click)
    page.get_by_role("heading", name="住民票の写し").first.wait_for()
    assert params(page)["item"] == "nat-011002-juminhyo"
    assert page.locator(".dxf-national-next a").count() >= 3 and t("national.header") in main_text(page)
    # the header's 📍 button opens the picker (drawn once it is open): another city is one tap away
    act(page, page.locator(".st-key-cb_pop button").first.click)
    act(page, page.locator(".st-key-cb_quick_082163 button").click)
    assert params(page)["city"] == "082163"
    assert not page.watch.page_errors and not page.watch.dialogs


@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
def test_70_year_old_on_a_phone_sees_the_first_result_on_the_first_screen(phone_page, app, large):
    """土浦市, 390×844, searching 住民票: the first result card starts within the first screen."""
    page = phone_page
    open_app(page, app.url, city="082031", **({"large": "1"} if large else {}))
    assert page.locator('[data-testid="stSidebar"]').get_attribute("aria-expanded") != "true"  # menu folded
    if large:
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    search(page, "住民票")
    top = first_card_top(page)
    print(f"\nfirst result card at y={top:.0f} px of {PHONE['height']} ({'large' if large else 'normal'} text)")
    assert top < PHONE["height"] - 120, top  # its title is readable without scrolling
    card = page.locator(CARD).first
    assert card.locator(".dxf-title").inner_text().strip() == "住民票の写し"
    assert card.bounding_box()["width"] <= PHONE["width"]  # no sideways scrolling
    act(page, page.locator('[data-testid="stMain"] button', has_text=t("common.open")).first.click)
    heading = page.locator('[data-testid="stMain"] h2').first
    heading.wait_for()
    assert heading.bounding_box()["y"] < PHONE["height"] / 2  # the detail is not pushed down by the form
    page.reload(wait_until="domcontentloaded")
    settle(page)
    assert params(page).get("large") == ("1" if large else None)  # the setting survives a reload
    page.go_back()
    settle(page)
    assert "item" not in params(page)
    page.locator(CARD).first.wait_for()


def test_english_speaker_in_kasama_sees_an_english_page(page, app, catalog):
    open_app(page, app.url, city="082163", lang="en")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_label(t("search.box", "en")).count() >= 1
    assert t("nav.search", "en") in page.locator('[data-testid="stSidebarNav"]').inner_text()
    data = "\n".join([*(v for it in catalog.items for v in it.data.values()), *(m.name for m in catalog.municipalities)])
    for path in ("", "conbini"):
        if path:
            act(page, page.get_by_role("link", name=t("nav.conbini", "en")).first.click)
        assert page.evaluate("document.documentElement.lang") == "en"
        text = main_text(page)
        assert "Kasama City" in text
        ui_words = [w for w in JAPANESE.findall(text) if w != "日本語" and w not in data]
        assert ui_words == [], ui_words  # Japanese only in data (and the language switch's own name)
    act(page, page.get_by_role("button", name="日本語").first.click)
    assert page.evaluate("document.documentElement.lang") == "ja" and "lang" not in params(page)
    assert t("nav.conbini", "ja") in page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert t("conbini.compare", "ja") in main_text(page)


@pytest.mark.parametrize("origin", [CLASSES], ids=lambda p: p.url_path)  # every page's back link is one function
def test_back_returns_to_the_page_the_person_came_from(page, app, origin):
    open_app(page, app.url, origin.url_path, city="082163")
    start = page.url
    act(page, page.locator('[data-testid="stMain"] button', has_text=t("common.open")).first.click)
    page.locator('[data-testid="stMain"] h2').first.wait_for()
    assert "/detail" in page.url
    back = page.get_by_role("link", name=t("city.back_to", page=t(origin.title_key)))
    act(page, back.click)
    assert urlparse(page.url).path == urlparse(start).path and params(page)["city"] == "082163"
    act(page, page.locator('[data-testid="stMain"] button', has_text=t("common.open")).first.click)
    page.locator('[data-testid="stMain"] h2').first.wait_for()
    page.go_back()  # the browser's own Back
    settle(page)
    assert urlparse(page.url).path == urlparse(start).path
    page.get_by_role("heading", name=re.compile(t(origin.title_key))).first.wait_for()


def test_kiosk_entry_in_the_menu_does_not_trap_a_desktop_user(page, app):
    open_app(page, app.url)
    act(page, page.locator('[data-testid="stSidebarNav"]').get_by_text(t(KIOSK.title_key), exact=True).click)
    page.get_by_text(t("city.kiosk_preview")).wait_for()
    act(page, page.get_by_role("link", name=t("city.kiosk_exit")).click)
    page.get_by_text(t("app.title"), exact=False).first.wait_for()
    assert page.locator('[data-testid="stSidebarNav"]').is_visible()


def _luminance(rgb: tuple[float, ...]) -> float:
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb[:3])]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


# Every visible text node's colour and the first opaque background behind it, as the browser computes them.
TEXT_COLOURS_JS = r"""() => {
  const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || !el.offsetParent) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    let bg = null;
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) { bg = c; break; }
    }
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    out.push({text: node.textContent.trim().slice(0, 30), fg: rgb(style.color), bg: bg || [255, 255, 255], opacity});
  }
  return out;
}"""


def test_high_contrast_and_large_text_keep_captions_and_badges_readable(page, app):
    open_app(page, app.url, city="082031", contrast="1", large="1")
    search(page, "住民票")
    low = []
    for node in page.evaluate(TEXT_COLOURS_JS):
        fg, bg = node["fg"], node["bg"]
        alpha = (fg[3] if len(fg) == 4 else 1.0) * node["opacity"]
        blended = [f * alpha + b * (1 - alpha) for f, b in zip(fg[:3], bg[:3])]
        la, lb = sorted((_luminance(blended), _luminance(bg)), reverse=True)
        if (la + 0.05) / (lb + 0.05) < 7.0:
            low.append((node["text"], round((la + 0.05) / (lb + 0.05), 2)))
    assert low == [], low[:10]
    badge = page.locator(".dxf-badge").first
    assert float(badge.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 18  # large text: badges too
