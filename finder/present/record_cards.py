"""A table's rows as cards, for narrow screens: one card per row, each label beside its value.

On a 390 px phone a table of eight columns squeezes its headers to one character per line and splits a
value such as 「不明」 in two; a card gives every label and value the full width and keeps the reading
order of the row. Every text is escaped with ``esc``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from finder.present.html import esc


def record_cards_html(rows: Iterable[tuple[str, Mapping[str, str]]], label: str = "") -> str:
    """``rows``: (title, {label: value}) in table order. A list of cards, one per row."""
    cards = []
    for title, fields in rows:
        items = "".join(f'<div class="dxf-rec-field"><dt>{esc(name)}</dt><dd>{esc(value)}</dd></div>'
                        for name, value in fields.items())
        cards.append(f'<li class="dxf-rec"><p class="dxf-rec-title"><strong>{esc(title)}</strong></p>'
                     f'<dl>{items}</dl></li>')
    aria = f' aria-label="{esc(label)}"' if label else ""
    return f'<ul class="dxf-recs"{aria}>{"".join(cards)}</ul>'
