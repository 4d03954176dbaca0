"""The staff to-do list: rows not checked for a long time, sample rows, and facts residents ask for that are unknown."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from finder.catalog.cells import parse_date
from finder.catalog.schema import SPEC_BY_KIND
from finder.live.catalog import Catalog
from finder.model import Item

REASONS = ("stale", "sample", "unknown")

# Facts residents ask about, per kind (internal column keys): empty or "unknown" means nobody knows yet.
WATCHED: dict[str, tuple[str, ...]] = {
    "procedure": ("online_status", "counter_status", "store_status", "mail_status"),
    "certificate": ("status", "store_fee", "hours_start", "hours_end"),
    "wifi": ("ssid", "hours", "limits"),
    "class": ("start_date", "start_time", "venue", "fee", "how_to_apply"),
    "facility": ("open_days", "open_time", "close_time", "phone"),
}
# A certificate the city does not offer at convenience stores has no store fee or hours to find out.
NOT_OFFERED = {"certificate": ("status", "not_available")}


@dataclass(frozen=True)
class ToDo:
    city_code: str
    kind: str
    item_id: str
    title: str
    reason: str  # one of REASONS
    columns: tuple[str, ...] = ()  # CSV headers of the unknown facts ("unknown" only)
    checked: str = ""
    age_days: int | None = None  # days since 確認日 ("stale" only)


def unknown_columns(item: Item) -> tuple[str, ...]:
    """Headers of the watched facts this row leaves empty or marks unknown."""
    spec = SPEC_BY_KIND[item.kind]
    skip = NOT_OFFERED.get(item.kind)
    if skip and item.get(skip[0]) == skip[1]:
        return ()
    headers = {c.key: c.header for c in spec.columns}
    return tuple(headers[k] for k in WATCHED.get(item.kind, ()) if item.get(k) in ("", "unknown"))


def todo_list(catalog: Catalog, today: dt.date, stale_days: int, city_code: str | None = None) -> list[ToDo]:
    """Everything staff could check, per city, oldest 確認日 first within each reason."""
    todos: list[ToDo] = []
    for item in catalog.items:
        if city_code and item.municipality_code != city_code:
            continue
        base = {"city_code": item.municipality_code, "kind": item.kind, "item_id": item.id, "title": item.title,
                "checked": item.checked}
        checked = parse_date(item.checked)
        age = (today - checked).days if checked else None
        if age is None or age > stale_days:
            todos.append(ToDo(reason="stale", age_days=age, **base))
        if item.is_sample:
            todos.append(ToDo(reason="sample", **base))
        missing = unknown_columns(item)
        if missing:
            todos.append(ToDo(reason="unknown", columns=missing, **base))
    order = {r: n for n, r in enumerate(REASONS)}
    kinds = {k: n for n, k in enumerate(WATCHED)}
    return sorted(todos, key=lambda t: (t.city_code, order[t.reason], kinds.get(t.kind, 99), t.checked, t.item_id))


def counts_by_city(todos: list[ToDo]) -> dict[str, Counter]:
    """city code → Counter of reasons, for the summary table."""
    out: dict[str, Counter] = {}
    for todo in todos:
        out.setdefault(todo.city_code, Counter())[todo.reason] += 1
    return out
