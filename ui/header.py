"""The line above every resident page's title: the resident's city and the language switch.

On a phone the sidebar is closed, so the two things a person may need before anything else (which city,
which language) sit on the page itself. ``set_document_lang`` keeps ``<html lang>`` on the UI language,
so screen readers and the browser's own translation read the page in the right language.
"""

from __future__ import annotations

import streamlit as st

from finder.i18n import LANGS, lang_name

from .city import city_bar, ward_caption
from .city_ask import ask_link_city

_LANG_JS = "<script>document.documentElement.lang = {lang!r};</script>"


def _switch_lang(lang: str) -> None:
    st.session_state["dxf_lang"] = lang


def language_switch(ctx, key: str = "hdr_lang") -> None:
    """One button in the other language's own name (English / 日本語), so anyone can find it."""
    other = next((code for code in LANGS if code != ctx.lang), LANGS[0])
    st.button(lang_name(other), key=key, icon="🌐", on_click=_switch_lang, args=(other,),
              help=ctx.t("settings.language"))


def page_header(ctx) -> None:
    with st.container(horizontal=True, key="dxf_header", vertical_alignment="center", gap="small"):
        language_switch(ctx)
        city_bar(ctx)
    ward_caption(ctx)
    ask_link_city(ctx)


def set_document_lang(lang: str) -> None:
    """``<html lang="ja|en">`` (Streamlit's page template says "en" whatever the content)."""
    st.html(_LANG_JS.format(lang="en" if lang == "en" else "ja"), unsafe_allow_javascript=True)
