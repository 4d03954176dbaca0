"""pages/7_classes.py: upcoming sessions in date order, filters, undated classes, .ics downloads."""

from __future__ import annotations

import finder.services.ics
from tests.pages.apptest import ok, page_text, run


def test_classes_upcoming_in_date_order_past_hidden_undated_with_contact():
    at = ok(run("pages/7_classes.py"))
    text = page_text(at)
    assert text.index("2026-12-05") < text.index("2027-01-16")
    assert "終わった講座" not in text
    assert "スマホ相談会" in text and "029-000-0002" in text and "お問い合わせください" in text
    sample_cards = [m.value for m in at.markdown if "dxf-card" in m.value and "スマートフォン講座" in m.value]
    assert sample_cards and all("サンプル" in c for c in sample_cards)


def test_classes_filters_by_city_and_month():
    at = ok(run("pages/7_classes.py", month="2027-01"))
    text = page_text(at)
    assert "2027-01-16" in text and "2026-12-05" not in text
    at = ok(run("pages/7_classes.py", city="土浦市"))
    assert "スマートフォン講座" not in page_text(at) and "スマホ相談会" in page_text(at)


def test_classes_ics_download_content(monkeypatch):
    made: list[bytes] = []
    real = finder.services.ics.calendar_ics

    def spy(items, *args, **kwargs):
        data = real(items, *args, **kwargs)
        made.append(data)
        return data

    monkeypatch.setattr(finder.services.ics, "calendar_ics", spy)
    at = ok(run("pages/7_classes.py"))
    labels = [b.label for b in at.get("download_button")]
    assert "カレンダーに追加" in labels
    single = [d.decode() for d in made if d.decode().count("BEGIN:VEVENT") == 1]
    first = next(d for d in single if "class-kas-1" in d)
    assert "DTSTART;TZID=Asia/Tokyo:20261205T100000" in first and "DTEND;TZID=Asia/Tokyo:20261205T120000" in first
    assert "SUMMARY:【サンプル】スマートフォン講座" in first
    combined = [d.decode() for d in made if d.decode().count("BEGIN:VEVENT") == 2]
    assert combined  # 「表示中の予定をまとめて」
