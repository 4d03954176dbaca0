"""Badges for how a life-event step can be done, and where (the municipality one leaves or moves to).

Each badge is an icon plus words (colour is only an extra cue); every value comes from the string table,
and the as-of date from the row is escaped like any catalog text.
"""

from __future__ import annotations

from collections.abc import Iterable

from finder.i18n import level_label, t
from finder.present.html import esc
from finder.resident.life_events import Way

ICONS = {"online": "💻", "store": "🏪", "mail": "✉️", "counter": "🏛", "counter_only": "🏛", "unknown": "？"}
MARKS = {"available": "○", "planned": "△", "not_available": "×", "unknown": "？"}


def way_label(way: Way, lang: str = "ja") -> str:
    """「オンラインでできる」「窓口のみ」「コンビニ不可」… with 「(2023-04時点)」 when the status is old."""
    if way.channel in ("counter_only", "unknown"):
        text = t(f"life.channel.{way.channel}", lang)
    else:
        text = t(f"life.channel.{way.channel}.{way.status}", lang)
    notes = [level_label(way.level, lang)] if way.level else []
    notes += [t("life.as_of", lang, date=way.as_of)] if way.as_of else []
    return f"{text} ({' · '.join(notes)})" if notes else text


def ways_html(ways: Iterable[Way], lang: str = "ja") -> str:
    """One line of channel badges, the answer first."""
    badges = [f'<span class="dxf-badge dxf-way dxf-way-{esc(w.status)}">'
              f'<span aria-hidden="true">{ICONS.get(w.channel, "•")} {MARKS.get(w.status, "？")}</span> '
              f"{esc(way_label(w, lang))}</span>" for w in ways]
    return f'<div class="dxf-ways" role="note" aria-label="{esc(t("life.ways", lang))}">{" ".join(badges)}</div>'


def done_in_html(done_in: str, city: str, lang: str = "ja") -> str:
    """「前に住んでいた市区町村で」 etc. for a move's step; '' for a step done anywhere."""
    if not done_in:
        return ""
    return (f'<div class="dxf-done-in dxf-done-in-{esc(done_in)}" role="note">📍 '
            f'<strong>{esc(t(f"life.done_in.{done_in}", lang))}</strong> '
            f'{esc(t(f"life.done_in.{done_in}_note", lang, city=city))}</div>')
