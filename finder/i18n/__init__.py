"""The one string table: every UI string in Japanese (ja.py) and English (en.py), looked up here.

``t(key, lang, **fmt)`` returns the string for the language (falling back to Japanese, then to the key
itself so a missing string is visible rather than a crash). tests/test_i18n.py checks both languages
have the same keys and the same ``{placeholders}``, and that every key the code uses exists.
"""

from __future__ import annotations

import datetime as dt

from finder.i18n.desk_strings import EN_DESK, JA_DESK
from finder.i18n.en import EN, PLATFORM_EN
from finder.i18n.ja import JA
from finder.i18n.national_list import EN_LIST, JA_LIST
from finder.i18n.terms_en import requirements_en, section_en

for _table, _more in ((JA, JA_LIST), (EN, EN_LIST), (JA, JA_DESK), (EN, EN_DESK)):
    _table.update(_more)

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"
STRINGS: dict[str, dict[str, str]] = {"ja": JA, "en": EN}

__all__ = ["DEFAULT_LANG", "EN", "JA", "LANGS", "PLATFORM_EN", "STRINGS", "facility_type_label", "kind_label",
           "lang_name", "level_label", "norm_lang", "platform_label", "requirements_label", "section_label", "t", "weekday_label"]


def norm_lang(lang: str | None) -> str:
    """A supported language code ('ja' for anything unknown)."""
    lang = (lang or "").lower()[:2]
    return lang if lang in STRINGS else DEFAULT_LANG


def t(key: str, lang: str | None = DEFAULT_LANG, /, **fmt: object) -> str:
    """The UI string for key in lang, formatted with fmt; falls back to Japanese, then to the key."""
    table = STRINGS[norm_lang(lang)]
    text = table.get(key) or JA.get(key) or key
    if fmt:
        try:
            return text.format(**fmt)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def kind_label(kind: str, lang: str | None = DEFAULT_LANG) -> str:
    return t(f"kind.{kind}", lang)


def platform_label(platform: str, lang: str | None = DEFAULT_LANG) -> str:
    return PLATFORM_EN.get(platform, platform) if norm_lang(lang) == "en" else platform


def section_label(section: str, lang: str | None = DEFAULT_LANG) -> str:
    """A department name (担当課) in the UI language: English with the official name in parentheses."""
    return section_en(section) if norm_lang(lang) == "en" else section


def requirements_label(requirements: str, lang: str | None = DEFAULT_LANG) -> str:
    """What to bring (必要なもの) in the UI language."""
    return requirements_en(requirements) if norm_lang(lang) == "en" else requirements


def facility_type_label(kind: str, lang: str | None = DEFAULT_LANG) -> str:
    return t(f"facility_type.{kind}", lang) if kind else ""


def level_label(level: str, lang: str | None = DEFAULT_LANG) -> str:
    return t(f"level.{level}", lang) if level else t("common.unknown", lang)


def lang_name(code: str) -> str:
    """A language's name in that language (日本語, English), the same whatever the UI language."""
    return t(f"lang.{norm_lang(code)}")


def weekday_label(day: dt.date, lang: str | None = DEFAULT_LANG) -> str:
    """月 … 日 / Mon … Sun."""
    return t("common.weekdays", lang).split()[day.weekday()]
