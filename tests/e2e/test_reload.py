"""Staff break a data file while the app runs: the page names the problem and keeps serving the last good data."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from finder.i18n import t
from tests.e2e.helpers import main_text, open_app, type_query
from ui.routes import ABOUT

CORPUS = Path(__file__).resolve().parent.parent / "badinput"


def _restore(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    _bump(path)


def _bump(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


@pytest.fixture(scope="module")
def live_app(servers, tmp_path_factory):
    """One server on a private copy of data/ for the module; each test puts back what it changed."""
    from finder.live.loader import DATA_DIR

    data = tmp_path_factory.mktemp("live") / "data"
    shutil.copytree(DATA_DIR, data)
    return servers("reload", DXFINDER_DATA_DIR=str(data)), data


def _visit_until(page, url: str, query: str, check, seconds: float = 60.0) -> None:
    """Open the page with ``query`` until ``check()``: a visit starts the reload of changed files and waits for it
    up to 2 s; on a busy machine the reload takes longer and a later visit shows its outcome."""
    deadline = time.monotonic() + seconds
    params = {"q": query} if query else {}
    open_app(page, url, **params)
    while not check():
        assert time.monotonic() < deadline, f"no visit showed the expected state within {seconds:.0f} s"
        page.wait_for_timeout(500)
        open_app(page, url, **params)


def test_broken_file_shows_banner_and_keeps_serving(page, live_app):
    app, data = live_app
    open_app(page, app.url)
    type_query(page, "住民票")
    before = page.locator(".dxf-card .dxf-title").all_inner_texts()
    assert before and not page.locator('[data-testid="stAlert"]').count()

    wifi = data / "wifi.csv"
    good = wifi.read_text(encoding="utf-8")
    try:
        lines = good.splitlines(keepends=True)
        row = next(i for i, line in enumerate(lines) if ",36." in line and ",140." in line)
        lines[row] = lines[row].replace(",36.", ",X36.", 1)  # a non-numeric latitude on that line
        wifi.write_text("".join(lines), encoding="utf-8")
        _bump(wifi)

        banner = page.locator('[data-testid="stAlert"]').filter(has_text="wifi.csv").first
        _visit_until(page, app.url, "住民票", lambda: banner.count() > 0)  # a new visit reloads the data
        text = banner.inner_text()
        assert f"wifi.csv:{row + 1}:緯度:" in text, text
        assert "not a number" in text and t("error.serving_previous") in text
        assert page.locator(".dxf-card .dxf-title").all_inner_texts() == before  # still served
        type_query(page, "Wi-Fi")
        assert page.locator(".dxf-card").count() > 0

        # a second broken file (Shift_JIS export) is named too, and the old data is still served
        shutil.copy(CORPUS / "encoding_shift_jis" / "wifi.csv", wifi)
        _bump(wifi)
        alert = page.locator('[data-testid="stAlert"]').filter(has_text="wifi.csv:1:-").first
        _visit_until(page, app.url, "転出届", lambda: alert.count() > 0)
        assert "not UTF-8" in alert.inner_text()
        assert "転出届" in page.locator(".dxf-card .dxf-title").first.inner_text()

        # fixed: the banner goes away
        _restore(wifi, good)
        _visit_until(page, app.url, "住民票",
                     lambda: not page.locator('[data-testid="stAlert"]').filter(has_text="wifi.csv").count())
        assert t("error.serving_previous") not in main_text(page)
        assert page.watch.dialogs == [] and page.app.exceptions == []
    finally:
        _restore(wifi, good)


def test_broken_data_banner_is_text_without_the_servers_path(page, live_app):
    """A markdown link in a broken cell is shown as text in the banner, and the banner never shows the data path."""
    from tests.e2e.test_hostile_urls import LINKS_JS, PHISH

    app, data = live_app
    wifi = data / "wifi.csv"
    good = wifi.read_text(encoding="utf-8")
    try:
        lines = good.splitlines(keepends=True)
        header = lines[0].rstrip("\n").split(",")
        cells = lines[1].rstrip("\n").split(",")
        cells[header.index("緯度")] = f"[ここを押して再設定]({PHISH})"
        lines[1] = ",".join(cells) + "\n"
        wifi.write_text("".join(lines), encoding="utf-8")
        _bump(wifi)
        _visit_until(page, app.url, "", lambda: "wifi.csv" in main_text(page))
        text = main_text(page)
        assert str(data) not in text and "/tmp/" not in text
        assert page.evaluate(LINKS_JS) == []
    finally:
        _restore(wifi, good)


def test_csv_download_neutralises_formulas(page, live_app):
    """A '-' formula in data is refused (staff open these files in Excel); the CSV handed out has no formula."""
    app, data = live_app
    wifi = data / "wifi.csv"
    good = wifi.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(good, newline="")))
    target = rows[0]
    payload = "-2+3+cmd|' /C calc'!A0"
    target["名称_英語"] = payload
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    open_app(page, app.url, ABOUT.url_path)  # the good catalog is loaded and served
    try:
        wifi.write_text(buf.getvalue(), encoding="utf-8")
        _bump(wifi)
        open_app(page, app.url, ABOUT.url_path)
        assert page.locator('[data-testid="stAlert"]').filter(has_text="wifi.csv").count()  # refused, named
        with page.expect_download() as info:
            page.get_by_role("button", name=t("about.download_csv")).click()
        raw = Path(info.value.path()).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        exported = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        row = next(r for r in exported if r["id"] == target["ID"])
        assert row["title_en"] != "'" + payload and payload not in raw.decode("utf-8-sig")  # the last good data
        for r in exported:
            for column, value in r.items():
                assert not (value[:1] in ("=", "+", "@", "\t", "\r") or (value[:1] == "-" and not _number(value))), \
                    (column, value)
        with page.expect_download() as info:
            page.get_by_role("button", name=t("about.download_geojson")).click()
        doc = json.loads(Path(info.value.path()).read_bytes())
        assert doc["type"] == "FeatureCollection" and doc["features"]
    finally:
        _restore(wifi, good)


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
