"""How values read on screen (finder.present.format) and whom to ask (finder.services.contact)."""

from finder.model import Item, Municipality
from finder.present.format import time_range, yen
from finder.services.contact import whom_to_ask


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
