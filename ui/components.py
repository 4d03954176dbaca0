"""Reusable widgets: result cards, item links, the sample notice and the one HTML entry point."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from finder import urls
from finder.model import Item
from finder.present.html import display_title, md_escape
from finder.resident.answer import Answer, answer
from finder.resident.answer_html import answer_html
from finder.resident.card import card_html
from finder.resident.card_cache import cached_card

from .a11y import count_opening
from .routes import BY_TITLE, DETAIL, SEARCH, PageDef

CURRENT_PAGE = "dxf_page"  # title key of the page this run draws (set by ui.layout.setup_page)
BACK = "dxf_back"  # where the detail page's back link goes: {"page": title key, "params": {...}}


def html(fragment: str) -> None:
    """Render HTML built by finder.present.html / finder.text.furigana (which escape all catalog text). Nothing else."""
    st.markdown(fragment, unsafe_allow_html=True)


def table(frame) -> None:
    """st.table with catalog text made literal: st.table renders Markdown (links, images) in cells."""
    literal = frame.copy()
    literal.index = [md_escape(v) if isinstance(v, str) else v for v in literal.index]
    literal.columns = [md_escape(c) if isinstance(c, str) else c for c in literal.columns]
    st.table(literal.map(lambda v: md_escape(v) if isinstance(v, str) else v))


def page_link(page: PageDef, label: str, icon: str | None = None, **params: str) -> None:
    """Link to another page of the app in the same tab (st.page_link), keeping query params.

    When the page runs standalone (tests) or the target page is missing, falls back to a plain
    relative link, so callers never need to know how the app was started.
    """
    query = {k: v for k, v in params.items() if v}
    try:
        st.page_link(page.path, label=label, icon=icon, query_params=query or None)
    except StreamlitAPIException:
        st.markdown(f"[{md_escape(icon + ' ') if icon else ''}{md_escape(label)}]({md_escape(urls.page(page.url_path, **query))})")


def open_item(item_id: str) -> None:
    """on_click callback: show an item (the item id lives in the URL so the view can be shared)."""
    count_opening()
    st.query_params["item"] = item_id


def close_item() -> None:
    st.query_params.pop("item", None)


def go_to_item(item_id: str) -> None:
    """Open the detail page for an item (call from the script body, not a callback).

    Under st.navigation this switches to the detail page with ?item=ID, remembering the page and its
    parameters so the detail's back link returns there (browser Back works too: a page switch is a new
    history entry). When a page runs on its own (tests), it falls back to ?item=ID on the current page,
    which ui.item_view() shows.
    """
    params = {k: v for k, v in st.query_params.to_dict().items() if k != "item"}
    st.session_state[BACK] = {"page": st.session_state.get(CURRENT_PAGE, ""), "params": params}
    count_opening()
    try:
        st.switch_page(DETAIL.path, query_params={"item": item_id, **{k: v for k, v in params.items()
                                                                         if k == "city"}})
    except StreamlitAPIException:
        open_item(item_id)
        st.rerun()


def back_link(ctx) -> None:
    """The detail page's way back: to the page the person opened the item from (with its filters), else
    to the search. Labelled with that page's name (「スマホ教室にもどる」)."""
    back = st.session_state.get(BACK) or {}
    page = BY_TITLE.get(back.get("page", ""), SEARCH)
    if page in (SEARCH, DETAIL):
        page, label = SEARCH, ctx.t("common.back")
    else:
        label = ctx.t("city.back_to", page=ctx.t(page.title_key))
    params = back.get("params", {}) if page is BY_TITLE.get(back.get("page", "")) else {}
    page_link(page, label, "⬅️", **{**params, "city": ctx.city.code if ctx.city else params.get("city", "")})


def open_button(item: Item, ctx, key: str = "", inline: bool = False) -> None:
    """「くわしく見る: title」 button. inline=True keeps the resident on this page (sets ?item=ID)."""
    label = f"{ctx.t('common.open')}: {display_title(item, ctx.lang)}"
    if inline:
        st.button(label, key=f"open-{key}{item.id}", on_click=open_item, args=(item.id,), icon="➡️")
    elif st.button(label, key=f"open-{key}{item.id}", icon="➡️"):
        go_to_item(item.id)


def item_answer(item: Item, ctx) -> Answer:
    """What the card and the detail lead with (finder.resident.answer) at the page's clock, in its language."""
    return answer(item, ctx.now, ctx.lang, ctx.catalog.municipality(item.municipality_code),
                  ctx.status_max_age)


def result_card(item: Item, ctx, matched: str = "", key: str = "", inline: bool = False, note: str = "") -> None:
    """A card: badges (kind as text, サンプル), city, title, what matched or a note, the answer with its
    date and level (and its action or next step), the summary, open button."""
    minute = ctx.now.replace(second=0, microsecond=0)

    def build() -> str:
        found = answer(item, minute, ctx.lang, ctx.catalog.municipality(item.municipality_code), ctx.status_max_age)
        # The source's note (Japanese) sits with an unknown status on a Japanese card; the detail always has it.
        unknown = found.status is not None and found.status.status == "unknown"
        block = answer_html(found, ctx.lang, note=ctx.lang == "ja" and unknown)
        return card_html(item, ctx.lang, ctx.furigana, matched, city=ctx.city_label(item.municipality_code),
                         note=note, answer=block, readings=reading_overrides(ctx.catalog) if ctx.furigana else None)

    # Two elements, no bordered container around them: each element is a message to the browser and a hop
    # between threads on the server; ui/css/base.css draws the pair as one bordered card.
    html(cached_card(ctx.catalog, (item.id, ctx.lang, ctx.furigana, matched, note, minute, ctx.status_max_age),
                     build))
    open_button(item, ctx, key, inline)


def reading_overrides(catalog) -> dict[str, str]:
    """Readings furigana takes before pykakasi's: the cities' names, then the staff's data/readings.csv."""
    return {**{m.name: m.name_kana for m in catalog.municipalities if m.name_kana}, **catalog.readings}


def sample_notice(ctx) -> None:
    st.warning(f"**{ctx.t('common.sample')}** — {ctx.t('common.sample_note')}", icon="⚠️")
