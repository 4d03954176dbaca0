"""Distances: metres between points, walking time, Japan's bounds, the nearest places to a point."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
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
