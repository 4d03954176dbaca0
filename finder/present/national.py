"""What a national item shows a resident, as escaped HTML: the national rules (国の情報) and the next steps.

The facts and links come from finder.national.guide (only verified addresses); every string from the
i18n table, every value through ``esc``. Used by the detail view and by the コンビニ交付 page of a
municipality without curated data.
"""

from __future__ import annotations

from finder.i18n import t
from finder.model import Item
from finder.national.guide import national_facts, next_steps
from finder.present.html import esc
from finder.urls import is_web_link


def national_facts_html(item: Item, lang: str = "ja") -> str:
    """「国の情報」: the nationwide rules that apply to the item; "" for a curated item."""
    keys = national_facts(item)
    if not keys:
        return ""
    rows = "".join(f"<li>{esc(t(key, lang))}</li>" for key in keys)
    return (f'<div class="dxf-national" role="note"><strong>{esc(t("national.header", lang))}</strong>'
            f"<ul>{rows}</ul></div>")


def next_steps_html(item: Item, lang: str = "ja", city: str = "") -> str:
    """「次にすること」: the city's site, マイナポータル or the J-LIS list, デジタル活用支援, as links."""
    steps = next_steps(item)
    if not steps:
        return ""
    name = city or item.municipality
    rows = "".join(
        f"<li>{_link(step.url, t(step.label_key, lang, city=name))}<br>"
        f'<span class="dxf-national-help">{esc(t(step.help_key, lang, city=name))}</span></li>'
        for step in steps)
    return (f'<div class="dxf-national-next"><strong>{esc(t("national.next.header", lang))}'
            f"</strong><ol>{rows}</ol></div>")


def national_guide_html(item: Item, lang: str = "ja", city: str = "") -> str:
    """The national rules, then every next step with what to do there (the detail view, under its answer)."""
    if not national_facts(item):
        return ""
    return national_facts_html(item, lang) + next_steps_html(item, lang, city or item.municipality)


def national_html(item: Item, lang: str = "ja", city: str = "") -> str:
    """The status said honestly (not known for this city), the national rules, then the next steps."""
    if not national_facts(item):
        return ""
    name = city or item.municipality
    unknown = f'<p class="dxf-unknown">{esc(t("national.status_unknown", lang, city=name))}</p>'
    return unknown + national_guide_html(item, lang, name)


def _link(url: str, label: str) -> str:
    """The label as a link when the address may be one (``finder.urls.is_web_link``), else as text."""
    if not is_web_link(url):
        return esc(label)
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(label)}</a>'
