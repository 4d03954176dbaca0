"""Broken catalog files: validation names the exact file, row, column and problem of each one.

The corpus lives in tests/badinput/ (see its README). Each expected problem is
(file, row, column, words the message must contain); the set of errors must match exactly, so a
validator that reports the wrong row or an extra spurious error fails too.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from finder.catalog.validate import validate_dir
from finder.cli import main as cli_main
from finder.live.catalog import CatalogError
from finder.live.loader import load_catalog
from finder.live.store import CatalogStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "badinput"
TODAY = dt.date(2026, 11, 23)

Expected = list[tuple[str, int, str, str]]

CASES: dict[str, Expected] = {
    "encoding_shift_jis": [("wifi.csv", 1, "-", "not UTF-8")],
    "encoding_utf16": [("facilities.csv", 1, "-", "not UTF-8")],
    # 0xE9 (Latin-1 é) sits at byte 492 of the file: the message says where.
    "encoding_invalid_byte": [("classes.csv", 1, "-", "byte 492")],
    "truncated_mid_row": [
        ("wifi.csv", 3, "-", "7 cells but 25 header columns"),
        ("wifi.csv", 3, "座標精度", "required value is empty"),
        ("wifi.csv", 3, "出典", "required value is empty"),
        ("wifi.csv", 3, "確認日", "required value is empty"),
    ],
    # cut inside a quoted multi-line 説明: the row is named by the line it starts on
    "truncated_in_quoted_field": [
        ("classes.csv", 2, "-", "11 cells but 35 header columns"),
        ("classes.csv", 2, "サンプル", "required value is empty"),
        ("classes.csv", 2, "座標精度", "required value is empty"),
        ("classes.csv", 2, "出典", "required value is empty"),
        ("classes.csv", 2, "確認日", "required value is empty"),
    ],
    "missing_column": [("facilities.csv", 1, "種別", "required column missing")],
    "extra_cells": [("certificates.csv", 2, "-", "29 cells but 27 header columns")],
    "missing_source_column": [("procedures.csv", 1, "source", "required column missing")],
    "missing_source_value": [("certificates.csv", 2, "source", "required value is empty")],
    "lat_not_numeric": [("wifi.csv", 2, "緯度", "not a number: '三十六度'")],
    "lat_nan": [("facilities.csv", 2, "緯度", "not a number: 'NaN'"),
                ("facilities.csv", 2, "経度", "not a number: 'inf'")],
    "lat_lon_swapped": [("wifi.csv", 2, "緯度", "swapped?")],
    "far_from_office": [("wifi.csv", 2, "緯度", "88 km from 笠間市's office")],
    "precision_without_coords": [("wifi.csv", 3, "座標精度", "precision exact without coordinates")],
    "half_coordinate": [("facilities.csv", 2, "経度", "latitude and longitude go together")],
    "duplicate_ids": [("classes.csv", 2, "ID", "duplicate id 'bi-wifi-1' (first at wifi.csv:2)"),
                      ("facilities.csv", 3, "ID", "duplicate id 'bi-fac-1' (first at facilities.csv:2)")],
    "bad_id_chars": [("procedures.csv", 3, "id", "bad id: 'bi proc/2'")],
    "bad_dates": [("classes.csv", 2, "開始日", "bad date: '2025/13/40'"),
                  ("classes.csv", 2, "終了日", "bad date: '2026-02-30'")],
    "checked_in_future": [("wifi.csv", 2, "確認日", "checked date is in the future")],
    "bad_times": [("certificates.csv", 2, "hours_start", "bad time: '6時半'"),
                  ("certificates.csv", 2, "hours_end", "bad time: '25:00'")],
    "ends_before_starts": [("classes.csv", 2, "終了時間", "ends before it starts")],
    "dash_and_invisible": [
        ("wifi.csv", 2, "名称", "bidi or zero-width"),
        ("wifi.csv", 2, "備考", "starts with '-'"),
        ("wifi.csv", 3, "名称_英語", "bidi or zero-width"),
    ],
    "formula_injection": [
        ("facilities.csv", 2, "名称", "spreadsheet formula: '=HYPERLINK("),
        ("wifi.csv", 2, "名称_英語", "spreadsheet formula: \"+cmd|"),
        ("wifi.csv", 3, "名称_英語", "spreadsheet formula: \"@SUM("),
    ],
    "html_in_names": [("wifi.csv", 2, "名称", "HTML markup is not allowed"),
                      ("wifi.csv", 2, "名称_英語", "HTML markup is not allowed"),
                      ("procedures.csv", 2, "summary", "HTML markup is not allowed")],
    "template_syntax": [("facilities.csv", 2, "名称", "template syntax ({{ {% {#) is not allowed"),
                        ("facilities.csv", 2, "名称_英語", "template syntax ({{ {% {#) is not allowed")],
    "javascript_url": [("procedures.csv", 2, "online_url", "bad URL: 'javascript:alert(document.cookie)'")],
    "unknown_city_code": [("wifi.csv", 2, "全国地方公共団体コード", "unknown city code '131016'")],
    "bad_check_digit": [("procedures.csv", 2, "municipality_code", "bad municipality code: '082030'"),
                        ("procedures.csv", 2, "municipality_code", "unknown city code '082030'")],
    "name_does_not_match_code": [("wifi.csv", 2, "地方公共団体名", "コード 082163 は 笠間市 です")],
    "unknown_enum_values": [
        ("procedures.csv", 2, "online_status", "不明な値 'yes'"),
        ("procedures.csv", 2, "life_events", "不明な値 '引越し'"),
        ("facilities.csv", 2, "種別", "不明な値 'museum'"),
    ],
    "unknown_references": [("wifi.csv", 2, "施設ID", "unknown facility id 'bi-fac-999'"),
                           ("life_events.csv", 2, "procedure_key", "unknown key 'tenshutsu_typo'")],
    "duplicate_header": [("wifi.csv", 1, "名称", "duplicate column")],
    "empty_file": [("synonyms.csv", 1, "-", "empty file")],
    "missing_file": [("facilities.csv", 0, "-", "file missing")],
    "not_a_number_fee": [("certificates.csv", 2, "store_fee", "not a whole number: '二百円'"),
                         ("certificates.csv", 2, "counter_fee", "not a whole number: '300.5'")],
}

# Notes (not errors) that must accompany some cases.
NOTES: dict[str, Expected] = {
    "truncated_mid_row": [("wifi.csv", 3, "-", "may be truncated")],
    "truncated_in_quoted_field": [("classes.csv", 2, "-", "may be truncated")],
    "missing_source_column": [("procedures.csv", 1, "sauce", "unknown column, ignored")],
}


def assemble(case: str, dest: Path) -> Path:
    """The valid base catalog with the case's files laid over it."""
    target = dest / case
    shutil.copytree(CORPUS / "_base", target)
    for file in (CORPUS / case).iterdir():
        if file.name == "REMOVE":
            for name in file.read_text(encoding="utf-8").split():
                (target / name).unlink()
        elif file.name != "README.md":
            shutil.copy(file, target / file.name)
    return target


def _match(problems, expected: Expected) -> None:
    got = Counter((p.file, p.row, p.column) for p in problems)
    want = Counter((f, r, c) for f, r, c, _ in expected)
    assert got == want, "\n".join(str(p) for p in problems)
    for file, row, column, words in expected:
        messages = [p.message for p in problems if (p.file, p.row, p.column) == (file, row, column)]
        assert any(words in m for m in messages), f"{file}:{row}:{column}: {words!r} not in {messages}"


def test_corpus_has_every_case_and_base_is_valid():
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert folders == set(CASES)
    result = validate_dir(CORPUS / "_base", today=TODAY)
    assert result.problems == []
    assert len(load_catalog(CORPUS / "_base", today=TODAY)) == 7


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_dir_reports_each_problem_precisely(case, tmp_path):
    result = validate_dir(assemble(case, tmp_path), today=TODAY)
    assert not result.ok
    _match(result.errors, CASES[case])
    notes = [p for p in result.problems if p.severity != "error"]
    _match(notes, NOTES.get(case, []))


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_prints_file_row_column_and_exits_1(case, tmp_path, capsys):
    directory = assemble(case, tmp_path)  # the CLI uses today's date: 2099 is in the future either way
    code = cli_main(["validate", str(directory)])
    out = capsys.readouterr().out
    assert code == 1
    for file, row, column, words in CASES[case]:
        lines = [ln for ln in out.splitlines() if ln.startswith(f"{file}:{row}:{column}: ")]
        assert any(words in ln for ln in lines), f"{file}:{row}:{column} {words!r} missing from:\n{out}"
    assert out.rstrip().splitlines()[-1].startswith("FAILED:")


@pytest.mark.parametrize("case", sorted(CASES))
def test_load_catalog_refuses_the_broken_catalog(case, tmp_path):
    with pytest.raises(CatalogError) as err:
        load_catalog(assemble(case, tmp_path), today=TODAY)
    file, row, column, _ = CASES[case][0]
    assert f"{file}:{row}:{column}:" in str(err.value)


def test_ten_megabyte_cell_is_reported_not_loaded(tmp_path):
    target = assemble("missing_file", tmp_path)  # any assembled dir; restore the removed file
    shutil.copy(CORPUS / "_base" / "facilities.csv", target / "facilities.csv")
    text = (target / "wifi.csv").read_text(encoding="utf-8")
    big = "あ" * (10 * 1024 * 1024)
    (target / "wifi.csv").write_text(text.replace(",試験公園,", f",{big},", 1), encoding="utf-8")
    result = validate_dir(target, today=TODAY)
    _match(result.errors, [("wifi.csv", 2, "名称", "cell too long"), ("wifi.csv", 2, "名称", "too long")])
    assert any("10485760" in p.message for p in result.errors)


def test_cli_exit_code_in_a_real_process(tmp_path):
    bad = assemble("html_in_names", tmp_path)
    proc = subprocess.run([sys.executable, "-m", "finder", "validate", str(bad)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "wifi.csv:2:名称: HTML タグは使えません" in proc.stdout
    good = subprocess.run([sys.executable, "-m", "finder", "validate", str(CORPUS / "_base")], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert good.returncode == 0 and good.stdout.startswith("OK:")


# --- a running app that reloads a broken file keeps the last good catalog (finder.live.store) ------------
def _touch_later(directory: Path) -> None:
    """Make every file look changed even when a broken copy has the same size (mtime one second on)."""
    for file in directory.iterdir():
        stat = file.stat()
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _overlay(case: str, target: Path) -> None:
    for file in (CORPUS / case).iterdir():
        if file.name == "REMOVE":
            for name in file.read_text(encoding="utf-8").split():
                (target / name).unlink()
        elif file.name != "README.md":
            shutil.copy(file, target / file.name)
    _touch_later(target)


@pytest.mark.parametrize("case", sorted(CASES))
def test_store_keeps_the_last_good_catalog_and_says_why(case, tmp_path):
    live = tmp_path / "live"
    shutil.copytree(CORPUS / "_base", live)
    store = CatalogStore(live)
    good = store.get()
    assert good is not None and store.ok and len(good) == 7
    _overlay(case, live)
    assert store.get() is good, "a broken file replaced the catalog"
    assert not store.ok
    _match(store.problems, CASES[case])
    assert store.error == str(store.problems[0])
    file, row, column, _ = CASES[case][0]
    assert f"{file}:{row}:{column}:" in "\n".join(str(p) for p in store.problems)
    # staff fix the file: the next request serves the new catalog and the error is gone
    shutil.rmtree(live)
    shutil.copytree(CORPUS / "_base", live)
    _touch_later(live)
    fixed = store.get()
    assert fixed is not good and store.ok and store.problems == [] and len(fixed) == 7


def test_store_survives_a_ten_megabyte_cell(tmp_path):
    live = tmp_path / "live"
    shutil.copytree(CORPUS / "_base", live)
    store = CatalogStore(live)
    good = store.get()
    wifi = live / "wifi.csv"
    wifi.write_text(wifi.read_text(encoding="utf-8").replace(",試験公園,", f",{'x' * (10 * 1024 * 1024)},", 1),
                    encoding="utf-8")
    _touch_later(live)
    assert store.get() is good and "wifi.csv:2:名称:" in store.error
