"""The answer block of a card and of the detail view, its next step and 「この情報について」, as escaped HTML.

Built from finder.resident.answer's Answer (every string from the i18n table, every data value through
``esc``); the pages hand these fragments to ui.html unchanged. Links are only http(s) addresses from the
data and ``tel:`` links from finder.urls.tel.
"""

from __future__ import annotations

from finder.i18n import norm_lang, t
from finder.model import Item
from finder.present.html import esc, linkify, status_badge
from finder.resident.answer import Answer, NextStep, StatusLine
from finder.urls import is_web_link

TONE_ICONS = {"yes": "○", "planned": "…", "unknown": "？", "no": "×"}


def _lang_attr(lang: str) -> str:
    return "en" if norm_lang(lang) == "en" else "ja"


def _http(url: str) -> bool:
    return is_web_link(url)


def basis_badge(line: StatusLine) -> str:
    """「市の情報」「国の情報」「市の計画」: where the status comes from, as a badge (words, not only color)."""
    return f'<span class="dxf-badge dxf-basis dxf-basis-{esc(line.basis)}">{esc(line.basis_label)}</span>'


def status_html(line: StatusLine) -> str:
    """The badge with its date (「2023年4月時点」) and a possibly-out-of-date mark."""
    parts = [basis_badge(line)]
    if line.as_of:
        parts.append(f'<span class="dxf-asof">{esc(line.as_of)}</span>')
    if line.stale:
        parts.append(f'<span class="dxf-stale" role="note">⚠ {esc(line.stale)}</span>')
    return f'<div class="dxf-answer-status">{" ".join(parts)}</div>'


def note_html(line: StatusLine, lang: str = "ja") -> str:
    """What the source says about the status, as written (Japanese; marked as such in English)."""
    if not line.note:
        return ""
    marker = f' {esc(t("answer.about.in_japanese", lang))}' if norm_lang(lang) == "en" else ""
    return f'<div class="dxf-answer-note"><span lang="ja">{esc(line.note)}</span>{marker}</div>'


def next_step_html(step: NextStep, lang: str = "ja") -> str:
    """「わからない点は市にお問い合わせください」 with a tappable phone number and the city's official page."""
    parts = []
    if step.phone:
        label = " ".join(v for v in (step.whom, step.phone) if v)
        phone = (f'<a class="dxf-tel" href="{esc(step.tel)}">{esc(label)}</a>' if step.tel else esc(label))
        parts.append(f'<span aria-hidden="true">📞</span> {esc(t("answer.next.call", lang))}: {phone}')
    for link in step.links:
        if _http(link.url):
            parts.append(f'<span aria-hidden="true">🌐</span> <a class="dxf-site" href="{esc(link.url)}" '
                         f'target="_blank" rel="noopener noreferrer">{esc(link.label)}</a>')
    if not step.phone and step.links:
        parts.append(esc(t("answer.next.phone_on_site", lang)))
    items = "".join(f"<li>{p}</li>" for p in parts)
    return (f'<div class="dxf-next" role="note"><span aria-hidden="true">ℹ️</span> '
            f'{esc(t("answer.next.ask", lang))}<ul>{items}</ul></div>')


def answer_html(answer: Answer, lang: str = "ja", action: bool = True, note: bool = True) -> str:
    """Headline, the status line, facts, the action (a link to where it is done) and the next step.

    ``action=False`` leaves the action out (the detail view draws it as a button); ``note=False`` leaves the
    source's status note out (an English card: the note is Japanese text, shown in the detail).
    """
    tone = answer.tone if answer.tone in TONE_ICONS else "unknown"
    parts = [f'<div class="dxf-answer dxf-answer-{tone}" lang="{_lang_attr(lang)}">',
             f'<div class="dxf-answer-head"><span aria-hidden="true">{TONE_ICONS[tone]}</span> '
             f'{esc(answer.headline)}</div>']
    if answer.status is not None:
        parts.append(status_html(answer.status))
    facts = [esc(f) for f in answer.facts] + ([status_badge(answer.now, lang)] if answer.now else [])
    if facts:
        parts.append(f'<div class="dxf-answer-facts">{" · ".join(facts)}</div>')
    if note and answer.status is not None:
        parts.append(note_html(answer.status, lang))
    if action and answer.action_url and _http(answer.action_url):
        parts.append(f'<a class="dxf-action" href="{esc(answer.action_url)}" target="_blank" '
                     f'rel="noopener noreferrer">{esc(answer.action_label)} <span aria-hidden="true">↗</span></a>')
    if answer.next_step is not None:
        parts.append(next_step_html(answer.next_step, lang))
    parts.append("</div>")
    return "".join(parts)


def about_html(item: Item, lang: str = "ja", status: StatusLine | None = None, shown: str = "") -> str:
    """「この情報について」: the date of the fact and its level, the source, the day the source was checked
    (出典を確認した日, never shown as the date of the fact) and the free text written for research.
    ``shown`` is text already on the page (the summary): a note repeating it is left out."""
    in_ja = f' <small>{esc(t("answer.about.in_japanese", lang))}</small>' if norm_lang(lang) == "en" else ""
    rows = []
    if status is not None:
        when = esc(status.as_of) if status.as_of else esc(t("answer.about.no_date", lang))
        rows.append((t("answer.about.as_of", lang), f"{when} {basis_badge(status)}"))
    for key, label in (("description", "answer.about.description"), ("note", "detail.note")):
        text = item.get(key)
        if text and text.strip() != shown.strip():
            rows.append((t(label, lang), f'<span lang="ja">{esc(text)}</span>{in_ja}'))
    rows.append((t("common.source", lang), f'<span lang="ja">{linkify(item.source)}</span>'))
    rows.append((t("answer.about.checked", lang), esc(item.checked)))
    body = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="dxf-facts dxf-about">{body}</dl>'
