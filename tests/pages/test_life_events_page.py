"""pages/8_life_events.py: a life event's procedures in the chosen city, in order."""

from __future__ import annotations

from tests.pages.apptest import cards, ok, page_text, run


def test_life_events_lists_procedures_of_the_city_in_order():
    at = ok(run("pages/8_life_events.py", city="土浦市"))
    found = cards(at)
    assert "転出届" in found[0] and "転入届" in found[1]
    assert "新しい市で" in page_text(at)
    at.radio(key="w_event").set_value("出産・子育て").run()
    assert "児童手当" in page_text(at) and at.query_params["event"] == "出産・子育て"


def test_life_events_missing_procedure_says_so():
    at = ok(run("pages/8_life_events.py", city="笠間市"))
    text = page_text(at)
    assert "転入届" in text and "情報はまだありません" in text and "0296-77-1101" in text
