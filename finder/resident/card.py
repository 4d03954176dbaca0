"""A result card's heading block as escaped HTML: badges, title, city, what matched, the answer and summary."""

from __future__ import annotations

from collections.abc import Mapping

from finder.i18n import t
from finder.model import Item
from finder.present.html import esc, kind_badge, level_badge, sample_badge, text_html, title_html
from finder.resident.summary import card_summary


def card_html(item: Item, lang: str = "ja", furigana: bool = False, matched: str = "",
              show_summary: bool = True, city: str = "", note: str = "", answer: str = "",
              readings: Mapping[str, str] | None = None) -> str:
    """The heading block of a result card: badges, title, city, what matched (or a plain note), the answer,
    summary. ``answer`` is HTML from finder.resident.answer_html.answer_html; it carries the level with the
    status, so the level badge is left out then. The summary is never Japanese in English (card_summary),
    and has furigana too (``readings``: surface -> reading overrides such as data/readings.csv)."""
    badges = [kind_badge(item.kind, lang)] + ([] if answer else [level_badge(item.level, lang)])
    if item.is_sample:
        badges.append(sample_badge(lang))
    summary = card_summary(item, lang, city or item.municipality)
    city = f'<span class="dxf-city">📍 {esc(city or item.municipality)}</span>'
    parts = [f'<div class="dxf-card" lang="{"en" if lang == "en" else "ja"}">',
             f'<div class="dxf-badges">{" ".join(badges)} {city}</div>',
             f'<h3 class="dxf-title">{title_html(item, lang, furigana)}</h3>']  # a heading: screen readers jump by them
    if matched:
        parts.append(f'<div class="dxf-matched">{esc(t("search.matched", lang, matched=matched))}</div>')
    if note:
        parts.append(f'<div class="dxf-matched">{esc(note)}</div>')
    parts.append(answer)
    if show_summary and summary:
        ruby = furigana and lang != "en"
        parts.append(f'<div class="dxf-summary">{text_html(summary, ruby, readings)}</div>')
    parts.append("</div>")
    return "".join(parts)
