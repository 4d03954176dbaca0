"""Configuration problems reach staff, never the kiosk's public screen; the kiosk's QR codes open the item in
the item's own city."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from finder.resident import config_check, qr
from tests.pages.apptest import MAP_CATALOG, ROOT, ok, page_text, run
from tests.test_desk_page import accounts_line, data, pick_city, sign_in, text  # noqa: F401 (fixtures)


def _kiosk(monkeypatch, base: str, facility: str = "fx-fac-lib", idle: str = "120"):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(MAP_CATALOG))
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-23T10:00+09:00")
    monkeypatch.setenv("DXFINDER_BASE_URL", base)
    monkeypatch.setenv("DXFINDER_KIOSK_FACILITY", facility)
    monkeypatch.setenv("DXFINDER_KIOSK_IDLE_SECONDS", idle)
    return ok(run("pages/5_kiosk.py", kiosk="1"))


def test_the_kiosk_never_shows_residents_a_configuration_warning(monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="dxfinder.config")
    monkeypatch.setattr(config_check, "_logged", set())  # once per process: an earlier test may have logged it
    for base, idle in (("", "120"), ("http://127.0.0.1:8501", "5x")):
        at = _kiosk(monkeypatch, base, idle=idle)
        shown = page_text(at) + "".join(h.proto.body for h in at.html)
        assert not at.warning and "DXFINDER" not in shown and "base_url" not in shown
        assert "スマホでは開けません" not in shown
    logged = caplog.text
    assert "DXFINDER_BASE_URL/base_url" in logged and "DXFINDER_KIOSK_IDLE_SECONDS" in logged


def test_a_qr_code_opens_the_item_in_its_own_city(monkeypatch):
    links: list[str] = []
    real = qr.qr_figure_html
    monkeypatch.setattr(qr, "qr_figure_html", lambda link, *a, **k: links.append(link) or real(link, *a, **k))
    at = _kiosk(monkeypatch, "https://kiosk.example")  # a kiosk in 土浦市
    at.button(key="kbtn_class").click().run()
    links.clear()
    at.button(key="kbtn_city_kiosk_class_city_082163").click().run()  # 笠間市's classes
    ok(at)
    app_links = [link for link in links if link.startswith("https://kiosk.example/")]
    assert app_links and all("city=082163" in link for link in app_links), app_links


def test_staff_see_the_settings_problem_in_the_desk_to_do_list(data, monkeypatch):  # noqa: F811
    monkeypatch.setenv("DXFINDER_BASE_URL", "")
    at = pick_city(sign_in(), "082163")
    ok(at.segmented_control(key="desk_view").set_value("todo").run())
    shown = text(at).replace("\\_", "_")  # markdown-escaped underscores
    assert "アプリの設定の問題" in shown and "DXFINDER_BASE_URL/base_url" in shown and "スマホでは開けません" in shown


def test_validate_warns_about_the_settings():
    env = {**os.environ, "DXFINDER_BASE_URL": "http://localhost:8501"}
    done = subprocess.run([sys.executable, "-m", "finder", "validate", "data"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "settings: warning: DXFINDER_BASE_URL/base_url" in done.stderr
