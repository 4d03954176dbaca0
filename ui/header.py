"""The line above every resident page's title: the resident's city and the language switch.

On a phone the sidebar is closed, so the two things a person may need before anything else (which city,
which language) sit on the page itself. ``set_document_lang`` keeps ``<html lang>`` on the UI language,
so screen readers and the browser's own translation read the page in the right language.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from finder.i18n import LANGS, lang_name

from .a11y import search_first
from .city import city_bar, ward_caption
from .city_ask import ask_link_city
from .routes import SEARCH

GO_SEARCH = "dxf_go_search"  # a keyword typed in a header search box, for the next run to search

_LANG_JS = "<script>document.documentElement.lang = {lang!r};</script>"


def _switch_lang(lang: str) -> None:
    st.session_state["dxf_lang"] = lang


def language_switch(ctx, key: str = "hdr_lang") -> None:
    """One button in the other language's own name (English / 日本語), so anyone can find it."""
    other = next((code for code in LANGS if code != ctx.lang), LANGS[0])
    st.button(lang_name(other), key=key, icon="🌐", on_click=_switch_lang, args=(other,),
              help=ctx.t("settings.language"))


def _queue_search() -> None:
    st.session_state[GO_SEARCH] = (st.session_state.get("hdr_q") or "").strip()
    st.session_state["hdr_q"] = ""


def header_search(ctx) -> None:
    """A search box on every resident page, the page's first Tab stop; a keyword opens the search with it."""
    st.text_input(ctx.t("search.box"), key="hdr_q", max_chars=200, icon="🔎", on_change=_queue_search,
                  label_visibility="collapsed", placeholder=ctx.t("search.box"))
    search_first("hdr_q")
    query = st.session_state.pop(GO_SEARCH, "")
    if query:
        st.session_state["w_q"] = query  # the search page's box (ui.params.init_widget keeps a set value)
        city = {"city": ctx.city.code} if ctx.city is not None else {}
        try:
            st.switch_page(SEARCH.path, query_params={"q": query, **city})
        except StreamlitAPIException:  # a page run on its own (tests): the search is not registered
            st.query_params["q"] = query


def page_header(ctx, search_box: bool = False) -> None:
    """One row above the title: the search box (first Tab stop; it takes the room left), the language and
    the city; a row of its own would push a phone's first screen down (the map's nearest list)."""
    with st.container(horizontal=True, key="dxf_header", vertical_alignment="center", gap="small"):
        if search_box:
            header_search(ctx)
        language_switch(ctx)
        city_bar(ctx)
    ward_caption(ctx)
    ask_link_city(ctx)


def set_document_lang(lang: str) -> None:
    """``<html lang="ja|en">`` (Streamlit's page template says "en" whatever the content)."""
    st.html(_LANG_JS.format(lang="en" if lang == "en" else "ja"), unsafe_allow_javascript=True)
