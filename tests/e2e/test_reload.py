"""Staff break a data file while the app runs: the page names the problem and keeps serving the last good data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from finder.i18n import t
from tests.e2e.helpers import main_text, open_app, type_query

CORPUS = Path(__file__).resolve().parent.parent / "badinput"


def _bump(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def live_app(servers, data_copy):
    return servers("reload", DXFINDER_DATA_DIR=str(data_copy)), data_copy


def test_broken_file_shows_banner_and_keeps_serving(page, live_app):
    app, data = live_app
    open_app(page, app.url)
    type_query(page, "住民票")
    before = page.locator(".dxf-card .dxf-title").all_inner_texts()
    assert before and not page.locator('[data-testid="stAlert"]').count()

    wifi = data / "wifi.csv"
    good = wifi.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if ",36." in line and ",140." in line)
    lines[row] = lines[row].replace(",36.", ",X36.", 1)  # a non-numeric latitude on that line
    wifi.write_text("".join(lines), encoding="utf-8")
    _bump(wifi)

    open_app(page, app.url, q="住民票")  # a new visit reloads the data
    banner = page.locator('[data-testid="stAlert"]').filter(has_text="wifi.csv").first
    banner.wait_for()
    text = banner.inner_text()
    assert f"wifi.csv:{row + 1}:緯度:" in text, text
    assert "not a number" in text and t("error.serving_previous") in text
    assert page.locator(".dxf-card .dxf-title").all_inner_texts() == before  # still served
    type_query(page, "Wi-Fi")
    assert page.locator(".dxf-card").count() > 0

    # a second broken file (Shift_JIS export) is named too, and the old data is still served
    shutil.copy(CORPUS / "encoding_shift_jis" / "wifi.csv", wifi)
    _bump(wifi)
    open_app(page, app.url, q="転出届")
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="wifi.csv:1:-").first
    alert.wait_for()
    assert "not UTF-8" in alert.inner_text()
    assert "転出届" in page.locator(".dxf-card .dxf-title").first.inner_text()

    # fixed: the banner goes away
    wifi.write_text(good, encoding="utf-8")
    _bump(wifi)
    open_app(page, app.url, q="住民票")
    assert not page.locator('[data-testid="stAlert"]').filter(has_text="wifi.csv").count()
    assert t("error.serving_previous") not in main_text(page)
    assert page.watch.dialogs == [] and page.app.exceptions == []
