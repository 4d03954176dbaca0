"""finder.catalog.versions: consistent versions, history byte for byte, one writer at a time, clear refusals."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from finder.catalog import versions
from finder.catalog.csvio import csv_bytes
from finder.catalog.schema import WIFI
from tests.catalog_factory import make_catalog, wifi_row


def _wifi(*rows: dict[str, str]) -> bytes:
    return csv_bytes(WIFI.headers(), list(rows))


def _rows(n: int, city: str = "082163", name: str = "笠間市", lat: str = "36.34", lon: str = "140.30"):
    return [wifi_row(ID=f"wifi-{city}-{i}", 全国地方公共団体コード=city, 地方公共団体名=name, 名称=f"試験 {i}",
                     緯度=lat, 経度=lon) for i in range(n)]


@pytest.fixture
def cat(tmp_path) -> Path:
    return make_catalog(tmp_path / "cat", {"wifi": _rows(6)})


def test_first_commit_records_the_original_as_initial(cat):
    original = (cat / "wifi.csv").read_bytes()
    assert versions.current(cat) is None and versions.history(cat) == []
    new = _wifi(*_rows(7))
    info = versions.commit(cat, {"wifi.csv": new}, by="tester", kind="wifi", action="import", note="n")
    assert (cat / "wifi.csv").read_bytes() == new
    hist = versions.history(cat)
    assert [v.action for v in hist] == ["import", "initial"]
    assert hist[0] == info == versions.current(cat) and info.parent == hist[1].id
    assert info.by == "tester" and info.kind == "wifi" and info.note == "n"
    assert info.files["wifi.csv"].rows == 7 and info.counts == {"added": 1, "changed": 0, "removed": 0}
    assert versions.read_version(cat, hist[1].id)["wifi.csv"] == original
    assert hist[1].id < info.id  # sortable ids
    snap = versions.snapshot(cat)
    assert snap.state == "clean" and snap.files["wifi.csv"] == new


def test_ids_stay_sorted_with_a_fixed_clock(cat, monkeypatch):
    monkeypatch.setenv("DXFINDER_NOW", "2026-11-29T10:00+09:00")
    ids = [versions.commit(cat, {"wifi.csv": _wifi(*_rows(6 + i))}, by="t", action="import").id for i in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert [v.id for v in versions.history(cat)][:3] == ids[::-1]


def test_rollback_is_byte_for_byte(cat):
    first = versions.commit(cat, {"wifi.csv": _wifi(*_rows(7))}, by="t", action="import")
    initial = versions.history(cat)[-1]
    versions.commit(cat, {"wifi.csv": _wifi(*_rows(8))}, by="t", action="import")
    old = versions.read_version(cat, initial.id)
    back = versions.commit(cat, old, by="t", action="rollback", note=f"to {initial.id}")
    live, _ = versions.read_live(cat)
    assert live == old and back.parent != first.id and back.action == "rollback"


def test_stale_expect_version_changes_nothing(cat):
    v1 = versions.commit(cat, {"wifi.csv": _wifi(*_rows(7))}, by="a", action="publish")
    versions.commit(cat, {"wifi.csv": _wifi(*_rows(8))}, by="b", action="publish", expect_version=v1.id)
    before = versions.read_live(cat)[0]
    with pytest.raises(versions.StaleVersion):
        versions.commit(cat, {"wifi.csv": _wifi(*_rows(9))}, by="a", action="publish", expect_version=v1.id)
    assert versions.read_live(cat)[0] == before


def test_invalid_catalog_is_refused_with_problems(cat):
    before = versions.read_live(cat)[0]
    bad = _wifi(wifi_row(ID="wifi-x", 緯度="north"))
    with pytest.raises(versions.InvalidCatalog) as err:
        versions.commit(cat, {"wifi.csv": bad}, by="t", action="import")
    assert any(p.file == "wifi.csv" and p.column == "緯度" for p in err.value.problems)
    assert versions.read_live(cat)[0] == before
    assert not (cat / ".versions" / "tmp").exists()  # validated in memory: no scratch copy on disk


def test_bad_file_name_refused(cat):
    with pytest.raises(versions.VersionError):
        versions.commit(cat, {"../evil.csv": b"x"}, by="t", action="import")
    with pytest.raises(versions.UnknownVersion):
        versions.read_version(cat, "../../etc/passwd")


def test_lock_timeout_names_the_holder(cat):
    with versions.lock(cat, by="desk"):
        with pytest.raises(versions.LockTimeout) as err:
            versions.commit(cat, {"wifi.csv": _wifi(*_rows(7))}, by="t", action="import", lock_timeout=0.2)
    assert "desk" in str(err.value)


def test_lock_serialises_threads(cat):
    inside = []

    def work(n: int) -> None:
        with versions.lock(cat):
            inside.append(n)
            assert len(inside) == 1
            threading.Event().wait(0.02)
            inside.pop()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_full_disk_is_a_clear_error_and_nothing_changes(cat, monkeypatch):
    versions.commit(cat, {"wifi.csv": _wifi(*_rows(7))}, by="t", action="import")
    before = versions.read_live(cat)[0]
    real = versions.atomic_write
    calls = []

    def full(path, data):
        calls.append(path)
        if path.name == "wifi.csv":  # the live replace fails half way through the switch
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(versions, "atomic_write", full)
    with pytest.raises(versions.DiskError) as err:
        versions.commit(cat, {"wifi.csv": _wifi(*_rows(8))}, by="t", action="import")
    assert str(err.value) == (f"ディスクがいっぱいです: {cat}。何も変更していません / "
                              f"the disk is full: {cat} (nothing was changed)")
    monkeypatch.setattr(versions, "atomic_write", real)
    assert versions.read_live(cat)[0] == before
    assert versions.snapshot(cat).state == "clean"


def test_read_only_directory_is_a_clear_error(cat, monkeypatch):
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    before = versions.read_live(cat)[0]
    monkeypatch.setattr(versions.os, "open", read_only)
    with pytest.raises(versions.DiskError) as err:
        versions.commit(cat, {"wifi.csv": _wifi(*_rows(7))}, by="t", action="import")
    monkeypatch.undo()
    assert "read-only" in str(err.value) and versions.read_live(cat)[0] == before


def test_read_only_error_message(tmp_path):
    err = versions.disk_error(OSError(errno.EROFS, "Read-only file system"), tmp_path)
    assert str(err) == (f"データフォルダに書き込めません (読み取り専用): {tmp_path}。何も変更していません / "
                        f"the data directory is read-only: {tmp_path} (nothing was changed)")
    assert err.args[0].text("en") == f"the data directory is read-only: {tmp_path} (nothing was changed)"


def test_pending_write_is_served_from_the_manifest_version(cat):
    v1 = versions.commit(cat, {"wifi.csv": _wifi(*_rows(7))}, by="t", action="import")
    good = versions.read_version(cat, v1.id)
    # A writer died after replacing one file: a pending mark, a live file of the next version.
    (cat / ".versions" / "pending.json").write_text('{"version": "x"}')
    (cat / "wifi.csv").write_bytes(_wifi(*_rows(2)))
    snap = versions.snapshot(cat)
    assert snap.state == "recovered" and snap.files == good
    # The next writer puts the manifest's version back before it starts.
    syn = "terms\n住民票;じゅうみんひょう\n".encode()
    versions.commit(cat, {"synonyms.csv": syn}, by="t", action="publish")
    assert versions.read_live(cat)[0] == {**good, "synonyms.csv": syn}
    assert not (cat / ".versions" / "pending.json").exists()


def test_hand_edit_that_loses_rows_is_held_back_until_confirmed(cat):
    versions.commit(cat, {"wifi.csv": _wifi(*_rows(10))}, by="t", action="import")
    (cat / "wifi.csv").write_bytes(_wifi(*_rows(3)))
    snap = versions.snapshot(cat)
    assert snap.state == "hand-edit" and any("10" in r and "3" in r for r in snap.held)
    with pytest.raises(versions.UnconfirmedEdit):
        versions.commit(cat, {"wifi.csv": _wifi(*_rows(12))}, by="t", action="import")
    info = versions.confirm(cat, by="staff")
    assert info.action == "hand-edit" and info.by == "staff" and info.counts["removed"] == 7
    assert versions.snapshot(cat).state == "clean"


def test_small_hand_edit_is_recorded_before_the_next_write(cat):
    versions.commit(cat, {"wifi.csv": _wifi(*_rows(10))}, by="t", action="import")
    (cat / "wifi.csv").write_bytes(_wifi(*_rows(11)))
    assert versions.snapshot(cat).held == []
    versions.commit(cat, {"wifi.csv": _wifi(*_rows(12))}, by="t", action="import")
    assert [v.action for v in versions.history(cat)] == ["import", "hand-edit", "import", "initial"]


def test_held_back_reasons():
    ten = _wifi(*_rows(10), *_rows(2, city="082031", name="土浦市", lat="36.08", lon="140.20"))
    assert versions.held_back_reasons({"wifi.csv": ten}, {"wifi.csv": ten}) == []
    only_kasama = _wifi(*_rows(10))
    reasons = versions.held_back_reasons({"wifi.csv": ten}, {"wifi.csv": only_kasama})
    assert len(reasons) == 1 and "082031" in reasons[0]
    assert "removed" in versions.held_back_reasons({"synonyms.csv": b"terms\nx\n"}, {})[0]


def test_load_catalog_and_the_cli_read_the_complete_version_mid_write(cat, capsys):
    from finder.cli import main
    from finder.live.loader import load_catalog

    versions.commit(cat, {"wifi.csv": _wifi(*_rows(7))}, by="t", action="import")
    (cat / ".versions" / "pending.json").write_text('{"version": "x"}')
    (cat / "wifi.csv").write_bytes(_wifi(*_rows(2)))
    assert len(load_catalog(cat).of_kind("wifi")) == 7
    assert main(["export", "--dir", str(cat), "--out", str(cat.parent / "out.csv")]) == 0
    assert (cat.parent / "out.csv").read_text(encoding="utf-8-sig").count("wifi-082163-") == 7
