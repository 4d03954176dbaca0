"""Shared links are user input too: hostile or broken query parameters never break or inject into a page."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import injected_markup, main_text, open_app, type_query
from ui.routes import CONBINI, DETAIL

PAYLOAD = '"><img src=x onerror="window.__xss=1;alert(1)">'
# Only the 9,000-character link needs a browser context of its own: the shared context's earlier pages would
# send it along to the server, which refuses so long a request. The others reuse the shared context's cache.
LONG = "住民票" * 3000  # 9,000 characters (the box takes 200)
# A path-like item id is only a dictionary key (tests/test_app_safety.py proves the page says "not found").
CASES = [
    ("", {"q": PAYLOAD, "city": "大阪市", "kind": "evil"}),
    ("", {"q": LONG, "lang": "xx"}),
    ("", {"item": "<script>window.__xss=2</script>", "lang": "<b>en</b>"}),
    (DETAIL.url_path, {"item": PAYLOAD * 20}),
    (CONBINI.url_path, {"city": "<svg onload=window.__xss=3>"}),
    ("", {"kiosk": "1", "lang": PAYLOAD}),  # the kiosk link is /?kiosk=1 (lang only goes through norm_lang)
]


@pytest.mark.parametrize(("path", "params"), CASES, ids=[f"{p or 'search'}-{i}" for i, (p, _) in enumerate(CASES)])
def test_hostile_query_parameters(request, app, path, params):
    page = request.getfixturevalue("fresh_page" if params.get("q") == LONG else "page")
    open_app(page, app.url, path, **params)  # fails on any exception or "page not found"
    assert main_text(page).strip()
    page.wait_for_timeout(300)
    assert not injected_markup(page)
    assert not page.watch.dialogs and not page.watch.page_errors
    assert "Traceback" not in main_text(page) and "/work/" not in main_text(page)


# Markdown, not HTML: a shared link that would put a clickable phishing link or a tracking image inside the
# app's own message box (the no-results box, the not-found box), or make a bare URL clickable.
PHISH = "https://evil.example/login"
MARKDOWN_QUERIES = [
    f"[市役所ログイン]({PHISH})",
    "![t](https://evil.example/t.png)",
    f"{PHISH} www.evil.example staff@evil.example",
    ":red[**至急**] <b>x</b> \u202eevil",
]
MARKDOWN_ITEMS = [
    ("", {"item": f"[再ログイン]({PHISH})"}),
    (DETAIL.url_path, {"item": "![t](https://evil.example/t.png) www.evil.example"}),
]

LINKS_JS = r"""() => [...document.querySelectorAll('a[href], img[src]')]
  .filter(el => /evil\.example/i.test(el.getAttribute('href') || el.getAttribute('src')))
  .map(el => el.parentElement.parentElement.outerHTML.slice(0, 400))"""


def assert_shown_as_text(page) -> None:
    text = main_text(page)
    assert "evil" in text or "市役所" in text or "再ログイン" in text  # shown, as text
    assert page.evaluate(LINKS_JS) == []
    assert not page.locator('[data-testid="stMarkdownContainer"] strong:has-text("至急")').count()
    assert "\u202e" not in text
    assert not injected_markup(page)


def test_markdown_in_a_linked_or_typed_query_stays_text(page, app):
    """The no-results box shows the query: the first payload arrives in a link, the others are typed into the
    same page (one payload at a time: the box cuts the query at 60 characters)."""
    open_app(page, app.url, q=MARKDOWN_QUERIES[0])
    assert_shown_as_text(page)
    for query in MARKDOWN_QUERIES[1:]:
        type_query(page, query)
        assert_shown_as_text(page)


@pytest.mark.parametrize(("path", "params"), MARKDOWN_ITEMS,
                         ids=[f"md-{p or 'search'}-item" for p, _ in MARKDOWN_ITEMS])
def test_markdown_in_an_item_link_stays_text(page, app, path, params):
    open_app(page, app.url, path, **params)
    assert_shown_as_text(page)
