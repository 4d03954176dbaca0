"""Small HTML fragments the pages render with unsafe_allow_html, and ``esc``, the one escaping function.

Kept out of the Streamlit layer so the escaping can be unit-tested: pages only ever pass the return
values of these functions to unsafe_allow_html, never catalog text directly. The map, the kiosk cards and
the QR captions escape with the same ``esc``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from finder.catalog.cells import INVISIBLE_RE
from finder.i18n import kind_label, level_label, section_label, t
from finder.model import Item
from finder.text.furigana import align, text_pairs
from finder.text.normalize import has_kanji, is_kana
from finder.urls import is_web_link

# A symbol per kind, shown next to the text label (never the only cue).
KIND_ICONS = {"procedure": "📝", "certificate": "🏪", "wifi": "📶", "class": "📱", "facility": "🏛", "service": "💡"}
STATUS_ICONS = {"open": "○", "closed_hours": "×", "year_end": "×", "weekday_only": "△", "unknown": "？",
                "not_offered": "—", "planned": "…"}


# What html.escape leaves alone but still means something where our HTML goes: folium puts popups and
# tooltips into JavaScript template literals (` $ \), branca compiles the rendered map again as a Jinja
# template ({ }), and st.markdown ends an HTML block at a blank line (the rest would be read as Markdown).
_ALSO_ESCAPED = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;",
                               "\n": "&#10;", "\r": "&#10;"})


def esc(value: object) -> str:
    """Text made inert for any HTML we build: html.escape, plus template characters and line breaks as
    character references (they render as the same characters and whitespace)."""
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("\r\n", "\n").translate(_ALSO_ESCAPED)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~$])")
# Bare URLs, www. names and e-mail addresses become links in GitHub-flavoured Markdown (Streamlit's) by
# themselves, found in the text after escapes are resolved: an invisible word joiner breaks each pattern.
_MD_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"


def md_escape(text: object) -> str:
    """Any text (catalog, URL, file content) made literal for Markdown-rendering Streamlit calls.

    The one helper for st.markdown / st.info / st.error / st.warning / st.caption messages: no links,
    images, emphasis, HTML or bare-URL links (``[`` is escaped, so no Streamlit colour directives either),
    no bidi or zero-width tricks.
    """
    value = INVISIBLE_RE.sub("", "" if text is None else str(text))
    value = _MD_SPECIAL.sub(r"\\\1", value).replace("\r", " ").replace("\n", " ")
    return _MD_AUTOLINK.sub(WORD_JOINER, value)


def display_title(item: Item, lang: str) -> str:
    """The English title in English when the catalog has one, otherwise the Japanese title."""
    return (item.title_en or item.title) if lang == "en" else item.title


def _ruby(pairs) -> str:
    return "".join(f"<ruby>{esc(surface)}<rp>(</rp><rt>{esc(rt)}</rt><rp>)</rp></ruby>" if rt else esc(surface)
                   for surface, rt in pairs)


def ruby_html(title: str, reading: str) -> str:
    """Title with <ruby> readings over its kanji (finder.text.furigana.align), every part escaped."""
    return _ruby(align(title, reading))


def text_html(text: str, furigana: bool = False, readings: Mapping[str, str] | None = None) -> str:
    """Escaped running text (a summary); with furigana, <ruby> readings over its kanji
    (finder.text.furigana.text_pairs: the staff's readings first, then pykakasi)."""
    return _ruby(text_pairs(text, readings)) if furigana else esc(text)


def title_html(item: Item, lang: str = "ja", furigana: bool = False) -> str:
    """Escaped title; with furigana, <ruby> readings over the kanji (Japanese only)."""
    if lang == "en":
        return esc(display_title(item, lang))
    return ruby_html(item.title, item.title_kana) if furigana else esc(item.title)


def kind_badge(kind: str, lang: str = "ja") -> str:
    return (f'<span class="dxf-badge dxf-kind dxf-kind-{esc(kind)}">'
            f'<span aria-hidden="true">{KIND_ICONS.get(kind, "•")}</span> {esc(kind_label(kind, lang))}</span>')


def sample_badge(lang: str = "ja") -> str:
    return f'<span class="dxf-badge dxf-sample" role="note">⚠ {esc(t("common.sample", lang))}</span>'


def level_badge(level: str, lang: str = "ja") -> str:
    return f'<span class="dxf-badge dxf-level dxf-level-{esc(level)}">{esc(level_label(level, lang))}</span>'


def status_badge(status: str, lang: str = "ja") -> str:
    """Availability status as symbol + words (color is only an extra cue)."""
    icon = STATUS_ICONS.get(status, "?")
    return (f'<span class="dxf-badge dxf-status dxf-status-{esc(status)}">'
            f'<span aria-hidden="true">{icon}</span> {esc(t("status." + status, lang))}</span>')


def heading_html(item: Item, lang: str = "ja", furigana: bool = False, city: str = "", level: bool = True) -> str:
    """Detail page heading: title (with ruby) as h2 plus badges (``level=False`` when the answer shows it)."""
    badges = [kind_badge(item.kind, lang)] + ([level_badge(item.level, lang)] if level else [])
    if item.is_sample:
        badges.append(sample_badge(lang))
    return (f'<div class="dxf-badges">{" ".join(badges)} <span class="dxf-city">📍 {esc(city or item.municipality)}</span>'
            f'</div><h2 class="dxf-heading">{title_html(item, lang, furigana)}</h2>')


_URL_RE = re.compile(r"https?://[^\s<>\"'）)、。；;]+")


def paragraph_html(text: str) -> str:
    """A <p> of escaped text, line breaks kept."""
    return f"<p>{esc(text).replace(chr(10), '<br>')}</p>"


def linkify(text: str) -> str:
    """Escape text and turn http(s) URLs into links that open in a new tab (``finder.urls.is_web_link``:
    a URL with ``user@`` before its host stays text)."""
    out, pos = [], 0
    for m in _URL_RE.finditer(text or ""):
        out.append(esc(text[pos:m.start()]))
        url = m.group(0)
        if is_web_link(url):
            out.append(f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(url)}</a>')
        else:
            out.append(esc(url))
        pos = m.end()
    out.append(esc((text or "")[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class Fact:
    """One labelled fact of an item. value '' means unknown; level says where the fact comes from."""

    label: str
    value: str
    level: str = ""
    link: bool = False
    own_words: bool = False  # the source's free text: never translated; in English marked as Japanese


def _japanese(text: str) -> bool:
    return has_kanji(text) or any(is_kana(ch) for ch in text)


def facts_html(facts: list[Fact], lang: str = "ja") -> str:
    """A definition list; an unknown value reads 「不明」 (pair it with one ask_html line per section)."""
    rows = []
    for fact in facts:
        if fact.value:
            value = linkify(fact.value) if fact.link else esc(fact.value).replace("\n", "<br>")
            if fact.own_words and lang == "en" and _japanese(fact.value):
                value = f'<span lang="ja">{value}</span> <small>{esc(t("answer.about.in_japanese", lang))}</small>'
        else:
            value = f'<span class="dxf-unknown">{esc(t("common.unknown", lang))}</span>'
        level = f" {level_badge(fact.level, lang)}" if fact.level else ""
        rows.append(f"<dt>{esc(fact.label)}</dt><dd>{value}{level}</dd>")
    return f'<dl class="dxf-facts">{"".join(rows)}</dl>'


def ask_text(lang: str = "ja", section: str = "", phone: str = "") -> str:
    """「わからない点は市にお問い合わせください（担当課 電話）」 (plain text, not escaped)."""
    if not (section or phone):
        return t("common.ask_city", lang)
    ask = t("common.ask_city_phone", lang, section=section_label(section, lang), phone=phone)
    return ask.replace("（ ", "（").replace("( ", "(").replace(" ）", "）").replace(" )", ")")


def ask_html(lang: str = "ja", section: str = "", phone: str = "") -> str:
    """The one line under facts that are unknown, pointing to the section and the phone number."""
    return f'<p class="dxf-ask" role="note">ℹ️ {esc(ask_text(lang, section, phone))}</p>'


def has_unknown(facts: list[Fact]) -> bool:
    return any(not f.value for f in facts)

