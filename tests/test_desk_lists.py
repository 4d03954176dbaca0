"""Row diffs, the freshness to-do list and the city's open-data export (no writing involved)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from finder.catalog.schema import CLASSES, SYNONYMS
from finder.cli import main
from finder.desk.freshness import todo_list, unknown_columns
from finder.desk.rowdiff import diff_rows
from finder.live.export import city_open_data_csv, open_data_headers
from finder.live.loader import load_catalog

FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"


def cls(**over: str) -> dict[str, str]:
    row = {h: "" for h in CLASSES.headers()}
    row.update({"全国地方公共団体コード": "082163", "ID": "c1", "地方公共団体名": "笠間市", "イベント名": "講座"})
    row.update(over)
    return row


def test_diff_matches_rows_by_id_and_names_changed_columns():
    before = [cls(ID="a"), cls(ID="b", 開始日="2026-12-01"), cls(ID="c")]
    after = [cls(ID="b", 開始日="2026-12-08", 場所名称="公民館"), cls(ID="c"), cls(ID="d")]
    diff = diff_rows(CLASSES, before, after)
    assert [c.key for c in diff.added] == ["d"]
    assert [c.key for c in diff.removed] == ["a"]
    assert [(c.key, c.columns) for c in diff.changed] == [("b", ("開始日", "場所名称"))]
    assert diff.counts() == {"added": 1, "changed": 1, "removed": 1}
    assert {c.status for c in diff.changes} == {"added", "changed", "removed"}
    assert diff.changed[0].city == "082163"


def test_files_without_ids_are_compared_by_content():
    diff = diff_rows(SYNONYMS, [{"terms": "a;b"}, {"terms": "c;d"}], [{"terms": "c;d"}, {"terms": "e;f"}])
    assert diff.counts() == {"added": 1, "changed": 0, "removed": 1}


def test_freshness_lists_stale_sample_and_unknown_rows():
    catalog = load_catalog(FIXTURE, today=dt.date(2026, 12, 1))
    todos = todo_list(catalog, dt.date(2026, 12, 1), stale_days=365)
    assert not [t for t in todos if t.reason == "stale"]  # checked 2026-11-01
    samples = {t.item_id for t in todos if t.reason == "sample"}
    assert samples == {it.id for it in catalog.items if it.is_sample} and "class-kas-1" in samples
    later = todo_list(catalog, dt.date(2028, 1, 1), stale_days=365)
    stale = [t for t in later if t.reason == "stale"]
    assert len(stale) == len(catalog.items) and all(t.age_days > 365 for t in stale)
    only = todo_list(catalog, dt.date(2028, 1, 1), stale_days=365, city_code="082031")
    assert only and {t.city_code for t in only} == {"082031"}


def test_unknown_facts_are_named_by_their_column():
    catalog = load_catalog(FIXTURE, today=dt.date(2026, 12, 1))
    undated = catalog.get("class-tsu-undated")
    assert "開始日" in unknown_columns(undated)
    for it in catalog.of_kind("certificate"):
        if it.get("status") == "not_available":
            assert unknown_columns(it) == ()  # not offered: no fee or hours to find out


def test_open_data_export_uses_the_standard_layout_and_leaves_samples_out():
    catalog = load_catalog(FIXTURE, today=dt.date(2026, 12, 1))
    data = city_open_data_csv(catalog, "class", "082163")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == open_data_headers("class") and open_data_headers("class")[-1] == "備考"
    assert {r["ID"] for r in rows} == {"class-kas-2", "class-kas-past"}  # class-kas-1 is a sample
    sjis = city_open_data_csv(catalog, "class", "082163", encoding="cp932")
    assert sjis.decode("cp932").splitlines()[0].startswith("全国地方公共団体コード,ID")
    assert open_data_headers("procedure")[-1] == "note"  # no national layout: our columns


def test_open_data_export_refuses_characters_shift_jis_cannot_hold(tmp_path):
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "d")
    path = tmp_path / "d" / "classes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("マイナンバーカード講座", "𠮷野家講座"), encoding="utf-8")
    catalog = load_catalog(tmp_path / "d", today=dt.date(2026, 12, 1))
    with pytest.raises(ValueError, match="class-kas-2:イベント名"):
        city_open_data_csv(catalog, "class", "082163", encoding="cp932")


def test_export_command_writes_the_open_data_layout(tmp_path, capsys):
    out = tmp_path / "wifi.csv"
    assert main(["export", "--format", "opendata", "--kind", "wifi", "--city", "笠間市", "--dir", str(FIXTURE),
                 "--out", str(out)]) == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == open_data_headers("wifi")
    assert main(["export", "--format", "opendata", "--kind", "wifi", "--city", "どこか市", "--dir", str(FIXTURE)]) == 2
    assert "--city" in capsys.readouterr().err


def test_bilingual_messages_are_shown_in_the_ui_language():
    from finder.desk.view import in_language

    message = "HTML タグは使えません / HTML markup is not allowed"
    assert in_language(message, "ja") == "HTML タグは使えません"
    assert in_language(message, "en") == "HTML markup is not allowed"
    assert in_language("no separator", "ja") == "no separator"


def test_a_message_whose_value_holds_a_slash_is_shown_whole_in_the_ui_language():
    from finder.desk.view import in_language
    from finder.i18n.messages import Message

    message = Message("validate.national.bad_cell", cell="'○ / ×'")
    assert in_language(message, "ja") == "不明な値: '○ / ×'"
    assert in_language(message, "en") == "bad cell '○ / ×'"


def test_unknown_english_columns_get_plain_names():
    from finder.desk.freshness import ToDo
    from finder.desk.view import todo_text

    todo = ToDo("082163", "procedure", "p", "転出届", "unknown", ("online_status", "fee"))
    assert todo_text(todo, "ja") == "わからない項目: オンライン (online_status)、fee"
    assert "SSID" in todo_text(ToDo("082163", "wifi", "w", "公園", "unknown", ("SSID",)), "en")
