"""A start point typed as an address or a town name (「大和町」「土浦市大和町9-1」「研究学園」).

The point is the 町字 representative point of the gazetteer (finder.municipalities.gazetteer, Geolonia 住所データ,
CC BY 4.0): town-level, so it is always shown as approximate and with the gazetteer's credit line. Only the
catalog's own cities are searched (their places are what the map lists); a city named in the text, or the one
chosen on the page, narrows the search to that city.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from finder.municipalities.cities import CityLexicon
from finder.municipalities.gazetteer import TownTable, load_towns
from finder.municipalities.municipality import Municipality
from finder.municipalities.scope import find_city_in_query

CREDIT = TownTable.CREDIT
CREDIT_EN = ("Geolonia japanese-addresses (https://github.com/geolonia/japanese-addresses), CC BY 4.0; based on "
             "MLIT location reference data and Japan Post postal code data")
MAX_TEXT = 100
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class StartPoint:
    """A town's representative point in one of the catalog's cities."""

    city_code: str
    city: str
    town: str
    lat: float
    lon: float

    @property
    def label(self) -> str:
        return f"{self.city} {self.town}"


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").strip()[:MAX_TEXT]
    return "".join(text.split())


def _named_city(text: str, cities: Sequence[Municipality]) -> tuple[Municipality | None, str]:
    """The city the text starts with (「土浦市…」, 「土浦…」, after an optional prefecture), found by the one pass
    (finder.municipalities.scope.find_city_in_query), and the rest of the text as typed (大和町9-1)."""
    named = find_city_in_query(text, own=CityLexicon.build(cities), nationwide=False)
    city = None if named is None else next((m for m in cities if m.code == named.city_code), None)
    if city is None:
        return None, text
    for typed in (text, text.removeprefix(city.prefecture)):
        if typed.startswith(named.words):
            return city, typed[len(named.words):]
    return None, text  # named further on, or in another script than typed: not a start


def locate_start(text: str, cities: Sequence[Municipality], city_code: str = "",
                 towns: TownTable | None = None) -> list[StartPoint]:
    """Town points for a typed place, best first (at most MAX_CANDIDATES; [] when nothing matches).

    An address (a town name followed by a block number, 「大和町9-1」) gives its town; a partial town name gives
    every town that starts with it (「研究学園」 → 研究学園一丁目 … 七丁目), then those that contain it."""
    text = _clean(text)
    named, rest = _named_city(text, cities)
    scope = [named] if named else [m for m in cities if not city_code or m.code == city_code]
    if not rest and named:  # only a city: its main office is the honest point, not a town
        return []
    if not rest:
        return []
    table = towns or load_towns()
    exact: list[StartPoint] = []
    starts: list[StartPoint] = []
    contains: list[StartPoint] = []
    for m in scope:
        found = table.locate(m.code, m.name + rest)
        if found is not None:
            exact.append(StartPoint(m.code, m.name, found.town, found.lat, found.lon))
        for tp in table.towns(m.code):
            point = StartPoint(m.code, m.name, tp.town, tp.lat, tp.lon)
            if found is not None and tp.town == found.town:
                continue
            if tp.town.startswith(rest):
                starts.append(point)
            elif len(rest) >= 2 and rest in tp.town:
                contains.append(point)
    starts.sort(key=lambda p: len(p.town))  # stable: the gazetteer's own order (一丁目, 二丁目 …)
    return (exact + starts + contains)[:MAX_CANDIDATES]
