"""app.py and what every page shares: navigation, both languages, labels, the kiosk switch, url paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.pages.apptest import APP_CATALOG, FIXTURE_PAGES, ROOT, cards, ok, page_text, run


@pytest.mark.parametrize("page", ["app.py", *FIXTURE_PAGES])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_renders(page, lang):
    at = ok(run(page, lang=lang))
    assert page_text(at).strip()
    assert at.sidebar.radio(key="w_lang").value == lang


def test_navigation_reaches_every_registered_page():
    at = ok(run("app.py"))
    for page in sorted((ROOT / "pages").glob("*.py")):
        at.switch_page(f"pages/{page.name}").run()
        ok(at)


def test_real_catalog_renders_every_page(monkeypatch):
    from finder.live.catalog import CatalogError
    from finder.live.loader import load_catalog

    monkeypatch.delenv("DXFINDER_DATA_DIR")
    try:
        load_catalog()
    except CatalogError:
        pytest.skip("data/ does not load yet (tests/test_catalog_load.py reports it)")
    for page in FIXTURE_PAGES:
        at = ok(run(page))
        assert not at.error, [e.value for e in at.error]


def test_language_switch_and_it_persists_across_pages():
    at = ok(run("app.py", filters=True))
    assert "DXサービスファインダー" in page_text(at)
    at.sidebar.radio(key="w_lang").set_value("en").run()
    ok(at)
    text = page_text(at)
    assert "DX Service Finder" in text and "Choose a city" in [s.label for s in at.selectbox][0]
    assert "Kasama City" in text and "笠間市" not in text  # city names follow the language
    assert at.query_params["lang"] == "en"  # a shared link opens in English
    at.switch_page("pages/4_conbini.py").run()
    ok(at)
    assert "Convenience-store certificates" in page_text(at)
    assert at.sidebar.radio(key="w_lang").value == "en"


def test_every_control_has_a_label():
    for page in FIXTURE_PAGES:
        at = ok(run(page, q="住民票"))
        for group in (at.text_input, at.selectbox, at.radio, at.toggle, at.button):
            for widget in group:
                assert widget.label.strip(), (page, widget)


def test_kiosk_query_param():
    at = ok(run("app.py", kiosk="1"))
    assert not at.sidebar.radio  # no sidebar settings in kiosk mode


def test_broken_data_file_is_named_and_last_good_catalog_served(monkeypatch, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(APP_CATALOG, data, ignore=shutil.ignore_patterns("*.py"))
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(data))
    at = ok(run("pages/1_search.py", q="住民票"))
    assert not at.error
    wifi = data / "wifi.csv"
    wifi.write_text(wifi.read_text(encoding="utf-8").replace("36.0786", "north"), encoding="utf-8")
    at.run()
    ok(at)
    errors = " ".join(e.value for e in at.error)
    assert "wifi.csv:3:緯度" in errors and "前回正しく読み込めたデータ" in errors
    assert cards(at)  # still serving results


def test_no_catalog_at_all_is_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(tmp_path / "missing"))
    at = ok(run("pages/1_search.py"))
    assert "データを読み込めませんでした" in " ".join(e.value for e in at.error)


def test_catalog_and_index_are_built_once_per_process(monkeypatch, tmp_path):
    from ui.state import _store_for

    data = tmp_path / "data"
    shutil.copytree(APP_CATALOG, data, ignore=shutil.ignore_patterns("*.py"))
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(data))
    at = ok(run("pages/1_search.py"))
    for query in ("住民票", "転出", "wifi"):
        at.text_input(key="w_q").input(query).run()
        ok(at)
    ok(run("pages/4_conbini.py"))  # another session, another page
    store = _store_for(str(data))
    assert store.reloads == 1
    assert "index" in store.catalog.__dict__  # built with the catalog (cached_property), reused by every rerun


def test_url_paths_match_the_file_names():
    """A deep link in the first session after start is resolved against pages/ (see ui/routes.py)."""
    import re

    from ui.routes import PAGES

    for page in PAGES:
        assert page.url_path == re.sub(r"^\d+_", "", Path(page.path).stem), page
