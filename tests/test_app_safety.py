"""AppTest: hostile URL text stays literal in messages; held-back data and the served version are shown to staff."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"
PHISH = "[ログインはこちら](https://evil.example/login) ![t](https://evil.example/t.png) https://evil.example"


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("DXFINDER_NOW", "2026-12-01T10:00+09:00")


def run(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _no_markdown_link(text: str) -> None:
    assert "](" not in text.replace("\\](", "") and "\\[" in text, text
    assert "https://" not in text and "https:\u2060//" in text, text


def test_query_text_is_literal_in_the_no_results_box():
    at = run("pages/1_search.py", q=PHISH)
    infos = [i.value for i in at.info]
    assert infos
    _no_markdown_link(infos[0])


@pytest.mark.parametrize("page", ["pages/1_search.py", "pages/2_detail.py"])
def test_item_text_is_literal_in_the_not_found_box(page):
    at = run(page, item=PHISH)
    warnings = [w.value for w in at.warning]
    assert warnings
    _no_markdown_link(warnings[0])


def test_broken_data_banner_is_literal_and_has_no_server_path(monkeypatch, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data, ignore=shutil.ignore_patterns("*.py"))
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(data))
    run("pages/1_search.py")
    wifi = data / "wifi.csv"
    wifi.write_text(wifi.read_text(encoding="utf-8").replace("36.0786", "[x](https://evil.example)"),
                    encoding="utf-8")
    at = run("pages/1_search.py")
    banner = " ".join(e.value for e in at.error)
    assert "wifi.csv" in banner and str(tmp_path) not in banner
    assert "](" not in banner.replace("\\](", "")


def test_held_back_edit_is_shown_to_staff_with_the_previous_data(monkeypatch, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(data))
    at = run("pages/9_about_data.py")
    assert not at.warning
    cert = data / "certificates.csv"
    lines = cert.read_text(encoding="utf-8").splitlines(keepends=True)
    cert.write_text("".join(lines[:-18]), encoding="utf-8")
    st = cert.stat()
    os.utime(cert, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    at = run("pages/9_about_data.py")
    held = " ".join(w.value for w in at.warning)
    assert "certificates.csv" in held and "confirm" in held


def test_md_escape_breaks_links_images_autolinks_and_bidi():
    from finder.present.html import md_escape

    out = md_escape("[a](https://evil.example) ![i](x) www.evil.example a@evil.example \u202eb\nc")
    assert "\\[a\\]" in out and "!\\[i\\]" in out
    assert "https://" not in out and "www." not in out and "@evil" not in out
    assert "\u202e" not in out and "\n" not in out
    assert md_escape("029-000-0002") == "029-000-0002"
