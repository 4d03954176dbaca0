"""DX Service Finder entry point: registers the pages with st.navigation (kiosk=1 → kiosk page only)."""

from __future__ import annotations

import streamlit as st

from finder.present.i18n import t
from ui.layout import current_lang
from ui.routes import KIOSK, RESIDENTS, STAFF, PageDef

lang = current_lang()


def page(d: PageDef, default: bool = False):
    return st.Page(d.path, title=t(d.title_key, lang), icon=d.icon, url_path=None if default else d.url_path,
                   default=default)


if st.query_params.get("kiosk") == "1":
    nav = st.navigation([page(KIOSK, default=True)], position="hidden")
else:
    residents = [page(d, default=i == 0) for i, d in enumerate(RESIDENTS)]
    nav = st.navigation({t("nav.section.residents", lang): residents,
                         t("nav.section.staff", lang): [page(d) for d in STAFF]})
nav.run()
