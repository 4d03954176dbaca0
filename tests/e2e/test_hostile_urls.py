"""Shared links are user input too: hostile or broken query parameters never break or inject into a page."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import injected_markup, main_text, open_app
from ui.routes import CONBINI, DETAIL, KIOSK

PAYLOAD = '"><img src=x onerror="window.__xss=1;alert(1)">'
CASES = [
    ("", {"q": PAYLOAD, "city": "大阪市", "kind": "evil"}),
    ("", {"q": "住民票" * 3000, "lang": "xx"}),  # 9,000 characters (the box takes 200)
    ("", {"item": "<script>window.__xss=2</script>", "lang": "<b>en</b>"}),
    (DETAIL.url_path, {"item": "../../../etc/passwd"}),
    (DETAIL.url_path, {"item": PAYLOAD * 20}),
    (CONBINI.url_path, {"city": "<svg onload=window.__xss=3>"}),
    ("", {"kiosk": "1", "lang": PAYLOAD}),  # the kiosk link is /?kiosk=1
    (KIOSK.url_path, {"lang": PAYLOAD}),
]


@pytest.mark.parametrize(("path", "params"), CASES, ids=[f"{p or 'search'}-{i}" for i, (p, _) in enumerate(CASES)])
def test_hostile_query_parameters(page, app, path, params):
    open_app(page, app.url, path, **params)  # fails on any exception or "page not found"
    assert main_text(page).strip()
    page.wait_for_timeout(300)
    assert not injected_markup(page)
    assert not page.watch.dialogs and not page.watch.page_errors
    assert "Traceback" not in main_text(page) and "/work/" not in main_text(page)
