"""Catalog text with script payloads is shown as text and runs nothing, on every page that shows it.

The server runs on tests/fixtures/xss_catalog through tests/e2e/serve_relaxed.py (validation's HTML and
template rules off, nothing else). A payload that ran would set ``window.__xss``, open an alert, insert an element
(img src=x, svg onload, iframe srcdoc), create a javascript: link, or fetch https://evil.example/.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from finder.i18n import t
from tests.e2e.helpers import LOCAL_HOSTS, ROOT, act, injected_markup, main_text, open_app, type_query
from ui.routes import ABOUT, CLASSES, CONBINI, DETAIL, KIOSK, LIFE_EVENTS, MAP

FIXTURE = ROOT / "tests" / "fixtures" / "xss_catalog"
ITEMS = ["xss-proc-1", "xss-cert-1", "xss-wifi-1", "xss-fac-1", "xss-class-1"]
# Hosts the pages may ask for (answered offline by the test router): map tiles and folium's CDNs.
EXPECTED_HOSTS = {"tile.openstreetmap.org", "cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com",
                  "netdna.bootstrapcdn.com"}

@pytest.fixture(scope="module")
def xss_app(servers):
    command = [sys.executable, str(Path(__file__).with_name("serve_relaxed.py")), "run"]
    return servers("xss", command=command, DXFINDER_DATA_DIR=str(FIXTURE), DXFINDER_KIOSK_FACILITY="xss-fac-1")


@pytest.fixture
def watched(page):
    """The page, plus every host it asked for."""
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or ""))
    page.hosts = hosts
    return page


def assert_inert(page, where: str) -> None:
    page.wait_for_timeout(300)  # give onerror/onload handlers their chance to fire
    found = injected_markup(page)
    assert not found, f"{where}: injected markup ran or was inserted:\n" + "\n".join(found)
    assert not page.watch.dialogs, f"{where}: dialogs opened: {page.watch.dialogs}"
    assert not page.app.exceptions, f"{where}: {page.app.exceptions}"


MARKDOWN_LEAK_JS = r"""() => [
  // images from catalog text, deceptive links ([text](url)), links made from [クリック](...), raw <b>
  ...[...document.querySelectorAll('img[src*="evil.example"]')],
  ...[...document.querySelectorAll('a')].filter(a => (a.getAttribute('href') || '').includes('evil.example')
                                               && a.textContent.trim() !== a.getAttribute('href')),
  ...[...document.querySelectorAll('a')].filter(a => a.textContent.trim() === 'クリック'),
  ...[...document.querySelectorAll('b, strong')].filter(b => b.textContent.includes('太字?')),
].map(e => e.outerHTML)"""


def assert_no_markdown_leak(page, where: str) -> None:
    """Markdown in catalog text must stay text too: no image fetched, no link or bold made from it.

    A URL shown as its own link text (the pages link plain URLs on purpose) is honest and allowed.
    """
    strange = {h for h in page.hosts if h and h not in LOCAL_HOSTS and h not in EXPECTED_HOSTS}
    made = [m for frame in page.frames for m in frame.evaluate(MARKDOWN_LEAK_JS)]
    assert not strange and not made, f"{where}: fetched from {strange}; markup from data: {made}"


def test_fixture_is_refused_by_validation():
    from finder.catalog.validate import validate_dir
    from tests.e2e.serve_relaxed import RELAXED

    result = validate_dir(FIXTURE)
    assert result.errors and all(getattr(p.message, "key", None) in RELAXED for p in result.errors)
    assert any("template syntax" in p.message for p in result.errors)


def test_search_results_show_payloads_as_text(watched, xss_app):
    page = watched
    open_app(page, xss_app.url)
    type_query(page, "XSS試験")
    text = main_text(page)
    assert '<script>window.__xss=1;alert("xss1")</script>' in text
    assert "<img src=x onerror=" in text
    assert page.locator(".dxf-card").count() >= 4
    assert_inert(page, "search results")
    assert_no_markdown_leak(page, "search results")
    act(page, page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click)
    assert "XSS test \"><svg onload=" in main_text(page)
    assert_inert(page, "search results (English)")
    assert_no_markdown_leak(page, "search results (English)")


@pytest.mark.parametrize("item_id", ITEMS)
def test_detail_pages_show_payloads_as_text(watched, xss_app, item_id):
    page = watched
    open_app(page, xss_app.url, DETAIL.url_path, item=item_id)
    text = main_text(page)
    assert "XSS" in text and ("<" in text or "`" in text)
    assert "49" not in text.replace("2026-11-24", "")  # {{ 7*7 }} is not evaluated anywhere
    assert_inert(page, f"detail {item_id}")
    assert_no_markdown_leak(page, f"detail {item_id}")
    open_app(page, xss_app.url, DETAIL.url_path, item=item_id, lang="en")
    assert_inert(page, f"detail {item_id} (English)")
    assert_no_markdown_leak(page, f"detail {item_id} (English)")


def test_map_popups_and_tooltips_run_nothing(watched, xss_app):
    page = watched
    open_app(page, xss_app.url, MAP.url_path)
    page.locator('iframe[title*="streamlit_folium"]').first.wait_for()
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.locator(".leaflet-marker-icon").first.wait_for()
    opened = frame.evaluate("""() => {
      const out = [];
      const maps = [];
      for (const key of Object.keys(window)) {
        try { if (window[key] instanceof L.Map) maps.push(window[key]); } catch (e) {}
      }
      for (const map of maps) {
        map.eachLayer(layer => {
          if (layer.getPopup && layer.getPopup()) {
            layer.openPopup();
            const el = layer.getPopup().getElement();
            out.push(el ? el.innerText : '');
          }
          if (layer.getTooltip && layer.getTooltip()) {
            layer.openTooltip();
            const el = layer.getTooltip().getElement();
            out.push(el ? el.innerText : '');
          }
        });
      }
      return out;
    }""")
    popups = "\n".join(opened)
    assert "XSS試験Wi-Fi <img src=x onerror=" in popups
    assert "XSS試験施設 \"><svg onload=" in popups
    assert "XSS試験教室 </script><script>" in popups
    assert "${window.__xss=4}" in popups  # the template-literal payload stays text
    assert_inert(page, "map popups")


def test_conbini_classes_and_data_pages_run_nothing(watched, xss_app):
    """Each page is opened once: the payload text, script and markdown checks all run on that one load."""
    page = watched
    for path, params in ((CONBINI.url_path, {"city": "土浦市"}), (CLASSES.url_path, {}), (LIFE_EVENTS.url_path, {}), (ABOUT.url_path, {})):
        open_app(page, xss_app.url, path, **params)
        if path == CONBINI.url_path:
            assert "XSS試験証明書 <img src=x" in main_text(page)
        assert_inert(page, path)
        assert_no_markdown_leak(page, path)


def test_kiosk_cards_run_nothing(watched, xss_app):
    page = watched
    open_app(page, xss_app.url, KIOSK.url_path)
    for key in ("wifi", "class", "cert"):
        act(page, page.get_by_role("button", name=t(f"kiosk.{key}", "ja")).first.click)
        assert "XSS" in main_text(page)
        assert_inert(page, f"kiosk {key}")
        home = page.get_by_role("button", name=t("kiosk.home", "ja"))
        if home.count():
            act(page, home.first.click)
        else:
            open_app(page, xss_app.url, KIOSK.url_path)

