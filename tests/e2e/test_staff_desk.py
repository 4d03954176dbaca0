"""The staff desk in a real browser: sign in, a broken upload changes nothing, a class added in the form is
published, residents see it on the class page and in search, and a rollback takes it away again; a city
account's round trip (export → edit a fee → upload with a typed source → publish → residents see the fee with
that source and date → the city account rolls back) keeps the provenance at each step."""

from __future__ import annotations

import csv
import io
import shutil
import time
from pathlib import Path

import pytest

from finder.catalog import versions
from finder.catalog.csvio import csv_bytes
from finder.catalog.schema import CLASSES
from finder.clock import real_today
from finder.desk import auth
from finder.i18n import t
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
from ui.routes import DETAIL, STAFF_DESK

PASSWORD = "e2e horse battery staple"  # made up for this test
NEW_CLASS = "タブレット入門教室 (1月)"


@pytest.fixture(scope="module")
def desk_app(servers, tmp_path_factory):
    from finder.live.loader import DATA_DIR

    data = tmp_path_factory.mktemp("desk") / "data"
    shutil.copytree(DATA_DIR, data)
    hashed = auth.hash_password(PASSWORD)
    line = " ".join([auth.account_line("yamada", hashed), auth.account_line("tsuchiura", hashed, ["082031"])])
    return servers("desk", DXFINDER_DATA_DIR=str(data), DXFINDER_STAFF_ACCOUNTS=line), data


def click(page, name: str) -> None:
    act(page, lambda: page.get_by_role("button", name=name, exact=True).first.click())


def view(page, name: str) -> None:
    act(page, lambda: page.get_by_role("radio", name=name, exact=True).click())


def choose(page, label: str, option: str) -> None:
    select = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    act(page, lambda: (select.click(), page.get_by_role("option", name=option, exact=True).click()))


def shows(page, *needles: str, timeout: float = 30.0) -> str:
    """The main text once it holds every needle (a loaded machine may draw a rerun's last part late)."""
    deadline = time.monotonic() + timeout
    while True:
        text = main_text(page)
        if all(n in text for n in needles) or time.monotonic() > deadline:
            return text
        page.wait_for_timeout(200)


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
    text = shows(page, "直す必要があるところが 3 件", "イベント名", "URL", "開始日")
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
    assert "表に入れました" in shows(page, "表に入れました")
    fill_labelled(page, "出典 (この変更の根拠)", "広報かさま 2027年1月号")
    click(page, "変更内容を確認する")
    assert "追加 1 行・変更 0 行・削除 0 行" in shows(page, "追加 1 行・変更 0 行・削除 0 行")
    click(page, "公開する")
    assert "公開しました" in shows(page, "公開しました")
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
    assert "戻しました" in shows(page, "戻しました")
    assert {p.name: p.read_bytes() for p in data.glob("*.csv")} == original
    open_app(resident, app.url, CLASSES_PAGE.url_path, city="笠間市")
    settle(resident)
    assert NEW_CLASS not in main_text(resident)
    assert not page.watch.page_errors and not page.app.exceptions


TYPED_SOURCE = "土浦市 市民課に電話で確認"
JUMINHYO = "cert-082031-juminhyo"


def certificate_row(data: Path, item_id: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO((data / "certificates.csv").read_text(encoding="utf-8")))
    return next(r for r in rows if r["id"] == item_id)


def upload_file(page, path: Path) -> None:
    act(page, lambda: page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path)))


def resident_detail(resident, base: str) -> str:
    """The detail of 住民票の写し in 土浦市, with 「この情報について」 opened."""
    open_app(resident, base, DETAIL.url_path, item=JUMINHYO)
    resident.get_by_role("heading", name="住民票の写し").first.wait_for()
    main = resident.locator('[data-testid="stMain"]')
    about = main.locator('[data-testid="stExpander"] details').filter(has_text=t("answer.about.header")).first
    act(resident, about.locator("summary").click, rerun=False)
    about.locator(".dxf-about").wait_for(state="visible")
    return main.inner_text()


def test_a_city_account_round_trip_keeps_the_provenance(page, desk_app, tmp_path):
    app, data = desk_app
    before_bytes = (data / "certificates.csv").read_bytes()
    old = certificate_row(data, JUMINHYO)
    assert old["status"] == "unknown" and not old["store_fee"] and TYPED_SOURCE not in old["source"]
    desk_sign_in(page, app.url, "tsuchiura", PASSWORD)
    assert "tsuchiura さんがログイン中" in shows(page, "tsuchiura さんがログイン中")

    # Export the city's コンビニ交付 rows as the desk offers them.
    view(page, "オープンデータ")
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="UTF-8").nth(1).click()  # 2nd kind: certificates
    exported = tmp_path / "tsuchiura-cert.csv"
    download.value.save_as(str(exported))
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert {r["municipality_code"] for r in rows} == {"082031"} and JUMINHYO in {r["id"] for r in rows}
    header = list(rows[0])

    # Edit one fee only: the preview warns that it contradicts the unknown status (and names the fix).
    view(page, "CSVで公開")
    choose(page, "データの種類", "コンビニ交付")
    fee_only = [{**r, "store_fee": "200"} if r["id"] == JUMINHYO else r for r in rows]
    exported.write_bytes(csv_bytes(header, fee_only))
    upload_file(page, exported)
    fill_labelled(page, "出典 (この変更の根拠)", TYPED_SOURCE)
    click(page, "変更内容を確認する")
    text = shows(page, "変更 1 行", "status=unknown なのに store_fee があります")
    assert "追加 0 行・変更 1 行・削除 0 行" in text
    assert "status=unknown なのに store_fee があります" in text and "available" in text

    # The consistent edit, published with the typed source.
    fixed = [{**r, "store_fee": "200", "status": "available", "status_as_of": "2026-12"} if r["id"] == JUMINHYO
             else r for r in rows]
    edited = tmp_path / "tsuchiura-cert-fixed.csv"
    edited.write_bytes(csv_bytes(header, fixed))
    upload_file(page, edited)
    click(page, "変更内容を確認する")
    text = shows(page, "status: unknown → available")
    assert "追加 0 行・変更 1 行・削除 0 行" in text and "status: unknown → available" in text  # the new preview
    assert "status=unknown なのに" not in text
    click(page, "公開する")
    page.get_by_text("公開しました").first.wait_for(timeout=30_000)
    today = real_today().isoformat()
    new = certificate_row(data, JUMINHYO)
    assert new["store_fee"] == "200" and new["source"].startswith(TYPED_SOURCE) and new["checked"] == today
    others = [r for r in rows if r["id"] != JUMINHYO]
    assert all(certificate_row(data, r["id"])["source"] == r["source"] for r in others)  # untouched rows keep theirs
    history = versions.history(data)
    assert history[0].by == "tsuchiura" and TYPED_SOURCE in history[0].note
    view(page, "履歴・元に戻す")
    assert TYPED_SOURCE in shows(page, TYPED_SOURCE)  # the history shows the source given

    # Residents see the fee, with the source typed at the desk and its date.
    resident = page.context.new_page()
    resident.app = type(page.app)(resident)
    shown = resident_detail(resident, app.url)
    assert "200" in shown and TYPED_SOURCE in shown and today in shown

    # The city account undoes its own publish.
    act(page, lambda: page.get_by_role("button", name="この版に戻す").first.click())
    assert "戻しました" in shows(page, "戻しました")
    assert (data / "certificates.csv").read_bytes() == before_bytes
    assert versions.history(data)[0].action == "rollback" and versions.history(data)[0].by == "tsuchiura"
    shown = resident_detail(resident, app.url)
    assert TYPED_SOURCE not in shown and "コンビニ手数料 200" not in shown
    assert not page.watch.page_errors and not page.app.exceptions
