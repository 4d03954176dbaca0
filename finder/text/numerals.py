"""Kanji numerals, the one helper: block numbers as addresses write them in kanji (3 -> 三, 12 -> 十二)."""

from __future__ import annotations

import re

_KANJI_DIGITS = "〇一二三四五六七八九"
_ARABIC_BLOCK = re.compile(r"(\d{1,2})(丁目|条|線)")  # 札幌's 北1条西 is 北一条西 in the gazetteer


def kanji_number(n: int) -> str:
    """0..99 the way 町字 names spell them: 3 -> 三, 10 -> 十, 12 -> 十二, 21 -> 二十一."""
    if not 0 <= n <= 99:
        raise ValueError(f"kanji_number takes 0..99, not {n}")
    if n < 10:
        return _KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _KANJI_DIGITS[tens]) + "十" + (_KANJI_DIGITS[ones] if ones else "")


def kanji_blocks(text: str) -> str:
    """Arabic block numbers in kanji: 中央3丁目 -> 中央三丁目, 北1条西2丁目 -> 北一条西二丁目, 東5線 -> 東五線."""
    return _ARABIC_BLOCK.sub(lambda m: kanji_number(int(m[1])) + m[2], text)
