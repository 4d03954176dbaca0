"""What matched, worded for the reader: finder.search returns ``Match`` data, the string table words it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from finder.i18n import DEFAULT_LANG, kind_label, norm_lang, t
from finder.text.normalize import has_kanji, is_kana

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from finder.search.hit import Match


def explain_match(match: Match, lang: str | None = DEFAULT_LANG,
                  city_label: Callable[[str], str] | None = None) -> str:
    """One reason, e.g. 「読み: じゅうみんひょう」 / "reading: じゅうみんひょう"; ``city_label`` names a city in ``lang``."""
    if match.field == "municipality":
        return t("match.city", lang, city=city_label(match.text) if city_label else match.text)
    if match.field == "kind":
        if match.how == "synonym":
            return t("match.synonym", lang, text=match.text, target=kind_label(match.target, lang))
        return t("match.kind", lang, kind=kind_label(match.text, lang))
    if match.how == "synonym":
        if _written_in(match.target, lang):
            return t("match.synonym", lang, text=match.text, target=match.target)
        # The group's word in the other language would be no explanation to this reader: say only
        # that the item means what the resident typed (「戸籍謄本」と同じ意味, not → family register).
        return t("match.synonym_of", lang, text=match.text)
    field = t(f"match.field.{match.field}", lang)
    # Romaji that matched a reading says nothing new; romaji that matched a name or keyword does.
    key = "match.romaji" if match.how == "romaji" and not match.field.endswith("reading") else "match.text"
    return t(key, lang, field=field, text=match.text)


def _written_in(text: str, lang: str | None) -> bool:
    """Whether a synonym term reads in the UI's language: Japanese script for ja, none of it for en."""
    japanese = has_kanji(text) or any(is_kana(ch) for ch in text)
    return japanese == (norm_lang(lang) == "ja")


def explain_matches(matches: Iterable[Match], lang: str | None = DEFAULT_LANG,
                    city_label: Callable[[str], str] | None = None) -> str:
    """All reasons of a hit: what matched, joined by " + ", then the city the query named, after " · "."""
    matches = list(matches)
    found = [explain_match(m, lang) for m in matches if m.field != "municipality"]
    text = " + ".join(dict.fromkeys(found))
    for m in matches:
        if m.field == "municipality":
            place = explain_match(m, lang, city_label)
            text = f"{text} · {place}" if text else place
    return text
