"""pages/8_life_events.py: a life event's procedures in the chosen city, in order."""

from __future__ import annotations

import re

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


def _html(at) -> str:
    return "".join(m.value for m in at.markdown)


def _ways(html: str) -> list[str]:
    """The channel line of each step (the badges only, not the card below it)."""
    return re.findall(r'<div class="dxf-ways"[^>]*>(.*?)</div>', html)


def test_each_step_says_how_it_can_be_done_and_where():
    at = ok(run("pages/8_life_events.py", city="土浦市"))
    html = _html(at)
    steps = _ways(html)
    assert len(steps) == 2
    # 転出届: online first, at the counter too; done at the municipality one leaves.
    assert "💻 ○</span> オンラインでできる" in steps[0] and "窓口でできる" in steps[0]
    assert steps[0].index("オンラインでできる") < steps[0].index("窓口でできる")
    assert "前に住んでいた市区町村で" in html and "土浦市から引っ越すときは土浦市で" in html
    # 転入届: every other channel recorded as not available -> 「窓口のみ」; at the new municipality.
    assert "🏛 ○</span> 窓口のみ" in steps[1] and "引っ越し先の市区町村で" in html


def test_unknown_channels_stay_unknown_and_english_is_complete():
    at = ok(run("pages/8_life_events.py", city="笠間市"))
    html = _html(at)
    # 笠間市's 転出届 row: online unknown (no badge invented), store not available, counter available.
    first = _ways(html)[0]
    assert "オンラインでできる" not in first and "オンラインではできない" not in first
    assert "窓口でできる" in first and "コンビニではできない" in first
    # No 転入届 row in 笠間市: how it is done is unknown, never guessed.
    assert "できる方法は不明" in _ways(html)[1]
    at = ok(run("pages/8_life_events.py", city="土浦市", lang="en"))
    html = _html(at)
    assert "Can be done online" in html and "Counter only" in html and "At the municipality you move out of" in html
