"""Geography helpers: distances, Japan bounds, walking time, gazetteer look-ups."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

EARTH_RADIUS_M = 6_371_008.8
# Bounding box of Japan's territory (generous): 20–46 N, 122–154 E.
JAPAN_LAT = (20.0, 46.0)
JAPAN_LON = (122.0, 154.0)
# How far a point may lie from its city's main office before we call it misplaced.
MAX_KM_FROM_OFFICE = 35.0
WALKING_M_PER_MIN = 80.0  # 不動産の表示に関する公正競争規約: 徒歩1分 = 80 m


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def walking_minutes(metres: float) -> int:
    """Walking minutes at 80 m/min, rounded up (the Japanese real-estate convention)."""
    return max(1, math.ceil(metres / WALKING_M_PER_MIN))


def in_japan(lat: float, lon: float) -> bool:
    return JAPAN_LAT[0] <= lat <= JAPAN_LAT[1] and JAPAN_LON[0] <= lon <= JAPAN_LON[1]


class HasPoint(Protocol):
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Nearby:
    item: object
    metres: float

    @property
    def walk_min(self) -> int:
        return walking_minutes(self.metres)


def nearest(items: Iterable[HasPoint], lat: float, lon: float, limit: int = 5,
            max_m: float | None = None) -> list[Nearby]:
    """Items with coordinates, nearest first."""
    found = []
    for it in items:
        if it.lat is None or it.lon is None:
            continue
        d = haversine_m(lat, lon, it.lat, it.lon)
        if max_m is None or d <= max_m:
            found.append(Nearby(it, d))
    found.sort(key=lambda n: n.metres)
    return found[:limit]


@dataclass(frozen=True)
class TownPoint:
    town: str
    koaza: str
    lat: float
    lon: float


class Gazetteer:
    """町字 representative points (Geolonia 住所データ, CC BY 4.0), one JSON file per city.

    Given an address, finds the longest town name it contains. Used only to fill missing
    coordinates, which are then marked with precision ``town``.
    """

    CREDIT = ("Geolonia 住所データ (https://github.com/geolonia/japanese-addresses), CC BY 4.0; "
              "based on 国土交通省 位置参照情報 and 日本郵便 郵便番号データ")

    def __init__(self, towns_by_city: dict[str, Sequence[TownPoint]]):
        self._towns = towns_by_city

    @classmethod
    def from_dir(cls, root: Path) -> Gazetteer:
        towns: dict[str, list[TownPoint]] = {}
        for path in sorted(Path(root).glob("*/*.json")):
            rows = json.loads(path.read_text(encoding="utf-8"))
            towns[path.stem] = [
                TownPoint(r["town"], r.get("koaza", ""), float(r["lat"]), float(r["lng"])) for r in rows
            ]
        return cls(towns)

    def cities(self) -> list[str]:
        return sorted(self._towns)

    def locate(self, city: str, address: str) -> TownPoint | None:
        """Town point for an address in a city, or None when no town name matches."""
        towns = self._towns.get(city)
        if not towns or not address:
            return None
        text = unicodedata.normalize("NFKC", address)
        if city in text:
            text = text.split(city, 1)[1]
        text = _kanji_chome(text).replace("大字", "")
        variants = {text, text.replace("字", "")}
        hyphen = _HYPHEN_CHOME.match(text)  # '筑穂1-10-4' is often 筑穂一丁目10-4
        if hyphen:
            variants.add(hyphen[1] + _to_kanji_number(int(hyphen[2])) + "丁目" + hyphen[3])
        best: TownPoint | None = None
        best_len = -1
        for tp in towns:
            for name in (tp.town + tp.koaza, tp.town) if tp.koaza else (tp.town,):
                if len(name) > best_len and any(_starts_with_town(v, name) for v in variants):
                    best, best_len = tp, len(name)
        return best


_KANJI_DIGITS = "〇一二三四五六七八九"
_HYPHEN_CHOME = re.compile(r"^(\D+?)(\d{1,2})[-‐－ー−](.*)$")
# What may follow a town name in an address: a number, 字/番, a separator, or nothing.
_AFTER_TOWN = re.compile(r"^(?:$|[0-9０-９〇一二三四五六七八九十百千]|[字番の丁\-‐－−\s（(])")


def _starts_with_town(address: str, town: str) -> bool:
    """True when the address starts with the whole town name ('中' must not match '中央二丁目')."""
    return address.startswith(town) and bool(_AFTER_TOWN.match(address[len(town):]))


def _kanji_chome(text: str) -> str:
    """'中央3丁目' -> '中央三丁目' so that addresses match the gazetteer's spelling."""
    out = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j].isdigit():
            j += 1
        if j > i and text.startswith("丁目", j):
            num = int(text[i:j])
            out.append(_to_kanji_number(num))
            i = j
            continue
        if j > i:
            out.append(text[i:j])
            i = j
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _to_kanji_number(n: int) -> str:
    if n < 10:
        return _KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _KANJI_DIGITS[tens]
    return head + "十" + (_KANJI_DIGITS[ones] if ones else "")
