"""The question a page asks when a link's ?city= fits several municipalities (府中): the candidates with
their prefecture, as the picker lists them, and nothing chosen until the resident taps one."""

from __future__ import annotations

import streamlit as st

from finder.present.html import md_escape
from finder.resident.your_city import candidate_label

from .city import ASK, _pick_match, city_picker


def link_needs_answer() -> bool:
    """Whether a link named a city that several municipalities share and no one has picked yet."""
    return ASK in st.session_state


def ask_link_city(ctx, key: str = "ca") -> None:
    """「「府中」という名前の市区町村はいくつかあります」 and one button per candidate."""
    pending = st.session_state.get(ASK)
    if not pending:
        return
    name, found = pending
    with st.container(border=True, key=f"{key}_box"):
        st.subheader(ctx.t("city.link_ambiguous", name=md_escape(str(name)[:40])))
        st.caption(ctx.t("city.link_ambiguous_help"))
        for match in found:
            st.button(candidate_label(match, ctx.lang), key=f"{key}_pick_{match.code}", on_click=_pick_match,
                      args=(match,), width="stretch")


def ask_city_first(ctx, key: str = "cf") -> None:
    """For a page that only makes sense for one municipality (くらしの出来事): while none is chosen, ask
    「お住まいの市区町村は？」 with the picker and stop the page, rather than show some other city."""
    if ctx.city is not None:
        return
    if not link_needs_answer():
        with st.container(border=True, key=f"{key}_box"):
            st.subheader(ctx.t("city.question"))
            st.caption(ctx.t("city.first_help"))
            city_picker(ctx, key=key, show_all=False)
    st.stop()
