"""What a search returns: the item, its score, and what matched, as data the UI words in its language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from finder.model import Item


@dataclass(frozen=True, slots=True)
class Match:
    """One reason an item was found; finder.present.match words it in Japanese or English.

    ``field``: the item's text that matched: title, reading, english, alias, alias_reading, keyword,
    keyword_reading, town, venue, town_reading, ssid; ``kind`` when the query names the item's kind;
    ``municipality`` when it names the item's city.
    ``how``: how the query reached it: direct (as typed), reading (the reading of its kanji), romaji,
    synonym (through data/synonyms.csv), city (a municipality named in the query, used as a filter).
    ``text``: the matched text as the item has it (the kind for ``kind``, the city's name for
    ``municipality``); for a synonym, the query's word as the synonym group writes it.
    ``target``: for a synonym, the item's text or the kind it led to.
    """

    field: str
    how: str
    text: str
    target: str = ""


@dataclass(frozen=True, slots=True)
class SearchHit:
    item: Item
    score: float  # 0-100
    matches: tuple[Match, ...] = ()
