"""pages/7_classes.py: upcoming sessions in date order, filters, undated classes, .ics downloads; samples apart."""

from __future__ import annotations

import csv
import shutil

import pytest

import finder.resident.ics
from finder.catalog.csvio import write_csv
from finder.catalog.schema import CLASSES
from tests.pages.apptest import APP_CATALOG, ok, page_text, run


@pytest.fixture(autouse=True)
def classes_catalog(tmp_path, monkeypatch):
    """The app fixture with two real dated classes (class-kas-1 made real) and a sample dated in between."""
    root = tmp_path / "catalog"
    shutil.copytree(APP_CATALOG, root)
    with (root / CLASSES.filename).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    sample = {**rows[0], "ID": "class-kas-sample", "イベント名": "スマホ教室 (サンプル日程)", "開始日": "2026-12-08",
              "終了日": "", "説明": "【サンプル】日時は表示例です", "連絡先名称": "", "連絡先電話番号": "", "サンプル": "yes"}
    rows[0]["サンプル"] = "no"
    write_csv(root / CLASSES.filename, CLASSES.headers(), [*rows, sample])
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(root))
    return root


def _sample_section(at):
    return [e for e in at.expander if "サンプル" in e.label]


def test_classes_upcoming_in_date_order_past_hidden_undated_with_contact():
    at = ok(run("pages/7_classes.py"))
    text = page_text(at)
    assert text.index("2026-12-05") < text.index("2027-01-16")
    assert "終わった講座" not in text
    assert "スマホ相談会" in text and "029-000-0002" in text and "お問い合わせください" in text
    assert 'href="tel:0290000002"' in "".join(m.value for m in at.markdown)


def test_a_sample_is_never_an_upcoming_class_nor_in_a_calendar():
    at = ok(run("pages/7_classes.py"))
    (section,) = _sample_section(at)
    cards = [m.value for m in section.markdown if "dxf-card" in m.value]
    listed = [m.value for m in at.main.markdown if "dxf-card" in m.value and m.value not in cards]
    assert listed and not any("サンプル" in c for c in listed)
    assert "2026-12-08" not in page_text(at)  # the sample's example date is nowhere
    assert not section.proto.expanded
    assert len(cards) == 1 and "スマホ教室 (サンプル日程)" in cards[0] and "サンプル" in cards[0]
    assert not section.get("download_button") and not section.button


def test_classes_filters_by_city_and_month():
    at = ok(run("pages/7_classes.py", month="2027-01"))
    text = page_text(at)
    assert "2027-01-16" in text and "2026-12-05" not in text
    at = ok(run("pages/7_classes.py", city="土浦市"))
    assert "スマートフォン講座" not in page_text(at) and "スマホ相談会" in page_text(at)


def test_a_city_without_a_known_class_says_so_and_whom_to_ask():
    at = ok(run("pages/7_classes.py", city="土浦市"))
    html = "".join(m.value for m in at.markdown)
    assert "土浦市で、今わかっている教室の予定はありません" in html
    # The section and number the city's class rows name, as a tappable link, and the city's site.
    assert "情報政策課" in html and 'href="tel:0290000002"' in html
    assert 'href="https://www.city.tsuchiura.lg.jp/"' in html and "土浦市の公式サイト" in html
    assert not at.get("download_button")
    at = ok(run("pages/7_classes.py", city="神栖市", lang="en"))
    html = "".join(m.value for m in at.markdown)
    assert "No upcoming class is known for Kamisu City" in html
    assert "Kamisu City official website" in html  # no phone known: the city's site is the next step


def test_classes_ics_download_content(monkeypatch):
    made: list[bytes] = []
    real = finder.resident.ics.calendar_ics

    def spy(items, *args, **kwargs):
        data = real(items, *args, **kwargs)
        made.append(data)
        return data

    monkeypatch.setattr(finder.resident.ics, "calendar_ics", spy)
    at = ok(run("pages/7_classes.py"))
    labels = [b.label for b in at.get("download_button")]
    assert "カレンダーに追加" in labels
    single = [d.decode() for d in made if d.decode().count("BEGIN:VEVENT") == 1]
    first = next(d for d in single if "class-kas-1" in d)
    assert "DTSTART;TZID=Asia/Tokyo:20261205T100000" in first and "DTEND;TZID=Asia/Tokyo:20261205T120000" in first
    assert "SUMMARY:スマートフォン講座" in first
    combined = [d.decode() for d in made if d.decode().count("BEGIN:VEVENT") == 2]
    assert combined  # 「表示中の予定をまとめて」
    assert not any("class-kas-sample" in d or "サンプル" in d for d in map(bytes.decode, made))
