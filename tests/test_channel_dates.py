"""One date per channel where the sources differ: a counter claim resting on a 2023 plan shows 2023-04,
not the date of the national page the online status comes from."""

from __future__ import annotations

import datetime as dt

import pytest

from finder.catalog.validate import validate_dir
from finder.live.loader import load_catalog
from finder.resident.answer import answer
from finder.resident.life_events import ways
from tests.catalog_factory import make_catalog, procedure_row

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
PLAN_COUNTER = ["proc-052116-tenshutsu", "proc-052116-tennyu", "proc-052116-tenkyo", "proc-082325-tennyu",
                "proc-082325-tenkyo"]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize("item_id", PLAN_COUNTER)
def test_a_counter_claim_from_a_2023_plan_carries_the_plan_date(catalog, item_id):
    item = catalog.get(item_id)
    assert item.get("counter_level") == "city" and item.get("counter_as_of") == "2023-04"
    assert "2023年4月" in item.source or "令和5年4月" in item.source
    assert item.get("status_as_of").startswith("2026-11")  # the online status: the national page
    counter = next(w for w in ways(item, NOW.date()) if w.channel in ("counter", "counter_only"))
    assert counter.as_of == "2023-04"  # older than two years: shown with its date


@pytest.mark.parametrize("item_id", ["proc-082325-tennyu", "proc-052116-tenkyo"])
def test_the_answer_dates_the_counter_by_its_own_source(catalog, item_id):
    found = answer(catalog.get(item_id), NOW, "ja")
    assert "窓口" in found.headline and found.status.as_of == "2023年4月時点" and found.status.stale


def test_a_counter_date_in_the_future_is_an_error(tmp_path):
    row = procedure_row(counter_status="available", status_as_of="2026-11", counter_as_of="2030-01")
    result = validate_dir(make_catalog(tmp_path, {"procedure": [row]}), today=dt.date(2026, 11, 29))
    assert any(p.column == "counter_as_of" and p.severity == "error" for p in result.problems)
