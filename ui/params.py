"""Shareable URLs: widget values restored from and mirrored to st.query_params (q, city, kind, item)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st


def init_widget(param: str, widget_key: str, default: str, valid: Iterable[str] | None = None,
                normalize: Callable[[str], str | None] | None = None) -> None:
    """Before the widget is drawn the first time in this visit, take its value from the URL."""
    if widget_key in st.session_state:
        return
    value = st.query_params.get(param, default) or default
    if normalize is not None:
        value = normalize(value) or default
    if valid is not None and value not in set(valid):
        value = default
    st.session_state[widget_key] = value


def mirror(param: str, value: str | None, default: str = "") -> None:
    """Put the widget's value in the URL (removed when it is the default, to keep links short)."""
    if value and value != default:
        if st.query_params.get(param) != value:
            st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]
