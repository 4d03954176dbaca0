"""Readings (hiragana) of catalog text, so that kana and romaji queries find kanji titles.

Order of trust: the item's own kana column, then the staff overrides in data/readings.csv (plus the
municipality names with their kana from municipalities.csv), then pykakasi. pykakasi misreads some
names and terms (要介護 -> ようすけご, 都和 -> みやこわ); an override fixes every text containing the
surface, because overrides are applied to substrings before pykakasi sees the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from finder.text.normalize import MAX_RAW_CHARS, has_kanji, normalize, to_hiragana

_MAX_READ_CHARS = 400


@lru_cache(maxsize=1)
def _kakasi():
    # Imported on first use: pykakasi loads its dictionaries on import (~0.8 s), which commands that read
    # no text (validate, export) should not pay for.
    import pykakasi

    return pykakasi.kakasi()


@lru_cache(maxsize=50_000)
def kakasi_reading(text: str) -> str:
    """pykakasi's hiragana reading (cached: pykakasi costs ~0.3 ms per call)."""
    if not text or not has_kanji(text):
        return to_hiragana(text)
    try:
        return "".join(part.get("hira", "") for part in _kakasi().convert(text[:_MAX_READ_CHARS]))
    except Exception:  # pykakasi on odd input must not break search
        return to_hiragana(text)


@lru_cache(maxsize=4096)
def kakasi_words(text: str) -> tuple[tuple[str, str], ...]:
    """pykakasi's words with their hiragana readings, (surface, reading) in order (for furigana); the
    surfaces add up to the whole text (long text is read in pieces)."""
    words: list[tuple[str, str]] = []
    for start in range(0, len(text), _MAX_READ_CHARS):
        piece = text[start:start + _MAX_READ_CHARS]
        try:
            parts = [(p.get("orig", ""), p.get("hira", "")) for p in _kakasi().convert(piece)]
        except Exception:  # pykakasi on odd input: no readings rather than a broken page
            parts = [(piece, "")]
        words += parts if "".join(s for s, _ in parts) == piece else [(piece, "")]
    return tuple(words)


class Reader:
    """Reads text with overrides first; one per search index (overrides come from the catalog)."""

    def __init__(self, overrides: Mapping[str, str] | None = None,
                 extra: Iterable[tuple[str, str]] = ()):
        table: dict[str, str] = {}
        for surface, reading in list(extra) + list((overrides or {}).items()):
            s = normalize(surface, max_chars=MAX_RAW_CHARS)
            r = to_hiragana(normalize(reading, max_chars=MAX_RAW_CHARS)).replace(" ", "")
            if s and r:
                table[s] = r  # data/readings.csv wins over names added by code
        self.overrides = table
        self._by_first: dict[str, list[str]] = {}
        for s in sorted(table, key=len, reverse=True):
            self._by_first.setdefault(s[0], []).append(s)
        self._cache: dict[str, str] = {}

    def reading(self, text: str, kana: str = "") -> str:
        """Hiragana reading of ``text`` (normalized); ``kana`` is the item's own kana column, if any."""
        if kana:
            own = to_hiragana(normalize(kana, max_chars=MAX_RAW_CHARS))
            if own:
                return own
        s = normalize(text, max_chars=_MAX_READ_CHARS)
        cached = self._cache.get(s)
        if cached is None:
            cached = self._read(s)
            if len(self._cache) < 50_000:
                self._cache[s] = cached
        return cached

    def clear_cache(self) -> None:
        """Forget the readings of catalog texts once the index holds their keys."""
        self._cache = {}

    def _read(self, s: str) -> str:
        """Overrides replace their surfaces (longest first, left to right); pykakasi reads the gaps."""
        out: list[str] = []
        gap_start = 0
        i, n = 0, len(s)
        while i < n:
            for surface in self._by_first.get(s[i], ()):
                if s.startswith(surface, i):
                    if gap_start < i:
                        out.append(kakasi_reading(s[gap_start:i]))
                    out.append(self.overrides[surface])
                    i += len(surface)
                    gap_start = i
                    break
            else:
                i += 1
        if gap_start < n:
            out.append(kakasi_reading(s[gap_start:]))
        return "".join(out)

