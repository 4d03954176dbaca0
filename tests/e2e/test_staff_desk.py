"""The staff desk in a real browser: sign in, a broken upload changes nothing, a class added in the form is
published, residents see it on the class page and in search, and a rollback takes it away again."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from finder.catalog.csvio import csv_bytes
from finder.catalog.schema import CLASSES
from finder.desk import auth
from tests.e2e.helpers import (
    act,
    desk_sign_in,
    fill_labelled,
    injected_markup,
    main_text,
    open_app,
    settle,
    type_query,
)
from ui.routes import CLASSES as CLASSES_PAGE
from ui.routes import STAFF_DESK

PASSWORD = "e2e horse battery staple"  # made up for this test
NEW_CLASS = "タブレット入門教室 (1月)"


@pytest.fixture(scope="module")
def desk_app(servers, tmp_path_factory):
    from finder.live.loader import DATA_DIR

    data = tmp_path_factory.mktemp("desk") / "data"
    shutil.copytree(DATA_DIR, data)
    line = auth.account_line("yamada", auth.hash_password(PASSWORD))
    return servers("desk", DXFINDER_DATA_DIR=str(data), DXFINDER_STAFF_ACCOUNTS=line), data


def click(page, name: str) -> None:
    act(page, lambda: page.get_by_role("button", name=name, exact=True).first.click())


def view(page, name: str) -> None:
    act(page, lambda: page.get_by_role("radio", name=name, exact=True).click())


def choose(page, label: str, option: str) -> None:
    select = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    act(page, lambda: (select.click(), page.get_by_role("option", name=option, exact=True).click()))


def kasama_rows(data: Path) -> list[dict[str, str]]:
    rows = csv.DictReader(io.StringIO((data / "classes.csv").read_text(encoding="utf-8")))
    return [r for r in rows if r["全国地方公共団体コード"] == "082163"]


def test_staff_publish_and_roll_back_a_class(page, browser, desk_app, tmp_path):
    app, data = desk_app
    original = {p.name: p.read_bytes() for p in data.glob("*.csv")}

    # The desk is not in the residents' menu, and needs a sign-in.
    open_app(page, app.url)
    assert not page.get_by_role("link", name="職員データデスク").count()
    open_app(page, app.url, STAFF_DESK.url_path)
    assert not page.locator('[data-testid="stFileUploader"]').count()
    desk_sign_in(page, app.url, "yamada", PASSWORD)
    assert "yamada さんがログイン中" in main_text(page)
    choose(page, "市", "笠間市")

    # A broken file: every problem is shown by row and column, nothing changes, nothing runs.
    view(page, "CSVで公開")
    bad = [*kasama_rows(data), {**kasama_rows(data)[0], "ID": "cls-082163-bad", "イベント名": "<img src=x onerror=alert(1)>",
                                "URL": "javascript:alert(1)", "開始日": "2027-13-01"}]
    upload = tmp_path / "kasama-classes.csv"
    upload.write_bytes(csv_bytes(CLASSES.headers(), bad))
    act(page, lambda: page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload)))
    click(page, "変更内容を確認する")
    text = main_text(page)
    assert "直す必要があるところが 3 件" in text
    for column in ("イベント名", "URL", "開始日"):
        assert column in text
    assert not page.get_by_role("button", name="公開する").count()
    assert {p.name: p.read_bytes() for p in data.glob("*.csv")} == original
    assert injected_markup(page) == [] and not page.watch.dialogs

    # Add next month's class in the plain form, preview, publish.
    view(page, "表で編集")
    fill_labelled(page, "イベント名", NEW_CLASS)
    fill_labelled(page, "開始日", "2027-01-23")
    fill_labelled(page, "開始時間", "10:00")
    fill_labelled(page, "終了時間", "12:00")
    fill_labelled(page, "場所名称", "笠間公民館")
    click(page, "表に入れる")
    assert "表に入れました" in main_text(page)
    fill_labelled(page, "出典 (この変更の根拠)", "広報かさま 2027年1月号")
    click(page, "変更内容を確認する")
    assert "追加 1 行・変更 0 行・削除 0 行" in main_text(page)
    click(page, "公開する")
    assert "公開しました" in main_text(page)
    assert [r for r in kasama_rows(data) if r["イベント名"] == NEW_CLASS]

    # Residents see it on the class page and in search, without a restart.
    resident = page.context.new_page()
    resident.app = type(page.app)(resident)
    open_app(resident, app.url, CLASSES_PAGE.url_path, city="笠間市")
    assert NEW_CLASS in main_text(resident) and "2027-01-23" in main_text(resident)
    open_app(resident, app.url, city="笠間市")
    type_query(resident, "タブレット入門教室")
    titles = resident.locator(".dxf-card .dxf-title").all_inner_texts()
    assert titles and titles[0].strip() == NEW_CLASS

    # Roll back to the original catalog in one click.
    view(page, "履歴・元に戻す")
    assert "公開" in main_text(page)
    act(page, lambda: page.get_by_role("button", name="この版に戻す").last.click())
    assert "戻しました" in main_text(page)
    assert {p.name: p.read_bytes() for p in data.glob("*.csv")} == original
    open_app(resident, app.url, CLASSES_PAGE.url_path, city="笠間市")
    settle(resident)
    assert NEW_CLASS not in main_text(resident)
    assert not page.watch.page_errors and not page.app.exceptions
