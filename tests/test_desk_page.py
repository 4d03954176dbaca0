"""The staff desk page (AppTest): closed unless configured, sign-in, lock-out, idle expiry, edit → preview → publish,
upload problems, the to-do list opening a row, rollback, and no desk on the kiosk."""

from __future__ import annotations

import csv
import io
import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from finder.catalog import versions
from finder.catalog.csvio import csv_bytes
from finder.catalog.schema import CLASSES
from finder.clock import real_today
from finder.desk import auth
from finder.desk import publish as pub

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"
PAGE = str(ROOT / "pages" / "10_staff_desk.py")
PASSWORD = "correct horse battery"  # made up for the tests
TIMEOUT = 60


@pytest.fixture(scope="module")
def accounts_line() -> str:
    hashed = auth.hash_password(PASSWORD)
    return " ".join([auth.account_line("yamada", hashed), auth.account_line("kasama", hashed, ["082163"])])


@pytest.fixture
def data(tmp_path, monkeypatch, accounts_line) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DXFINDER_NOW", "2026-12-01T10:00+09:00")
    monkeypatch.setenv("DXFINDER_STAFF_ACCOUNTS", accounts_line)
    monkeypatch.setattr(auth.GUARD, "sleep", lambda seconds: None)
    auth.GUARD.reset()
    yield tmp_path / "data"
    auth.GUARD.reset()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def text(at: AppTest) -> str:
    parts = [str(e.value) for group in (at.title, at.markdown, at.caption, at.info, at.warning, at.error, at.success,
                                        at.subheader) for e in group]
    parts += [t.value.to_string() for t in at.table]
    return "\n".join(parts)


def sign_in(name: str = "yamada", password: str = PASSWORD) -> AppTest:
    at = ok(AppTest.from_file(PAGE, default_timeout=TIMEOUT).run())
    return attempt(at, name, password)


def attempt(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="desk_login_name").input(name)
    at.text_input(key="desk_login_password").input(password)
    return ok(at.button[0].click().run())


def signed_in(at: AppTest) -> bool:
    return "desk_logout" in [b.key for b in at.button]


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


# --- closed, sign-in, lock-out, expiry, kiosk -------------------------------------------------------------------

def test_unconfigured_desk_is_closed_and_shows_no_controls(data, monkeypatch):
    monkeypatch.delenv("DXFINDER_STAFF_ACCOUNTS")
    at = ok(AppTest.from_file(PAGE, default_timeout=TIMEOUT).run())
    assert "閉じています" in text(at)
    assert not at.main.text_input and not at.main.button and not at.file_uploader


def test_wrong_password_is_refused(data):
    at = sign_in(password="not the password")
    assert "名前またはパスワードが違います" in text(at) and not signed_in(at)
    assert not at.file_uploader and "desk_view" not in [w.key for w in at.segmented_control]


def test_repeated_failures_lock_the_account(data, monkeypatch):
    monkeypatch.setenv("DXFINDER_STAFF_MAX_FAILURES", "2")
    at = sign_in(password="guess one")
    at = attempt(at, "yamada", "guess two")
    assert "ロックされています" in text(at)
    at = attempt(at, "yamada", PASSWORD)  # even the right password waits
    assert "ロックされています" in text(at) and not signed_in(at)
    assert sign_in("kasama").session_state["desk_user"] == "kasama"  # other accounts are not locked


def test_right_password_signs_in(data):
    at = sign_in()
    assert signed_in(at) and "yamada さんがログイン中" in text(at)


def test_idle_session_expires(data, monkeypatch):
    monkeypatch.setenv("DXFINDER_STAFF_IDLE_SECONDS", "60")
    at = sign_in()
    at.session_state["desk_seen"] = time.monotonic() - 61
    ok(at.run())
    assert "ログアウトしました" in text(at) and not signed_in(at)
    assert "desk_user" not in at.session_state


def test_sign_out_forgets_the_session(data):
    at = sign_in()
    ok(at.button(key="desk_logout").click().run())
    assert not signed_in(at) and "desk_user" not in at.session_state


def test_the_kiosk_never_shows_the_desk(data):
    at = ok(AppTest.from_file(PAGE, default_timeout=TIMEOUT))
    at.query_params["kiosk"] = "1"
    ok(at.run())
    assert not at.main.text_input and not at.main.button and "キオスク" in text(at)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params["kiosk"] = "1"
    ok(app.run())
    with pytest.raises(ValueError, match="Known pages: .*5_kiosk.py'\\]"):  # kiosk mode registers the kiosk only
        app.switch_page("pages/10_staff_desk.py")


def test_the_desk_is_registered_but_hidden_outside_the_kiosk(data):
    app = ok(AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run())
    ok(app.switch_page("pages/10_staff_desk.py").run())
    assert [w for w in app.text_input if w.key == "desk_login_name"]


# --- edit, preview, publish ---------------------------------------------------------------------------------

def pick_city(at: AppTest, code: str) -> AppTest:
    return ok(at.selectbox(key="desk_city").set_value(code).run())


def fill_form(at: AppTest, **values: str) -> AppTest:
    for label, value in values.items():
        (box,) = [w for w in at.text_input if w.label == label]
        box.input(value)
    return ok(at.button(key=next(b.key for b in at.button if b.label == "表に入れる")).click().run())


def test_add_a_class_in_the_form_preview_and_publish(data):
    at = pick_city(sign_in(), "082163")
    at = fill_form(at, イベント名="1月のスマホ教室", 開始日="2027-01-23", 開始時間="10:00", 終了時間="12:00",
                   場所名称="笠間公民館")
    assert "表に入れました" in text(at)
    at.text_input(key="desk_source_edit").input("広報かさま 2027年1月号")
    ok(at.button(key="desk_preview_edit").click().run())
    assert "追加 1 行・変更 0 行・削除 0 行" in text(at) and "1月のスマホ教室" in text(at)
    assert not (data / ".versions").exists()  # a preview writes nothing
    ok(at.button(key="desk_publish_edit").click().run())
    assert "公開しました" in text(at)
    (new,) = [r for r in rows(data / "classes.csv") if r["イベント名"] == "1月のスマホ教室"]
    assert new["ID"].startswith("cls-082163-20270123-") and new["地方公共団体名"] == "笠間市"
    assert new["出典"] == "広報かさま 2027年1月号" and new["確認日"] == real_today().isoformat() and new["サンプル"] == "no"
    assert [v.action for v in versions.history(data)] == ["publish", "initial"]
    assert versions.history(data)[0].by == "yamada"


def test_preview_needs_a_source(data):
    at = pick_city(sign_in(), "082163")
    at = fill_form(at, イベント名="出典なしの教室", 開始日="2027-01-23")
    ok(at.button(key="desk_preview_edit").click().run())
    assert "出典を入力してください" in text(at) and "desk_publish_edit" not in [b.key for b in at.button]


def test_editor_problems_are_named_by_row_and_column(data):
    before = (data / "classes.csv").read_bytes()
    at = pick_city(sign_in(), "082163")
    at = fill_form(at, イベント名="<b>太字</b>の教室", 開始日="2027-02-30")
    at.text_input(key="desk_source_edit").input("テスト")
    ok(at.button(key="desk_preview_edit").click().run())
    problems = at.table[-1].value
    assert {"開始日", "イベント名"} <= set(problems["列"])
    assert "HTML タグは使えません" in text(at) and "desk_publish_edit" not in [b.key for b in at.button]
    assert (data / "classes.csv").read_bytes() == before


def upload(at: AppTest, name: str, payload: bytes) -> AppTest:
    ok(at.segmented_control(key="desk_view").set_value("upload").run())
    ok(at.file_uploader(key="desk_upload").set_value((name, payload, "text/csv")).run())
    return ok(at.button(key="desk_preview_upload").click().run())


def kasama_csv(data: Path, **over: str) -> bytes:
    kasama = [r for r in rows(data / "classes.csv") if r["全国地方公共団体コード"] == "082163"]
    extra = {**kasama[1], "ID": "class-kas-up", "開始日": "2027-03-01", **over}
    return csv_bytes(CLASSES.headers(), [*kasama, extra])


def test_a_broken_upload_shows_every_problem_and_changes_nothing(data):
    before = (data / "classes.csv").read_bytes()
    at = pick_city(sign_in(), "082163")
    bad = kasama_csv(data, **{"イベント名": "<script>alert(1)</script>", "URL": "javascript:alert(1)",
                              "説明": "{{ 7*7 }}", "料金（基本）": "=1+1"})
    at = upload(at, "kasama.csv", bad)
    problems = at.table[-1].value
    assert set(problems["列"]) >= {"イベント名", "URL", "説明", "料金（基本）"}
    assert set(problems["行"]) == {"5"} and set(problems["ID"]) == {"class-kas-up"}
    assert "desk_publish_upload" not in [b.key for b in at.button]
    assert (data / "classes.csv").read_bytes() == before


def test_an_upload_for_another_city_is_refused(data):
    at = pick_city(sign_in(), "082031")
    at = upload(at, "kasama.csv", kasama_csv(data))
    assert "笠間市 (082163) のものです" in text(at)
    assert "desk_publish_upload" not in [b.key for b in at.button]


def test_a_good_upload_is_published(data):
    at = pick_city(sign_in(), "082163")
    at = upload(at, "kasama.csv", kasama_csv(data))
    assert "追加 1 行" in text(at)
    ok(at.button(key="desk_publish_upload").click().run())
    assert "class-kas-up" in {r["ID"] for r in rows(data / "classes.csv")}


def test_a_city_account_rolls_back_only_versions_of_its_own_city(data):
    original = (data / "classes.csv").read_bytes()
    at = sign_in("kasama")
    assert at.selectbox(key="desk_city").options == ["笠間市"]
    ok(at.segmented_control(key="desk_view").set_value("history").run())
    pub.publish(data, pub.plan_rows(pub.load_base(data), "class", {"082163"}, [], "test"), by="kasama",
                confirm_removals=True)
    ok(at.run())
    assert "担当の市の行だけを変えた版" in text(at)
    initial = versions.history(data)[-1].id
    ok(at.button(key=f"desk_rb_{initial}").click().run())  # its own publish: it may undo it
    assert "戻しました" in text(at) and (data / "classes.csv").read_bytes() == original
    tsuchiura = [r for r in rows(data / "classes.csv") if r["全国地方公共団体コード"] == "082031"]
    pub.publish(data, pub.plan_rows(pub.load_base(data), "class", {"082031"}, tsuchiura[:0], "other city"),
                by="yamada", confirm_removals=True)
    after = (data / "classes.csv").read_bytes()
    ok(at.run())
    ok(at.button(key=f"desk_rb_{initial}").click().run())  # would also bring back 土浦市's rows: refused
    assert "ほかの市のデータ (土浦市) も変わります" in text(at)
    assert (data / "classes.csv").read_bytes() == after


def test_someone_elses_publish_of_the_same_rows_is_a_conflict(data):
    at = pick_city(sign_in(), "082163")
    kasama = [r for r in rows(data / "classes.csv") if r["全国地方公共団体コード"] == "082163"]
    pub.publish(data, pub.plan_rows(pub.load_base(data), "class", {"082163"}, kasama[:1], "other desk"), by="sato",
                confirm_removals=True)
    ok(at.run())
    assert "ほかの人が公開しました" in text(at)
    ok(at.button(key="desk_reload").click().run())
    assert "ほかの人が公開しました" not in text(at)


# --- to-do list, history, export ------------------------------------------------------------------------------

def test_the_todo_list_opens_the_row_in_the_editor(data):
    at = pick_city(sign_in(), "082163")
    ok(at.segmented_control(key="desk_view").set_value("todo").run())
    assert "サンプル" in text(at) and "class-kas-1" in text(at)
    ok(at.button(key="desk_todo_sample_class-kas-1").click().run())
    assert at.session_state["desk_view"] == "edit"
    assert at.selectbox(key="desk_form_row").value == "class-kas-1"
    assert [w.value for w in at.text_input if w.label == "イベント名"] == ["スマートフォン講座"]


def test_rollback_from_the_history(data):
    original = (data / "classes.csv").read_bytes()
    pub.publish(data, pub.plan_rows(pub.load_base(data), "class", {"082163"}, [], "test"), by="t",
                confirm_removals=True)
    assert (data / "classes.csv").read_bytes() != original
    at = sign_in()
    ok(at.segmented_control(key="desk_view").set_value("history").run())
    initial = versions.history(data)[-1].id
    ok(at.button(key=f"desk_rb_{initial}").click().run())
    assert "戻しました" in text(at)
    assert (data / "classes.csv").read_bytes() == original
    assert versions.history(data)[0].action == "rollback"


def test_export_offers_the_open_data_files(data):
    at = pick_city(sign_in(), "082163")
    ok(at.segmented_control(key="desk_view").set_value("export").run())
    keys = {b.key for b in at.get("download_button")}
    assert {"desk_dl_class_utf-8", "desk_dl_wifi_cp932", "desk_dl_facility_utf-8"} <= keys


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_desk_renders_in_both_languages(data, lang):
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    ok(at.run())
    assert ("Staff sign-in" if lang == "en" else "職員ログイン") in text(at)


def test_editing_cells_and_deleting_a_row_in_the_grid(data):
    at = pick_city(sign_in(), "082163")
    grid = at.data_editor[0]
    ids = list(grid.value["ID"])
    assert ids == ["class-kas-1", "class-kas-2", "class-kas-past"]
    at.session_state[grid.key] = {"edited_rows": {1: {"料金（基本）": "無料"}}, "added_rows": [],
                                  "deleted_rows": [2]}
    ok(at.run())
    at.text_input(key="desk_source_edit").input("笠間市 情報政策課に電話で確認")
    ok(at.button(key="desk_preview_edit").click().run())
    assert "追加 0 行・変更 1 行・削除 1 行" in text(at) and "料金（基本）: — → 無料" in text(at)
    assert "削除される行 (1 行)" in text(at)
    before = (data / "classes.csv").read_bytes()
    ok(at.button(key="desk_publish_edit").click().run())  # the removal is not confirmed yet: nothing happens
    assert "削除の確認にチェック" in text(at) and (data / "classes.csv").read_bytes() == before
    ok(at.checkbox(key="desk_confirm_removals_edit").check().run())
    ok(at.button(key="desk_publish_edit").click().run())
    kasama = {r["ID"]: r for r in rows(data / "classes.csv") if r["全国地方公共団体コード"] == "082163"}
    assert set(kasama) == {"class-kas-1", "class-kas-2"}
    assert kasama["class-kas-2"]["料金（基本）"] == "無料" and kasama["class-kas-2"]["確認日"] == real_today().isoformat()
    assert kasama["class-kas-2"]["出典"].startswith("笠間市 情報政策課に電話で確認; テスト用データ")
    assert kasama["class-kas-1"]["確認日"] == "2026-11-01"  # untouched rows keep their date


def test_a_second_staff_members_publish_click_always_says_what_happened(data):
    at = pick_city(sign_in(), "082163")
    at = upload(at, "kasama.csv", kasama_csv(data))
    assert "追加 1 行" in text(at)
    # Meanwhile another account publishes another city's rows: this publish still goes through, and says so.
    tsuchiura = [r for r in rows(data / "classes.csv") if r["全国地方公共団体コード"] == "082031"]
    tsuchiura[0]["料金（基本）"] = "無料"
    pub.publish(data, pub.plan_rows(pub.load_base(data), "class", {"082031"}, tsuchiura, "other"), by="sato")
    ok(at.run())
    ok(at.button(key="desk_publish_upload").click().run())
    assert "公開しました" in text(at)
    assert "class-kas-up" in {r["ID"] for r in rows(data / "classes.csv")}
    # Someone changes this city's rows: the next click is refused with a message, nothing written over.
    at = upload(at, "kasama2.csv", kasama_csv(data, ID="class-kas-up2"))
    kasama = [r for r in rows(data / "classes.csv") if r["全国地方公共団体コード"] == "082163"]
    kasama[0]["料金（基本）"] = "800円"
    pub.publish(data, pub.plan_rows(pub.load_base(data), "class", {"082163"}, kasama, "other"), by="sato")
    after = (data / "classes.csv").read_bytes()
    ok(at.run())
    ok(at.button(key="desk_publish_upload").click().run())
    assert "ほかの人がこの市のデータを先に公開しました" in text(at)
    assert (data / "classes.csv").read_bytes() == after


def test_a_blank_password_is_refused_and_not_counted(data, monkeypatch):
    monkeypatch.setenv("DXFINDER_STAFF_MAX_FAILURES", "2")
    at = sign_in(password=" " * 10)
    assert "パスワードを入力してください" in text(at) and not signed_in(at)
    at = attempt(at, "yamada", " " * 10)
    at = attempt(at, "yamada", PASSWORD)  # blank tries did not use up the allowance
    assert signed_in(at)
