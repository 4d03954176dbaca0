"""The summary a resident reads under an item's answer, in the UI language; in English for every item.

Procedures and services carry a written summary (``summary``, ``summary_en``). Every other kind, and any
row without an English summary, gets one built from its structured fields only (title, city, type) with
fixed phrases from the i18n table: free text (説明, 備考, status notes) is never translated, because a
paraphrase could drop its hedges. The free text stays in Japanese under 「この情報について」, and the
English summary says so. An English card never shows a Japanese summary.
"""

from __future__ import annotations

from finder.i18n import facility_type_label, norm_lang, t
from finder.model import Item
from finder.resident.answer import service_type_label

WRITTEN = ("procedure", "service")  # kinds whose rows carry a summary written for residents
FREE_TEXT = ("description", "note", "status_note")  # kept in Japanese, in 「この情報について」


def built_summary(item: Item, lang: str, city: str) -> str:
    """One sentence from the item's structured fields: what it is and where; no status, no free text."""
    title = (item.title_en or item.title) if norm_lang(lang) == "en" else item.title
    fmt = {"title": title, "city": city}
    if item.kind == "facility":
        kind = item.get("facility_type")
        if kind and kind != "other":
            return t("answer.sum.facility", lang, type=facility_type_label(kind, lang), **fmt)
        return t("answer.sum.facility_plain", lang, **fmt)
    if item.kind == "service":
        return t("answer.sum.service", lang, type=service_type_label(item.get("service_type"), lang) or "-", **fmt)
    if item.kind in ("procedure", "certificate", "wifi", "class"):
        return t(f"answer.sum.{item.kind}", lang, **fmt)
    return t("answer.sum.class", lang, **fmt)


def written_summary(item: Item, lang: str) -> str:
    """The row's own summary in the language, '' when it has none in that language."""
    if item.kind not in WRITTEN:
        return ""
    return item.get("summary_en") if norm_lang(lang) == "en" else item.get("summary")


def card_summary(item: Item, lang: str, city: str) -> str:
    """What a result card shows under the answer: a procedure's or service's summary (built in English when
    the row has none); '' for the other kinds, whose answer already says what a resident asked."""
    if item.kind not in WRITTEN:
        return ""
    return written_summary(item, lang) or (built_summary(item, lang, city) if norm_lang(lang) == "en" else "")


def detail_summary(item: Item, lang: str, city: str) -> str:
    """The detail view's summary: the written one, else (English) one built from the fields, with a pointer to
    the Japanese details when the row has free text; '' in Japanese for kinds with no written summary."""
    written = written_summary(item, lang)
    if written or norm_lang(lang) != "en":
        return written
    text = built_summary(item, lang, city)
    if any(item.get(key) for key in FREE_TEXT) or (item.summary and item.kind in WRITTEN):
        text = f"{text} {t('answer.sum.more_in_japanese', lang)}"
    return text
