"""The gazetteer: an address or town name in a municipality -> its 町字 representative point.

Geolonia 住所データ (CC BY 4.0): nationwide from data/national/towns.csv.gz (``TownTable``, ``load_towns``), or
one JSON file per city (``Gazetteer.from_dir``, what scripts/derive_coords.py reads). Both read an address the
same way (``address_variants``): 3丁目 and 北1条 in kanji, 大字/字 dropped, 筑穂1-10 as 筑穂一丁目10.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from finder.municipalities.table import TOWNS_CSV_GZ, NationalTable, load_table
from finder.text.numerals import kanji_blocks, kanji_number

CREDIT = ("Geolonia 住所データ (https://github.com/geolonia/japanese-addresses), CC BY 4.0; "
          "based on 国土交通省 位置参照情報 and 日本郵便 郵便番号データ")
_HYPHEN_CHOME = re.compile(r"^(\D+?)(\d{1,2})[-‐－ー−](.*)$")
# What may follow a town name in an address: a number, 字/番, a separator, or nothing.
_AFTER_TOWN = re.compile(r"^(?:$|[0-9〇一二三四五六七八九十百千]|[字番の丁\-‐－−\s（(])")


@dataclass(frozen=True, slots=True)
class TownPoint:
    town: str
    koaza: str
    lat: float
    lon: float


def _fold(text: str) -> str:
    return text.replace("ヶ", "ケ")


def address_variants(text: str) -> set[str]:
    """Spellings of the part after the city: 中央3丁目 -> 中央三丁目, 大字/字 dropped, 筑穂1-10 -> 筑穂一丁目10."""
    text = kanji_blocks(text).replace("大字", "")
    out = {text, text.replace("字", "")}
    hyphen = _HYPHEN_CHOME.match(text)
    if hyphen:
        out.add(hyphen[1] + kanji_number(int(hyphen[2])) + "丁目" + hyphen[3])
    return out


def best_town(candidates: Iterable[tuple[str, TownPoint]], text: str) -> TownPoint | None:
    """The candidate whose whole name (not '中' of '中央二丁目') starts the address, longest name first."""
    variants = address_variants(text)
    best, best_len = None, -1
    for name, tp in candidates:
        if len(name) > best_len and any(v.startswith(name) and _AFTER_TOWN.match(v[len(name):]) for v in variants):
            best, best_len = tp, len(name)
    return best


class Gazetteer:
    """町字 representative points (Geolonia 住所データ, CC BY 4.0), one JSON file per city.

    Given an address, finds the longest town name it contains. Used only to fill missing
    coordinates, which are then marked with precision ``town``.
    """

    CREDIT = CREDIT

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
        names = [(name, tp) for tp in towns for name in ((tp.town + tp.koaza, tp.town) if tp.koaza else (tp.town,))]
        return best_town(names, text)


class TownTable:
    """Compact nationwide gazetteer (Geolonia 住所データ, CC BY 4.0, derived by scripts/build_national.py)."""

    CREDIT = CREDIT

    def __init__(self, text: str, table: NationalTable):
        """``text``: the decompressed CSV; a city's lines are parsed on first use (an import needs one city,
        and 190,000 parsed points would cost ~80 MB instead of ~10 MB of text)."""
        self._text = text
        self._spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._parsed: dict[str, list[TownPoint]] = {}
        pos, end_all = text.find("\n") + 1, len(text)
        while 0 < pos < end_all:
            end = text.find("\n", pos)
            end = end_all if end < 0 else end
            spans = self._spans[text[pos:pos + 6]]
            if spans and spans[-1][1] == pos - 1:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((pos, end))
            pos = end + 1
        self._table = table
        names: dict[str, list[str]] = defaultdict(list)
        for m in table.rows:
            names[m.name].append(m.code)
            names[m.prefecture + m.name].append(m.code)
        self._codes = {name: codes[0] for name, codes in names.items() if len(codes) == 1}

    @classmethod
    def from_file(cls, path: Path | None = None, table: NationalTable | None = None) -> TownTable:
        text = gzip.decompress(Path(path or TOWNS_CSV_GZ).read_bytes()).decode("utf-8")
        return cls(text, table or load_table())

    def towns(self, code: str) -> list[TownPoint]:
        """The town points filed under one code (a ward, or a municipality without wards)."""
        if code not in self._parsed:
            rows = csv.reader(io.StringIO("\n".join(self._text[a:b] for a, b in self._spans.get(code, ()))))
            self._parsed[code] = [TownPoint(town, "", float(lat), float(lon)) for _, town, lat, lon in rows]
        return self._parsed[code]

    def cities(self) -> list[str]:
        """Codes that have towns (a designated city's towns are filed under its wards)."""
        return sorted(self._spans)

    def code_for(self, city: str) -> str | None:
        """A 6-digit code, a unique name (土浦市) or prefecture + name (北海道伊達市) -> code."""
        if self._table.get(city) is not None:
            return city
        return self._codes.get(unicodedata.normalize("NFKC", city).replace(" ", ""))

    def locate(self, city: str, address: str) -> TownPoint | None:
        """Town point for an address in a city (code or name); None when no town name matches."""
        code = self.code_for(city) if city else None
        m = self._table.get(code) if code else None
        if m is None or not address:
            return None
        text = _fold(unicodedata.normalize("NFKC", address).replace(" ", "").replace("\u3000", ""))
        for prefix in (m.prefecture, _fold(m.name)):
            if prefix in text:
                text = text.split(prefix, 1)[1]
        candidates: list[tuple[str, TownPoint]] = [(_fold(t.town), t) for t in self.towns(m.code)]
        wards = self._table.wards_of(m.code) if m.designated else []
        named = [w for w in wards if text.startswith(w.ward)]
        if named:  # the address names its ward: search that ward (浜松's new wards have none: the city's)
            text = text[len(named[0].ward):]
            wards = named if self.towns(named[0].code) else []
        for ward in wards:
            candidates += [(_fold(t.town), t) for t in self.towns(ward.code)]
        return best_town(candidates, text)


@lru_cache(maxsize=2)
def load_towns(path: Path | None = None) -> TownTable:
    """Cached: about 190,000 points, read once per process."""
    return TownTable.from_file(path)
