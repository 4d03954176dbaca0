"""How values read on screen (finder.present.format) and whom to ask (finder.resident.contact)."""

from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.present.format import time_range, yen
from finder.resident.contact import whom_to_ask


def test_time_range_says_only_what_the_source_gives():
    assert time_range("10:00", "12:00") == "10:00–12:00"
    assert time_range("10:00", "") == "10:00" and time_range("", "") == ""


def test_yen():
    assert yen("1200", "ja") == "1,200円" and yen(300, "en") == "¥300" and yen("-100", "ja") == "-100円"
    assert yen("", "ja") == "" and yen(None, "en") == "" and yen("無料", "ja") == "無料"


def test_whom_to_ask_prefers_the_rows_then_the_city():
    city = Municipality("082031", "土浦市", "つちうらし", "Tsuchiura", "茨城県", phone="029-826-1111")

    def row(**data: str) -> Item:
        return Item(kind="procedure", id="p", title="t", title_kana="", title_en="", municipality="土浦市",
                    municipality_code="082031", data=data)

    assert whom_to_ask([row(section="市民課", section_phone="029-000-0001")], city) == ("市民課", "029-000-0001")
    assert whom_to_ask([row(contact_name="公民館", contact_phone="029-000-0002")], city) == ("公民館", "029-000-0002")
    assert whom_to_ask([row(), row(section="市民課")], city) == ("市民課", "029-826-1111")
    assert whom_to_ask([], city) == ("", "029-826-1111") and whom_to_ask([], None) == ("", "")


def test_dates_and_days_read_as_people_write_them():
    import datetime as dt

    from finder.present.format import days_text, month_day, short_range, year_month

    assert year_month("2023-04") == "2023年4月" and year_month("2023-04-15", "en") == "April 2023"
    assert year_month("") == "" and year_month("令和5年") == ""
    assert month_day(dt.date(2026, 12, 10)) == "12月10日(木)" and month_day(dt.date(2026, 12, 10), "en") == "Thu 10 Dec"
    assert short_range("06:30", "23:00") == "6:30–23:00" and short_range("10:00", "") == "10:00"
    assert days_text("月,火,水,木,金,土,日,祝") == "月〜日・祝日"
    assert days_text("火,水,木,金,土", "en") == "Tue–Sat" and days_text("火,水") == "火・水"
    assert days_text("土日は休み") == "土日は休み"  # any other text as the data writes it
