"""publish / diff / history / rollback through their real entry point, and every way a publish must fail safely."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from finder.catalog import versions
from finder.catalog.csvio import csv_bytes
from finder.catalog.schema import CLASSES, WIFI
from finder.cli import main
from finder.desk import publish as pub

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def city(data: Path, code: str, name: str = "classes.csv") -> list[dict[str, str]]:
    return [r for r in rows(data / name) if r["全国地方公共団体コード"] == code]


def write(path: Path, header: list[str], body: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    path.write_bytes(csv_bytes(header, body).decode("utf-8").encode(encoding))
    return path


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.glob("*.csv"))}


def kasama_with_new_class(data: Path, tmp_path: Path, **over: str) -> Path:
    kasama = city(data, "082163")
    new = {**kasama[1], "ID": "class-kas-new", "イベント名": "スマホ教室 (1月)", "開始日": "2027-01-23",
           "サンプル": "no", **over}
    return write(tmp_path / "kasama.csv", CLASSES.headers(), [*kasama, new])


# --- the happy paths --------------------------------------------------------------------------------------------

def test_publish_replaces_the_citys_rows_and_is_recorded(data, tmp_path, capsys):
    other_before = city(data, "082031")
    kasama = city(data, "082163")
    kept = [r for r in kasama if r["ID"] != "class-kas-past"]  # cancelled: not in the new list
    kept[0]["料金（基本）"] = "無料"
    upload = write(tmp_path / "kasama.csv", CLASSES.headers(), kept)
    assert main(["publish", str(upload), "--kind", "class", "--by", "yamada", "--data", str(data),
                 "--delete-missing"]) == 0
    out = capsys.readouterr().out
    assert "OK: version" in out and "0 added, 1 changed, 1 removed" in out
    assert [r["ID"] for r in city(data, "082163")] == [r["ID"] for r in kept]
    assert city(data, "082031") == other_before  # other cities untouched
    assert main(["history", "--json", "--data", str(data)]) == 0
    hist = json.loads(capsys.readouterr().out)
    assert [h["action"] for h in hist] == ["publish", "initial"]  # the original catalog is the oldest entry
    assert hist[0]["by"] == "yamada" and hist[0]["kind"] == "class"
    assert (hist[0]["added"], hist[0]["changed"], hist[0]["removed"]) == (0, 1, 1)
    assert set(hist[0]) >= {"version", "at", "by", "kind", "added", "changed", "removed"}


def test_diff_shows_what_a_publish_would_do_without_writing(data, tmp_path, capsys):
    before = snapshot(data)
    upload = kasama_with_new_class(data, tmp_path)
    assert main(["diff", str(upload), "--kind", "class", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "+ class-kas-new  スマホ教室 (1月)" in out and "1 added, 0 changed, 0 removed" in out
    assert snapshot(data) == before and not (data / ".versions").exists()


def test_rollback_restores_every_byte_and_is_recorded(data, tmp_path, capsys):
    original = snapshot(data)
    assert main(["publish", str(kasama_with_new_class(data, tmp_path)), "--kind", "class", "--by", "a",
                 "--data", str(data)]) == 0
    wifi = city(data, "082163", "wifi.csv")
    wifi[0]["SSID"] = "Kasama_Free_WiFi_2"
    assert main(["publish", str(write(tmp_path / "w.csv", WIFI.headers(), wifi)), "--kind", "wifi", "--by", "b",
                 "--data", str(data)]) == 0
    initial = versions.history(data)[-1].id
    capsys.readouterr()
    assert main(["rollback", initial, "--by", "c", "--data", str(data)]) == 0
    assert snapshot(data) == original  # byte for byte, both files
    hist = versions.history(data)
    assert hist[0].action == "rollback" and hist[0].by == "c" and len(hist) == 4
    assert main(["rollback", "no-such-version", "--by", "c", "--data", str(data)]) == 1


def test_open_data_layout_in_shift_jis_is_published(data, tmp_path, capsys):
    header = ["市区町村コード", "NO", "名称", "住所", "緯度", "経度", "SSID"]
    body = [{"市区町村コード": "082163", "NO": "1", "名称": "試験公園", "住所": "茨城県笠間市試験町1",
             "緯度": "36.34", "経度": "140.30", "SSID": "Kasama_Free"}]
    upload = write(tmp_path / "opendata.csv", header, body, encoding="cp932")
    assert main(["publish", str(upload), "--kind", "wifi", "--by", "a", "--data", str(data), "--delete-missing",
                 "--source", "笠間市オープンデータ 公衆無線LAN一覧"]) == 0
    (row,) = city(data, "082163", "wifi.csv")
    assert row["ID"] == "wifi-082163-1" and row["地方公共団体名"] == "笠間市" and row["SSID"] == "Kasama_Free"
    assert row["座標精度"] == "exact" and row["出典"] == "笠間市オープンデータ 公衆無線LAN一覧" and row["確認日"]


# --- refusals: every problem as file:row:column, nothing changed ------------------------------------------------

BAD_CELLS = {
    "html": ("イベント名", "<script>alert(1)</script>講座", "HTML"),
    "template": ("説明", "{{ config.__class__ }}", "テンプレート"),
    "formula": ("イベント名", '=HYPERLINK("http://evil.example","講座")', "数式"),
    "javascript_url": ("URL", "javascript:alert(document.cookie)", "URL"),
    "bad_date": ("開始日", "2027-02-30", "日付"),
}


@pytest.mark.parametrize("case", sorted(BAD_CELLS))
def test_hostile_cells_are_refused_by_row_and_column(data, tmp_path, capsys, case):
    column, value, word = BAD_CELLS[case]
    before = snapshot(data)
    upload = kasama_with_new_class(data, tmp_path, **{column: value})
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert f"kasama.csv:5:{column}:" in out and word in out and "FAILED: nothing was changed" in out
    assert snapshot(data) == before and versions.history(data) == []


def test_a_50_mb_file_is_refused(data, tmp_path, capsys):
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.write(",".join(CLASSES.headers()).encode() + b"\n")
        fh.truncate(50 * 1024 * 1024 + 1)
    before = snapshot(data)
    assert main(["publish", str(big), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "big.csv:0:-:" in out and "too large" in out and "FAILED: nothing was changed" in out
    assert snapshot(data) == before


def test_a_wrong_encoding_is_refused(data, tmp_path, capsys):
    upload = kasama_with_new_class(data, tmp_path)
    upload.write_bytes(upload.read_text(encoding="utf-8").encode("utf-16"))
    before = snapshot(data)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    assert "kasama.csv:1:-:" in capsys.readouterr().out
    assert snapshot(data) == before


def test_a_wrong_city_is_refused(data, tmp_path, capsys):
    upload = kasama_with_new_class(data, tmp_path, 全国地方公共団体コード="131016", 地方公共団体名="千代田区")
    before = snapshot(data)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    assert "kasama.csv:5:全国地方公共団体コード:" in capsys.readouterr().out
    assert snapshot(data) == before
    # A name that does not match the code is refused too.
    upload = kasama_with_new_class(data, tmp_path, 地方公共団体名="土浦市")
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    assert "kasama.csv:5:地方公共団体名:" in capsys.readouterr().out


def test_desk_upload_for_one_city_refuses_rows_of_another(data, tmp_path):
    raw = kasama_with_new_class(data, tmp_path).read_bytes()
    plan = pub.plan_upload(pub.load_base(data), raw, "kasama.csv", "class", allowed={"082031"})
    assert not plan.ok and {p.column for p in plan.errors} == {"全国地方公共団体コード"}
    assert all("土浦市" in p.message for p in plan.errors)


def test_stale_expect_version_is_refused(data, tmp_path, capsys):
    upload = kasama_with_new_class(data, tmp_path)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 0
    seen = versions.current(data).id
    tsuchiura = city(data, "082031", "wifi.csv")
    tsuchiura[0]["SSID"] = "Tsuchiura_Free"
    other = write(tmp_path / "t.csv", WIFI.headers(), tsuchiura)
    assert main(["publish", str(other), "--kind", "wifi", "--by", "b", "--data", str(data)]) == 0
    before = snapshot(data)
    capsys.readouterr()
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--expect-version", seen,
                 "--data", str(data)]) == 1
    assert "changed since version" in capsys.readouterr().err
    assert snapshot(data) == before


def test_two_publishes_racing_keep_both(data, tmp_path):
    """Two cities' staff publish the same file at the same moment: the lock merges both, nothing is lost."""
    kasama = kasama_with_new_class(data, tmp_path)
    tsu = city(data, "082031")
    tsu.append({**tsu[0], "ID": "class-tsu-new", "イベント名": "土浦のスマホ教室", "開始日": "2027-02-01"})
    tsuchiura = write(tmp_path / "tsuchiura.csv", CLASSES.headers(), tsu)
    results: list[int] = []
    barrier = threading.Barrier(2)

    def run(path: Path) -> None:
        barrier.wait()
        results.append(main(["publish", str(path), "--kind", "class", "--by", path.stem, "--data", str(data)]))

    threads = [threading.Thread(target=run, args=(p,)) for p in (kasama, tsuchiura)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [0, 0]
    ids = {r["ID"] for r in rows(data / "classes.csv")}
    assert {"class-kas-new", "class-tsu-new"} <= ids
    assert [v.action for v in versions.history(data)] == ["publish", "publish", "initial"]


def test_desk_publish_refuses_when_its_rows_changed_underneath(data, tmp_path):
    base = pub.load_base(data)
    mine = pub.plan_upload(base, kasama_with_new_class(data, tmp_path).read_bytes(), "a.csv", "class")
    kasama = city(data, "082163")
    kasama[0]["料金（基本）"] = "500円"
    theirs = pub.plan_rows(base, "class", {"082163"}, kasama, "b")
    pub.publish(data, theirs, by="b", guard_rows=True)
    before = snapshot(data)
    with pytest.raises(pub.Conflict):
        pub.publish(data, mine, by="a", guard_rows=True)
    assert snapshot(data) == before
    # Another city's rows changing does not block.
    tsu = pub.plan_rows(pub.load_base(data), "class", {"082031"}, city(data, "082031"), "c")
    kas = pub.plan_rows(pub.load_base(data), "class", {"082163"}, city(data, "082163")[:1], "d")
    tsu.rows[0]["料金（基本）"] = "無料"
    tsu = pub.plan_rows(tsu.base, "class", {"082031"}, tsu.rows, "c")
    pub.publish(data, tsu, by="c", guard_rows=True)
    pub.publish(data, kas, by="d", guard_rows=True, confirm_removals=True)
    assert len(city(data, "082163")) == 1 and city(data, "082031")[0]["料金（基本）"] == "無料"


def test_full_disk_is_a_clear_error_and_nothing_is_lost(data, tmp_path, capsys, monkeypatch):
    before = snapshot(data)
    real = versions.atomic_write

    def full(path, payload):
        if path.name == "classes.csv":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(versions, "atomic_write", full)
    upload = kasama_with_new_class(data, tmp_path)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    assert "disk is full" in capsys.readouterr().err
    assert snapshot(data) == before


def test_read_only_data_directory_is_a_clear_error(data, tmp_path, capsys, monkeypatch):
    before = snapshot(data)
    upload = kasama_with_new_class(data, tmp_path)
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).startswith(str(data)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(versions.os, "open", read_only)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    monkeypatch.undo()
    assert "read-only" in capsys.readouterr().err
    assert snapshot(data) == before


# A rollback that rewrites two files, stopped dead (SIGKILL) after the first one is replaced.
KILLED_WRITER = """
import sys, time
from finder.catalog import versions
real = versions.atomic_write
def slow(path, data):
    real(path, data)
    if path.name == sys.argv[1]:
        print("written", flush=True)
        time.sleep(120)
versions.atomic_write = slow
from finder.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_publish_killed_between_files_leaves_the_old_or_the_new_catalog(data, tmp_path):
    original = snapshot(data)
    assert main(["publish", str(kasama_with_new_class(data, tmp_path)), "--kind", "class", "--by", "a",
                 "--data", str(data)]) == 0
    wifi = city(data, "082163", "wifi.csv")
    wifi[0]["SSID"] = "changed"
    assert main(["publish", str(write(tmp_path / "w.csv", WIFI.headers(), wifi)), "--kind", "wifi", "--by", "b",
                 "--data", str(data)]) == 0
    served_before = snapshot(data)
    initial = versions.history(data)[-1].id
    first = sorted(n for n in original if original[n] != served_before[n])[0]
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, first, "rollback", initial, "--by", "c",
                             "--data", str(data)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "written"
        assert snapshot(data) != served_before  # half-way: one file of the new catalog is live
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    snap = versions.snapshot(data)
    assert snap.state == "recovered" and snap.files == served_before  # readers get the old catalog, whole
    assert main(["rollback", initial, "--by", "c", "--data", str(data)]) == 0  # the next writer repairs and goes on
    assert snapshot(data) == original and versions.snapshot(data).state == "clean"


def test_open_data_rows_without_ids_get_stable_content_ids(data, tmp_path, capsys):
    from finder.catalog.opendata import content_id

    header = ["地方公共団体名", "名称", "住所"]
    body = [{"地方公共団体名": "笠間市", "名称": "笠間駅前", "住所": "茨城県笠間市下市毛"},
            {"地方公共団体名": "笠間市", "名称": "友部駅前", "住所": "茨城県笠間市友部駅前"}]
    upload = write(tmp_path / "noid.csv", header, body)
    assert main(["publish", str(upload), "--kind", "wifi", "--by", "a", "--data", str(data), "--delete-missing",
                 "--source", "笠間市 Wi-Fi 一覧"]) == 0
    first = [r["ID"] for r in city(data, "082163", "wifi.csv")]
    assert first[0] == f"wifi-082163-{content_id(WIFI, {'名称': '笠間駅前', '住所': '茨城県笠間市下市毛'})}"
    body.reverse()  # the city re-publishes its list in another order: the same rows keep their IDs
    assert main(["publish", str(write(upload, header, body)), "--kind", "wifi", "--by", "a",
                 "--data", str(data), "--source", "笠間市 Wi-Fi 一覧"]) == 0
    assert sorted(r["ID"] for r in city(data, "082163", "wifi.csv")) == sorted(first)
