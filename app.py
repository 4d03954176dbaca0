"""DX Service Finder entry point: registers the pages with st.navigation (kiosk=1 → kiosk page only).

The staff data desk is registered only outside kiosk mode, and hidden from the menu: staff open /staff_desk.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from finder.present.i18n import t
from ui.layout import current_lang
from ui.routes import ABOUT, CLASSES, CONBINI, DEMO, DETAIL, KIOSK, LIFE_EVENTS, MAP, SEARCH, STAFF_DESK, PageDef

ROOT = Path(__file__).resolve().parent
lang = current_lang()


def page(d: PageDef, default: bool = False, hidden: bool = False):
    return st.Page(d.path, title=t(d.title_key, lang), icon=d.icon, url_path=None if default else d.url_path,
                   default=default, visibility="hidden" if hidden else "visible")


def exists(d: PageDef) -> bool:
    # The map, kiosk and demo pages are built by a teammate; the app runs before they land.
    return (ROOT / d.path).exists()


if st.query_params.get("kiosk") == "1" and exists(KIOSK):
    nav = st.navigation([page(KIOSK, default=True)], position="hidden")
else:
    residents = [page(SEARCH, default=True)] + [page(d) for d in (DETAIL, MAP, CONBINI, LIFE_EVENTS, CLASSES, ABOUT)
                                                if exists(d)]
    staff = [page(d) for d in (KIOSK, DEMO) if exists(d)] + [page(STAFF_DESK, hidden=True)]
    sections = {t("nav.section.residents", lang): residents}
    if staff:
        sections[t("nav.section.staff", lang)] = staff
    nav = st.navigation(sections)
nav.run()
