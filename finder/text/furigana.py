"""Furigana: which reading goes over which kanji, from the catalog's kana (the HTML is finder.present.html.ruby_html).

The catalog stores one reading per title (title_kana), not per kanji. ``align`` splits the title into
runs of kanji and kana and uses the kana runs of the title as anchors in the reading, so
"住民票の写し" + "じゅうみんひょうのうつし" gives 住民票(じゅうみんひょう) の 写(うつ) し. When the
reading does not line up (abbreviations, English words read in katakana, ...), the whole title gets
the whole reading, which is still correct, just less precise.
"""

from __future__ import annotations

import re
from functools import lru_cache

from finder.text.normalize import has_kanji, is_kana, to_hiragana


def _runs(text: str) -> list[tuple[str, bool]]:
    """Split into (run, needs_reading) where needs_reading is True for kanji (and anything not kana)."""
    runs: list[tuple[str, bool]] = []
    for ch in text:
        wild = not is_kana(ch)
        if runs and runs[-1][1] == wild:
            runs[-1] = (runs[-1][0] + ch, wild)
        else:
            runs.append((ch, wild))
    return runs


@lru_cache(maxsize=4096)
def align(title: str, reading: str) -> tuple[tuple[str, str], ...]:
    """Pairs (surface, reading_or_empty). Falls back to ((title, reading),) if the reading does not fit."""
    title, reading = (title or "").strip(), to_hiragana((reading or "").strip()).replace(" ", "").replace("\u3000", "")
    if not title:
        return ()
    if not reading or not has_kanji(title):
        return ((title, ""),)
    runs = _runs(title)
    pattern = "".join("(.+?)" if wild else re.escape(to_hiragana(run)) for run, wild in runs)
    match = re.fullmatch(pattern, reading)
    if not match:
        return ((title, reading),)
    pairs: list[tuple[str, str]] = []
    groups = iter(match.groups())
    for run, wild in runs:
        if wild:
            got = next(groups)
            # Non-kanji runs (latin, digits, symbols) read as themselves need no ruby.
            pairs.append((run, got if has_kanji(run) else ""))
        else:
            pairs.append((run, ""))
    return tuple(pairs)
