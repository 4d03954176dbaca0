"""The one home of the name tables: municipality suffixes (市/町/村/区) with their readings, romaji and English,
the county word (郡), and prefecture suffixes (都/道/府/県). Every module that strips or reads a suffix uses these.
"""

from __future__ import annotations

import re

KINDS = ("市", "区", "町", "村")  # the order a list of same-named places shows them in
KIND_ORDER = {kind: rank for rank, kind in enumerate(KINDS)}
SUFFIXES = "市町村区"
SUFFIX_READINGS: dict[str, tuple[str, ...]] = {"市": ("し",), "区": ("く",), "町": ("まち", "ちょう"),
                                               "村": ("むら", "そん")}
READING_ROMAJI = {"し": "shi", "く": "ku", "まち": "machi", "ちょう": "cho", "むら": "mura", "そん": "son"}
KIND_EN = {"市": "City", "町": "Town", "村": "Village", "区": "Ward"}
ENGLISH_SUFFIXES = tuple(en.lower() for en in KIND_EN.values())  # city, town, village, ward
ROMAJI_SUFFIXES = tuple(dict.fromkeys(READING_ROMAJI.values()))  # shi, ku, machi, cho, mura, son
COUNTY = "郡"
COUNTY_PREFIX = re.compile(r"^.+?郡(.+)$")  # 上川郡上川町 -> 上川町
PREFECTURE_SUFFIX_READINGS = {"都": "と", "道": "", "府": "ふ", "県": "けん"}  # 北海道 keeps its 道
PREFECTURE_SUFFIXES = "".join(PREFECTURE_SUFFIX_READINGS)
PREFECTURE_WORDS = ("prefecture", "pref")


def bare_name(name: str, min_left: int = 1) -> str:
    """The name without its 市/町/村/区 (笠間市 -> 笠間); the name itself when fewer than ``min_left`` remain."""
    if name[-1:] in SUFFIXES and len(name) - 1 >= min_left:
        return name[:-1]
    return name


def bare_reading(name: str, kana: str) -> str:
    """Reading without the suffix the name ends in: つちうらし -> つちうら, ごじょうめまち -> ごじょうめ."""
    for suffix in SUFFIX_READINGS.get(name[-1:], ()):
        if kana.endswith(suffix) and len(kana) > len(suffix):
            return kana[: -len(suffix)]
    return kana


def bare_kana(kana: str, min_left: int = 2) -> str:
    """A reading without a suffix reading (かさまし -> かさま) when the name it belongs to is unknown."""
    for suffix in sorted(READING_ROMAJI, key=len, reverse=True):
        if kana.endswith(suffix) and len(kana) - len(suffix) >= min_left:
            return kana[: -len(suffix)]
    return kana


def bare_prefecture(name: str, kana: str) -> tuple[str, str]:
    """茨城県/いばらきけん -> 茨城/いばらき; 北海道 stays whole (its 道 is part of the name)."""
    suffix = name[-1:]
    reading = PREFECTURE_SUFFIX_READINGS.get(suffix)
    if name == "北海道" or reading is None or not kana.endswith(reading):
        return name, kana
    return name[:-1], kana[: len(kana) - len(reading)]


def bare_english(name: str) -> str:
    """'kasama city' / 'kasama shi' -> 'kasama' (lower-case input)."""
    for suffix in (*ENGLISH_SUFFIXES, *ROMAJI_SUFFIXES):
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


def romaji_words(romaji: str) -> list[tuple[str, str]]:
    """'sapporo-shi chuo-ku' -> [('sapporo', 'shi'), ('chuo', 'ku')] (apostrophes dropped)."""
    out = []
    for word in romaji.replace("'", "").split():
        bare, _, suffix = word.rpartition("-")
        out.append((bare or suffix, suffix if bare else ""))
    return out
