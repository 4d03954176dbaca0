"""DX Service Finder entry point: registers the pages with st.navigation (kiosk=1 → kiosk page only).

The staff data desk is registered only outside kiosk mode, and hidden from the menu: staff open /staff_desk.
"""

from __future__ import annotations

import streamlit as st

from finder.i18n import t
from ui.layout import current_lang
from ui.routes import KIOSK, RESIDENTS, STAFF, STAFF_DESK, PageDef

lang = current_lang()


def page(d: PageDef, default: bool = False, hidden: bool = False):
    return st.Page(d.path, title=t(d.title_key, lang), icon=d.icon, url_path=None if default else d.url_path,
                   default=default, visibility="hidden" if hidden else "visible")


if st.query_params.get("kiosk") == "1":
    nav = st.navigation([page(KIOSK, default=True)], position="hidden")
else:
    residents = [page(d, default=i == 0) for i, d in enumerate(RESIDENTS)]
    nav = st.navigation({t("nav.section.residents", lang): residents,
                         t("nav.section.staff", lang): [*(page(d) for d in STAFF), page(STAFF_DESK, hidden=True)]})
nav.run()
