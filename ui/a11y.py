"""Keyboard and screen-reader help on every page (scripts from finder.present.focus_scripts).

After a click Streamlit redraws the page and the focus falls to the page body: ``focus_opened_item`` and
``focus_title_on_city_change`` put it on the heading of what opened. ``announce`` reads a result count out
through a live region. ``search_first`` makes a search box the first Tab stop. ``result_count`` does the
last two and shows the count, as one element: each element is a message to the browser on every keystroke.
"""

from __future__ import annotations

import secrets

import streamlit as st

from finder.present.focus_scripts import announce as announce_js
from finder.present.focus_scripts import first_tab_stop, focus_on_change
from finder.present.html import esc

OPENED = "dxf_opened_n"  # how many times an item was opened in this session (each opening moves the focus)
CITY_SET = "dxf_city_set_n"  # how many times the resident chose a city
MAIN = '[data-testid="stMain"]'


def _script(text: str) -> None:
    st.html(text, unsafe_allow_javascript=True)


def count_opening() -> None:
    st.session_state[OPENED] = st.session_state.get(OPENED, 0) + 1


def count_city_choice() -> None:
    st.session_state[CITY_SET] = st.session_state.get(CITY_SET, 0) + 1


def _session_tag() -> str:
    """Tells this session's openings from those of an earlier session in the same browser tab."""
    return st.session_state.setdefault("dxf_focus_tag", secrets.token_hex(4))


def focus_opened_item(item_id: str) -> None:
    """Call after the detail heading is drawn: focus it when the resident has just opened this item."""
    n = st.session_state.get(OPENED, 0)
    _script(focus_on_change("item", f"{_session_tag()}:{item_id}:{n}" if n else "", f"{MAIN} h2.dxf-heading"))


def focus_title_on_city_change() -> None:
    """Focus the page's title when the resident has just chosen a city (the page now shows that city)."""
    n = st.session_state.get(CITY_SET, 0)
    _script(focus_on_change("city", f"{_session_tag()}:{n}" if n else "", f"{MAIN} h1"))


def announce(text: str) -> None:
    _script(announce_js(text))


def search_first(widget_key: str) -> None:
    _script(first_tab_stop(widget_key))


def result_count(text: str, search_key: str) -> None:
    """The count of results shown in bold, read out through the live region, with the search box kept the first
    Tab stop: what announce, search_first and a Markdown line would draw as three elements, drawn as one."""
    _script(f'<p class="dxf-count"><strong>{esc(text)}</strong></p>' + announce_js(text) + first_tab_stop(search_key))
