"""Class sessions (finder.resident.classes): next session, ended, upcoming order, undated."""

from __future__ import annotations

import datetime as dt

import pytest

from finder.model import Item
from finder.resident import classes

TODAY = dt.date(2026, 11, 23)


def make_class(n: str = "c", city: str = "082031", **data: str) -> Item:
    return Item(kind="class", id=n, title=n, title_kana="", title_en="", municipality="土浦市" if city == "082031"
                else "笠間市", municipality_code=city, data=data)


@pytest.mark.parametrize("data, expected", [
    ({"start_date": "2026-12-01", "start_time": "10:00", "end_time": "12:00"}, (dt.date(2026, 12, 1),
                                                                             "2026-12-01 10:00–12:00")),
    ({"start_date": "2026-11-23"}, (TODAY, "2026-11-23")),
    ({"start_date": "2026-01-01"}, (None, "")),
    ({"start_date": "2026-11-01", "end_date": "2026-12-31"}, (TODAY, "2026-11-01〜2026-12-31")),
    ({"frequency": "開催回数の目標 (KPI)"}, (None, "")),
    ({}, (None, "")),
])
def test_next_session(data, expected):
    assert classes.next_session(make_class(**data), TODAY) == expected


def test_ended_undated_and_unreadable_dates():
    assert classes.has_ended(make_class(start_date="2020-01-01"), TODAY)
    assert not classes.has_ended(make_class(), TODAY)
    # A date we cannot read is "not announced", never "ended".
    assert not classes.has_ended(make_class(start_date="2026-13-45"), TODAY)
    assert classes.next_session_text(make_class(start_date="2020-01-01"), "ja", TODAY) == "終了しました"
    assert classes.next_session_text(make_class(), "en", TODAY) == "No date announced"
    wifi = Item(kind="wifi", id="w", title="w", title_kana="", title_en="", municipality="", municipality_code="",
                data={"start_date": "2020-01-01"})
    assert not classes.has_ended(wifi, TODAY)


def test_upcoming_soonest_first_by_city_untimed_last():
    items = [make_class("later", start_date="2027-01-10", start_time="10:00"),
             make_class("untimed", start_date="2026-12-01"),
             make_class("timed", start_date="2026-12-01", start_time="09:00"),
             make_class("running", start_date="2026-11-01", end_date="2026-11-30"),
             make_class("ended", start_date="2026-01-01"),
             make_class("kasama", city="082163", start_date="2026-11-30"),
             make_class("undated")]
    assert [s.item.id for s in classes.upcoming(items, TODAY)] == ["running", "kasama", "timed", "untimed", "later"]
    assert [s.item.id for s in classes.upcoming(items, TODAY, "082163")] == ["kasama"]
    assert [s.item.id for s in classes.upcoming(items, TODAY, "笠間市")] == ["kasama"]
    running = classes.upcoming(items, TODAY)[0]
    assert (running.day, running.start, running.text) == (TODAY, dt.date(2026, 11, 1), "2026-11-01〜2026-11-30")
    assert [it.id for it in classes.undated(items)] == ["undated"]
    assert classes.undated(items, "082163") == []


def test_a_sample_date_is_an_example_never_a_session():
    sample = make_class("sample", start_date="2026-12-10", start_time="10:00")
    sample.is_sample = True
    real = make_class("real", start_date="2026-12-20")
    undated = make_class("undated")
    items = [sample, real, undated]
    assert classes.session(sample, TODAY) is None and classes.next_session(sample, TODAY) == (None, "")
    assert not classes.is_dated(sample) and not classes.has_ended(sample, TODAY)
    assert classes.next_session_text(sample, "ja", TODAY) == "サンプル (日程は例です)"
    assert [s.item.id for s in classes.upcoming(items, TODAY)] == ["real"]
    assert [it.id for it in classes.undated(items)] == ["undated"]  # a sample is not "undated" either
    assert [it.id for it in classes.samples(items)] == ["sample"]
    assert [it.id for it in classes.real_classes(items, "土浦市")] == ["real", "undated"]
    assert classes.samples(items, "082163") == []


def test_whom_to_ask_about_a_citys_classes():
    from finder.municipalities.municipality import Municipality
    from finder.resident.answer import next_step

    city = Municipality("082031", "土浦市", "つちうらし", "Tsuchiura City", "茨城県", phone="029-826-1111",
                        website="https://www.city.tsuchiura.lg.jp/")
    named = make_class("a", contact_name="情報政策課", contact_phone="029-000-0002")
    step = next_step([make_class("b"), named], city, "ja")
    assert (step.whom, step.phone, step.tel) == ("情報政策課", "029-000-0002", "tel:0290000002")
    assert [(link.url, link.label) for link in step.links] == [("https://www.city.tsuchiura.lg.jp/", "土浦市の公式サイト")]
    # No row names a number: the city's own, said to be the city's.
    step = next_step([make_class("c", contact_name="情報政策課")], city, "en")
    assert step.phone == "029-826-1111" and "Tsuchiura City" in step.whom
    bare = next_step([], Municipality("082325", "神栖市", "かみすし", "Kamisu City", "茨城県"), "ja")
    assert (bare.phone, bare.tel, bare.links) == ("", "", ())
