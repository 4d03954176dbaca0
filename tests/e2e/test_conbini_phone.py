"""コンビニ交付 on a 390 px phone: one card per certificate (and per city in the comparison) instead of a
table whose headers stand one character per line and whose 「不明」 breaks in two; the open buttons follow
the order of the rows."""

from __future__ import annotations

from finder.i18n import t
from tests.e2e.helpers import open_app
from ui.routes import CONBINI

# Elements of the card lists that show text on one line each: a label, or a short value.
_BROKEN_SHORT_TEXTS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] .dxf-rec dt, [data-testid="stMain"] .dxf-rec dd')) {
    if (!el.offsetParent) continue;  // hidden
    const text = el.textContent.trim();
    if (text.length > 6) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) out.push(text);
  }
  return out;
}"""


def _visible_tables(page) -> int:
    return page.locator('[data-testid="stMain"] table').evaluate_all(
        "els => els.filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0).length")


def test_conbini_on_a_phone_shows_cards_in_row_order(phone_page, app):
    page = phone_page
    open_app(page, app.url, CONBINI.url_path, city="082031")
    cards = page.locator('.st-key-dxf_cert_cards .dxf-rec')
    cards.first.wait_for()
    titles = [c.strip() for c in cards.locator(".dxf-rec-title").all_inner_texts()]
    assert len(titles) >= 3 and _visible_tables(page) == 0
    # every certificate's card keeps each label on one line (no one-character column) and 不明 whole
    assert page.evaluate(_BROKEN_SHORT_TEXTS) == []
    widths = cards.locator("dt").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert min(widths) > 60, widths
    # the open buttons, in reading order (top to bottom, left to right), follow the cards
    boxes = page.locator('.st-key-dxf_cert_open button').evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [Math.round(r.top), Math.round(r.left), e.innerText.trim()]; })")
    in_order = [label for _, _, label in sorted(boxes)]
    assert [label.split(": ", 1)[-1] for label in in_order] == titles
    # the five-city comparison is cards too, one per city
    compare = page.locator('.st-key-dxf_compare_cards .dxf-rec')
    compare.first.wait_for()
    assert compare.count() == 5 and "不明" not in "".join(page.evaluate(_BROKEN_SHORT_TEXTS))


def test_conbini_on_a_desktop_keeps_the_table(page, app):
    open_app(page, app.url, CONBINI.url_path, city="082031")
    page.locator('.st-key-dxf_cert_table table').wait_for()
    assert _visible_tables(page) == 2
    assert not page.locator('.st-key-dxf_cert_cards .dxf-rec').first.is_visible()
    assert page.get_by_text(t("conbini.compare")).first.is_visible()
