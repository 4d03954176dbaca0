"""The nearest places to a point that a resident can go to: for the map's list and the kiosk's Wi-Fi cards.

Apart from the map's folium code, so that what only needs distances (the kiosk, the CLI's settings check)
does not import folium and pandas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from finder.geo import Nearby, nearest
from finder.model import Item
from finder.resident import classes

NEAR_KINDS = ("wifi", "class")
NEAR_MAX_M = 5000.0  # "near" lists stop at about an hour's walk


def nearest_places(items: Iterable[Item], lat: float, lon: float, kinds: Iterable[str] = NEAR_KINDS,
                   limit: int = 5, exclude_id: str | None = None, today: dt.date | None = None,
                   max_m: float | None = NEAR_MAX_M) -> list[Nearby]:
    """Nearest items of the given kinds within ``max_m`` of a point (haversine), nearest first; ended
    classes and samples (an example, not a class one can go to) left out."""
    wanted = set(kinds)
    pool = [it for it in items if it.kind in wanted and it.has_point and it.id != exclude_id
            and not it.is_sample and not classes.has_ended(it, today)]
    return nearest(pool, lat, lon, limit=limit, max_m=max_m)
