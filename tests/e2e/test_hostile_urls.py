"""Shared links are user input too: hostile or broken query parameters never break or inject into a page."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import injected_markup, main_text, open_app
from ui.routes import CONBINI, DETAIL

PAYLOAD = '"><img src=x onerror="window.__xss=1;alert(1)">'
# A path-like item id is only a dictionary key (tests/test_app_safety.py proves the page says "not found").
CASES = [
    ("", {"q": PAYLOAD, "city": "大阪市", "kind": "evil"}),
    ("", {"q": "住民票" * 3000, "lang": "xx"}),  # 9,000 characters (the box takes 200)
    ("", {"item": "<script>window.__xss=2</script>", "lang": "<b>en</b>"}),
    (DETAIL.url_path, {"item": PAYLOAD * 20}),
    (CONBINI.url_path, {"city": "<svg onload=window.__xss=3>"}),
    ("", {"kiosk": "1", "lang": PAYLOAD}),  # the kiosk link is /?kiosk=1 (lang only goes through norm_lang)
]


@pytest.mark.parametrize(("path", "params"), CASES, ids=[f"{p or 'search'}-{i}" for i, (p, _) in enumerate(CASES)])
def test_hostile_query_parameters(fresh_page, app, path, params):
    page = fresh_page
    open_app(page, app.url, path, **params)  # fails on any exception or "page not found"
    assert main_text(page).strip()
    page.wait_for_timeout(300)
    assert not injected_markup(page)
    assert not page.watch.dialogs and not page.watch.page_errors
    assert "Traceback" not in main_text(page) and "/work/" not in main_text(page)


# Markdown, not HTML: a shared link that would put a clickable phishing link or a tracking image inside the
# app's own message box (the no-results box, the not-found box), or make a bare URL clickable.
PHISH = "https://evil.example/login"
MARKDOWN_CASES = [
    ("", {"q": f"[市役所ログイン]({PHISH})"}),
    ("", {"q": "![t](https://evil.example/t.png)"}),
    ("", {"q": f"{PHISH} www.evil.example staff@evil.example"}),
    ("", {"q": ":red[**至急**] <b>x</b> \u202eevil"}),
    ("", {"item": f"[再ログイン]({PHISH})"}),
    (DETAIL.url_path, {"item": "![t](https://evil.example/t.png) www.evil.example"}),
]

LINKS_JS = r"""() => [...document.querySelectorAll('a[href], img[src]')]
  .filter(el => /evil\.example/i.test(el.getAttribute('href') || el.getAttribute('src')))
  .map(el => el.parentElement.parentElement.outerHTML.slice(0, 400))"""


@pytest.mark.parametrize(("path", "params"), MARKDOWN_CASES,
                         ids=[f"md-{p or 'search'}-{i}" for i, (p, _) in enumerate(MARKDOWN_CASES)])
def test_markdown_in_query_parameters_stays_text(page, app, path, params):
    open_app(page, app.url, path, **params)
    text = main_text(page)
    assert "evil" in text or "市役所" in text or "再ログイン" in text  # shown, as text
    assert page.evaluate(LINKS_JS) == []
    assert not page.locator('[data-testid="stMarkdownContainer"] strong:has-text("至急")').count()
    assert "\u202e" not in text
    assert not injected_markup(page)
