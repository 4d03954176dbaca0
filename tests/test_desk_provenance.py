"""What a publish keeps true: the 出典/確認日 staff give, rows and columns a file does not mention, changes made by
someone else meanwhile, and facts that contradict their status (through the real entry points)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from finder.catalog import versions
from finder.catalog.csvio import csv_bytes
from finder.catalog.schema import CERTIFICATES, CLASSES
from finder.cli import main
from finder.clock import real_today
from finder.desk import publish as pub
from finder.live.export import open_data_headers
from finder.live.loader import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"
TSUCHIURA = "082031"
TYPED = "土浦市 市民課に電話で確認"


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def real_data(tmp_path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "real", ignore=shutil.ignore_patterns(".versions", ".lock", "manifest.json"))
    return tmp_path / "real"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def city(data: Path, code: str, name: str = "classes.csv") -> list[dict[str, str]]:
    return [r for r in rows(data / name) if r.get("全国地方公共団体コード", r.get("municipality_code")) == code]


def write(path: Path, header: list[str], body: list[dict[str, str]]) -> Path:
    path.write_bytes(csv_bytes(header, body))
    return path


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.glob("*.csv"))}


def export_certificates(data: Path, out: Path) -> list[dict[str, str]]:
    assert main(["export", "--format", "opendata", "--kind", "certificate", "--city", TSUCHIURA,
                 "--dir", str(data), "--out", str(out)]) == 0
    return rows(out)


# --- 1. the 出典 and 確認日 typed at an upload ------------------------------------------------------------------

def test_typed_source_and_date_are_recorded_on_changed_rows_only(real_data, tmp_path):
    exported = export_certificates(real_data, tmp_path / "cert.csv")
    before = {r["id"]: r for r in city(real_data, TSUCHIURA, "certificates.csv")}
    edited = [{**r, "status": "available", "store_fee": "200"} if r["certificate_key"] == "juminhyo" else r
              for r in exported]
    raw = csv_bytes(open_data_headers("certificate"), edited)
    plan = pub.plan_upload(pub.load_base(real_data), raw, "cert.csv", "certificate", source=TYPED,
                           checked="2026-12-01", allowed={TSUCHIURA})
    assert plan.ok and plan.diff.counts() == {"added": 0, "changed": 1, "removed": 0}
    pub.publish(real_data, plan, by="tsuchiura")
    after = {r["id"]: r for r in city(real_data, TSUCHIURA, "certificates.csv")}
    row = after["cert-082031-juminhyo"]
    assert row["store_fee"] == "200" and row["source"].startswith(TYPED) and row["checked"] == "2026-12-01"
    for key, old in before.items():  # unchanged rows keep their own source and date
        if key != "cert-082031-juminhyo":
            assert after[key] == old
    assert TYPED in versions.history(real_data)[0].note  # the history shows the source given


# --- 2. the CLI invents no source -------------------------------------------------------------------------------

def test_cli_refuses_an_unsourced_row_by_file_row_column_and_records_source(data, tmp_path, capsys):
    kasama = city(data, "082163")
    new = {**kasama[0], "ID": "class-kas-new", "イベント名": "スマホ教室 (2月)", "開始日": "2027-02-01",
           "出典": "", "確認日": ""}
    upload = write(tmp_path / "kasama.csv", CLASSES.headers(), [*kasama, new])
    before = snapshot(data)
    assert main(["publish", str(upload), "--kind", "class", "--by", "sato", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    line = len(kasama) + 2
    assert f"kasama.csv:{line}:出典:" in out and f"kasama.csv:{line}:確認日:" in out
    assert "FAILED: nothing was changed" in out and snapshot(data) == before
    assert main(["publish", str(upload), "--kind", "class", "--by", "sato", "--data", str(data),
                 "--source", "笠間市 生涯学習課に電話で確認"]) == 0
    out = capsys.readouterr().out
    assert "sato" in out and "笠間市 生涯学習課に電話で確認" in out
    (row,) = [r for r in city(data, "082163") if r["ID"] == "class-kas-new"]
    assert row["出典"] == "笠間市 生涯学習課に電話で確認" and row["確認日"] == real_today().isoformat()
    assert "オープンデータ" not in row["出典"]
    note = versions.history(data)[0].note
    assert "sato" in note and "笠間市 生涯学習課に電話で確認" in note
    # Rows the file leaves as they are keep their own sources.
    assert [r["出典"] for r in city(data, "082163") if r["ID"] != "class-kas-new"] == [r["出典"] for r in kasama]


# --- 3. facts that contradict their status ----------------------------------------------------------------------

def test_a_fee_on_an_unknown_status_is_warned_everywhere(data, tmp_path, capsys):
    certs = city(data, "082163", "certificates.csv")
    certs[0]["status"] = "unknown"
    certs[0]["store_fee"] = "200"
    upload = write(tmp_path / "cert.csv", CERTIFICATES.headers(), certs)
    assert main(["diff", str(upload), "--kind", "certificate", "--data", str(data), "--source", "x"]) == 0
    out = capsys.readouterr().out
    assert "cert.csv:2:status:" in out and "set status to available" in out
    # finder validate warns too
    (data / "certificates.csv").write_bytes(csv_bytes(CERTIFICATES.headers(),
                                                      [*[r for r in rows(data / "certificates.csv")
                                                         if r["municipality_code"] != "082163"], *certs]))
    assert main(["validate", str(data)]) == 0
    assert "set status to available" in capsys.readouterr().out


# --- 5. publishes that lose data --------------------------------------------------------------------------------

def test_a_file_without_some_columns_changes_only_the_columns_it_has(data, tmp_path, capsys):
    kasama = city(data, "082163")
    header = ["ID", "全国地方公共団体コード", "イベント名", "開始日"]
    body = [{h: r[h] for h in header} for r in kasama]
    body[0]["イベント名"] = "名前を直した講座"
    upload = write(tmp_path / "few.csv", header, body)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data),
                 "--source", "電話で確認"]) == 0
    out = capsys.readouterr().out
    assert "keep their current values" in out
    after = city(data, "082163")
    assert after[0]["イベント名"] == "名前を直した講座"
    for old, new in zip(kasama, after):
        for h in CLASSES.headers():
            if h not in ("イベント名", "出典", "確認日"):
                assert new[h] == old[h], h  # nothing blanked
    assert after[1:] == kasama[1:]  # untouched rows keep their sources and dates too


def test_a_one_row_file_never_deletes_the_citys_other_rows_without_the_flag(data, tmp_path, capsys):
    kasama = city(data, "082163")
    assert len(kasama) > 1
    upload = write(tmp_path / "one.csv", CLASSES.headers(), kasama[:1])
    before = snapshot(data)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "--delete-missing" in err and all(r["ID"] in err for r in kasama[1:])
    assert snapshot(data) == before
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data),
                 "--delete-missing"]) == 0
    assert [r["ID"] for r in city(data, "082163")] == [kasama[0]["ID"]]


# --- 6. lost updates --------------------------------------------------------------------------------------------

def test_concurrent_cli_publishes_of_one_city_never_both_succeed_while_one_is_lost(data, tmp_path):
    kasama = city(data, "082163")
    files = []
    for n, fee in enumerate(("100円", "200円")):
        changed = [dict(r) for r in kasama]
        changed[n]["料金（基本）"] = fee
        files.append(write(tmp_path / f"staff{n}.csv", CLASSES.headers(), changed))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(4):
        shutil.rmtree(data)
        shutil.copytree(FIXTURE, data)
        procs = [subprocess.Popen([sys.executable, "-m", "finder", "publish", str(f), "--kind", "class", "--by",
                                   f.stem, "--data", str(data), "--source", "電話で確認"], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
        codes = [p.wait(timeout=120) for p in procs]
        fees = [r["料金（基本）"] for r in city(data, "082163")]
        landed = [fees[n] == fee for n, fee in enumerate(("100円", "200円"))]
        for code, ok in zip(codes, landed):
            assert (code == 0) == ok, (codes, fees)  # success means the change is there; a refusal says so
        assert any(landed)


def test_a_publish_never_overwrites_rows_changed_after_its_plan(data, tmp_path):
    base = pub.load_base(data)
    kasama = city(data, "082163")
    mine = [dict(r) for r in kasama]
    mine[0]["料金（基本）"] = "100円"
    theirs = [dict(r) for r in kasama]
    theirs[1]["料金（基本）"] = "300円"
    first = pub.plan_rows(base, "class", {"082163"}, theirs, "a")
    second = pub.plan_rows(base, "class", {"082163"}, mine, "b")
    pub.publish(data, first, by="a")
    with pytest.raises(pub.Conflict):
        pub.publish(data, second, by="b")  # no guard flag needed: the default refuses
    assert city(data, "082163")[1]["料金（基本）"] == "300円"


# --- 8. the clock and the size of uploads -----------------------------------------------------------------------

def test_confirm_honours_the_data_dir_setting(data, tmp_path):
    versions.commit(data, {}, by="t", action="import", note="record a version")
    all_rows = rows(data / "classes.csv")
    (data / "classes.csv").write_bytes(csv_bytes(CLASSES.headers(), all_rows[:1]))  # a hand edit losing rows
    assert versions.snapshot(data).held
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DXFINDER_DATA_DIR": str(data)}
    done = subprocess.run([sys.executable, "-m", "finder", "confirm", "--by", "yamada"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert versions.snapshot(data).state == "clean"
    assert versions.history(data)[0].by == "yamada"


def test_a_server_clock_behind_says_why_a_date_is_refused(data, tmp_path):
    kasama = city(data, "082163")
    kasama[0]["料金（基本）"] = "100円"
    raw = csv_bytes(CLASSES.headers(), kasama)
    server_today = dt.date(2026, 12, 5)
    plan = pub.plan_upload(pub.load_base(data), raw, "k.csv", "class", today=server_today, source="電話",
                           checked="2026-12-07")
    assert not plan.ok
    text = " ".join(p.message for p in plan.errors)
    assert "2026-12-05" in text and "clock" in text


def test_a_100000_row_upload_is_refused_before_it_is_parsed_into_rows(data, tmp_path, capsys):
    kasama = city(data, "082163")
    body = [{**kasama[0], "ID": f"class-kas-{n}"} for n in range(100_000)]
    upload = write(tmp_path / "huge.csv", CLASSES.headers(), body)
    before = snapshot(data)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "huge.csv:0:-:" in out and "too large" in out and snapshot(data) == before
    rows_only = write(tmp_path / "many.csv", ["ID", "全国地方公共団体コード"],
                      [{"ID": f"c{n}", "全国地方公共団体コード": "082163"} for n in range(6_000)])
    assert main(["publish", str(rows_only), "--kind", "class", "--by", "a", "--data", str(data)]) == 1
    assert "too many rows" in capsys.readouterr().out


# --- the catalog is validated once, in memory, per publish ------------------------------------------------------

def test_a_publish_validates_the_catalog_once(data, tmp_path, monkeypatch):
    import finder.catalog.versions as versions_module
    import finder.desk.publish as publish_module

    calls: list[str] = []
    for module in (publish_module, versions_module):
        real = module.validate_files
        monkeypatch.setattr(module, "validate_files",
                            lambda files, *a, _real=real, **k: calls.append("v") or _real(files, *a, **k))
    kasama = city(data, "082163")
    kasama[0]["料金（基本）"] = "100円"
    plan = pub.plan_rows(pub.load_base(data), "class", {"082163"}, kasama, "t")
    pub.publish(data, plan, by="t")
    assert calls == ["v"]
    assert not (data / ".versions" / "tmp").exists()


def test_a_file_made_from_an_older_export_cannot_undo_a_later_publish(data, tmp_path, capsys):
    old_export = city(data, "082163")  # staff A exports ...
    theirs = [dict(r) for r in old_export]
    theirs[1]["料金（基本）"] = "300円"  # ... staff B publishes a fee change meanwhile ...
    assert main(["publish", str(write(tmp_path / "b.csv", CLASSES.headers(), theirs)), "--kind", "class",
                 "--by", "b", "--data", str(data), "--source", "電話で確認"]) == 0
    mine = [dict(r) for r in old_export]
    mine[0]["料金（基本）"] = "100円"  # ... and A publishes the old export with one edit
    before = snapshot(data)
    upload = write(tmp_path / "a.csv", CLASSES.headers(), mine)
    assert main(["publish", str(upload), "--kind", "class", "--by", "a", "--data", str(data),
                 "--source", "電話で確認"]) == 1
    out = capsys.readouterr().out
    assert "a.csv:3:料金（基本）:" in out and "300円" in out and "b" in out
    assert snapshot(data) == before
    mine[1]["料金（基本）"] = "300円"  # re-exported: only A's own change remains
    assert main(["publish", str(write(upload, CLASSES.headers(), mine)), "--kind", "class", "--by", "a",
                 "--data", str(data), "--source", "電話で確認"]) == 0
    assert [r["料金（基本）"] for r in city(data, "082163")][:2] == ["100円", "300円"]
