"""The searchable entries of an item: (key, field, display) for each text a resident might type.

Every searchable text of an item (title, reading, English name, alias, keywords and their readings,
town of the address, venue, SSID) becomes a *key*: its normalized, kana-folded form.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from finder.municipalities.cities import city_stems
from finder.municipalities.names import PREFECTURE_SUFFIXES
from finder.search.fields import (
    F_ALIAS,
    F_ALIAS_R,
    F_EN,
    F_KW,
    F_KW_R,
    F_PLACE,
    F_PLACE_R,
    F_READING,
    F_SSID,
    F_TITLE,
    F_VENUE,
    FIELD_W,
)
from finder.text.normalize import kana_key, normalize
from finder.text.spoken import spoken

if TYPE_CHECKING:
    from collections.abc import Sequence

    from finder.model import Item
    from finder.municipalities.municipality import Municipality
    from finder.text.readings import Reader

Entry = tuple[str, int, str]  # (key, field code, text as shown)

_ADDR_PREFIX = re.compile(rf"^.{{2,3}}?[{PREFECTURE_SUFFIXES}]")
_ADDR_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十〇]+(丁目|番地|番|号|地割).*$|[0-9０-９].*$")


def town(address: str, city_names: set[str], lengths: Sequence[int]) -> str:
    """The town part of an address: 茨城県つくば市谷田部4774番地18 -> 谷田部."""
    s = normalize(address)
    s = _ADDR_PREFIX.sub("", s, count=1)
    for n in lengths:  # longest city name first
        if s[:n] in city_names:
            s = s[n:]
            break
    s = s.removeprefix("大字").removeprefix("字")
    s = _ADDR_NUMBER.sub("", s).strip()
    return s if len(s) >= 2 else ""


def _entry_order(entry: Entry) -> tuple[int, str]:
    return entry[1], entry[0]


class EntryMaker:
    """Entries of items. Texts shared by many items (one national procedure in every city) are read once;
    the caches live as long as the maker, i.e. one index build."""

    def __init__(self, reader: Reader, cities: Sequence[Municipality]):
        self.reader = reader
        self.city_names = {normalize(n) for m in cities for n in city_stems(m.name)}
        self.name_lengths = sorted({len(n) for n in self.city_names}, reverse=True)
        self._items: dict[tuple, tuple[Entry, ...]] = {}
        self._texts: dict[tuple[str, int, str], tuple[Entry, ...]] = {}
        self._keywords: dict[tuple[str, ...], list[Entry]] = {}
        self._towns: dict[str, str] = {}

    def item(self, it: Item) -> tuple[Entry, ...]:
        """(key, field, display) for every searchable text of an item; one entry per key."""
        d = it.data
        alias, address, venue_address = d.get("alias", ""), d.get("address", ""), d.get("venue_address", "")
        venue, ssid = d.get("venue", ""), d.get("ssid", "")
        sig = (it.title, it.title_kana, it.title_en, it.keywords, alias, address, venue_address, venue, ssid)
        cached = self._items.get(sig)
        if cached is not None:
            return cached
        text = self._text
        raw = list(text(it.title, F_TITLE, F_READING, it.title_kana))
        raw += text(it.title_en, F_EN)
        if alias and alias != it.title:
            raw += text(alias, F_ALIAS, F_ALIAS_R)
        kw = self._keywords.get(it.keywords)
        if kw is None:
            kw = [e for k in it.keywords[:40] for e in text(k, F_KW, F_KW_R)]
            self._keywords[it.keywords] = kw
        raw += kw
        for addr in (address, venue_address):
            if addr:
                place = self._towns.get(addr)
                if place is None:
                    place = self._towns[addr] = town(addr, self.city_names, self.name_lengths)
                if place:
                    raw += text(place, F_PLACE, F_PLACE_R)
        if venue:
            raw += text(venue, F_VENUE)
        if ssid:
            raw += text(ssid, F_SSID)
        best: dict[str, Entry] = {}
        for entry in raw:
            old = best.get(entry[0])
            if old is None or FIELD_W[entry[1]] > FIELD_W[old[1]]:
                best[entry[0]] = entry
        entries = tuple(sorted(best.values(), key=_entry_order))
        if len(self._items) < 500_000:
            self._items[sig] = entries
        return entries

    def _text(self, text: str, field: int, reading_field: int | None = None, kana: str = "") -> tuple[Entry, ...]:
        """Entries of one text (its key, and its reading's key when the field has a reading)."""
        text = (text or "").strip()
        if not text:
            return ()
        ck = (text, field, kana)
        hit = self._texts.get(ck)
        if hit is None:
            key = kana_key(normalize(text))
            out = [(key, field, text)] if key else []
            if reading_field is not None:
                reading = self.reader.reading(text, kana)
                rkey = kana_key(reading.replace(" ", ""))
                if rkey:
                    out.append((rkey, reading_field, reading))
                said = spoken(reading)  # 無線LAN: むせんlan is also むせんらん
                if said and kana_key(said) != rkey:
                    out.append((kana_key(said), reading_field, said))
            hit = tuple(out)
            if len(self._texts) < 1_000_000:
                self._texts[ck] = hit
        return hit
