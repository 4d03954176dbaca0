"""A municipality's digital picture from the national open data: how many of the national list's resident
procedures can be done online there, against its prefecture's and the national average, and the share of
residents holding a マイナンバーカード, each with its date and credit (finder.national.online_list)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from finder.municipalities.table import load_table, resolve_city
from finder.national.online_list import CELL_AVAILABLE, OnlineList, load_online_list


@dataclass(frozen=True, slots=True)
class Picture:
    code: str
    prefecture: str
    online: int  # resident procedures marked ○
    total: int  # resident procedures of the list (43)
    prefecture_average: float
    national_average: float
    card_rate: str  # マイナンバーカード保有率 in %, '' when the dashboard has none
    card_as_of: str
    list_as_of: str
    list_credit: str
    card_credit: str


@lru_cache(maxsize=1)
def _online_counts() -> dict[str, int]:
    data = load_online_list()
    keys = [p.key for p in data.resident_procedures()]
    return {code: sum(row[k] == CELL_AVAILABLE for k in keys) for code, row in data.cells.items()}


def _average(values: list[int]) -> float:
    return round(sum(values) / len(values), 1) if values else 0.0


def picture(code: str, online: OnlineList | None = None) -> Picture | None:
    """The picture for a municipality (a ward gives its city's), or None for a code not in the list."""
    data = online or load_online_list()
    code = resolve_city(code)
    counts = _online_counts()
    row = load_table().get(code)
    if code not in counts or row is None:
        return None
    same_pref = [n for c, n in counts.items() if (m := load_table().get(c)) is not None and m.prefecture == row.prefecture]
    dash = data.dashboard.get(code, {})
    return Picture(code=code, prefecture=row.prefecture, online=counts[code], total=len(data.resident_procedures()),
                   prefecture_average=_average(same_pref), national_average=_average(list(counts.values())),
                   card_rate=dash.get("mynumber_card_rate", ""), card_as_of=data.sources["dx_dashboard"].as_of,
                   list_as_of=data.source.as_of, list_credit=data.source.credit,
                   card_credit=data.sources["dx_dashboard"].credit)
