"""The one read of ``st.secrets``: the run's settings (finder.appsettings) are resolved here, once per run.

``setup_page`` calls ``read_settings`` and keeps the result in the page context (``ctx.settings``); every
other caller takes it from there. On a checkout without ``.streamlit/secrets.toml`` (a fresh clone),
Streamlit looks for the file and fails on every access, which was a quarter of a search's CPU when it
was done per result card.
"""

from __future__ import annotations

import streamlit as st

from finder.appsettings import AppSettings


def read_secrets() -> dict:
    """``.streamlit/secrets.toml`` as a plain dict, {} when there is none (the environment and defaults decide)."""
    try:
        return st.secrets.to_dict()
    except Exception:  # no (or an unreadable) secrets.toml
        return {}


def read_settings() -> AppSettings:
    return AppSettings.resolve(read_secrets())
