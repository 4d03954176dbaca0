"""The page registry: file, title key (finder.i18n), url path and icon of every page; app.py
registers them with st.navigation, residents' pages first, then the library and staff pages.

Each url path equals the name Streamlit derives from the file name (pages/8_life_events.py →
life_events): on the very first session after the server starts, Streamlit still resolves a deep link
against the pages/ folder before st.navigation has run, and a different name shows "Page not found".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageDef:
    path: str
    title_key: str
    url_path: str
    icon: str


SEARCH = PageDef("pages/1_search.py", "nav.search", "search", "🔎")
DETAIL = PageDef("pages/2_detail.py", "nav.detail", "detail", "📄")
MAP = PageDef("pages/3_map.py", "nav.map", "map", "🗺️")
CONBINI = PageDef("pages/4_conbini.py", "nav.conbini", "conbini", "🏪")
KIOSK = PageDef("pages/5_kiosk.py", "nav.kiosk", "kiosk", "📚")
DEMO = PageDef("pages/6_demo.py", "nav.demo", "demo", "🎬")
CLASSES = PageDef("pages/7_classes.py", "nav.classes", "classes", "📱")
LIFE_EVENTS = PageDef("pages/8_life_events.py", "nav.life_events", "life_events", "🧭")
ABOUT = PageDef("pages/9_about_data.py", "nav.about", "about_data", "📊")
STAFF_DESK = PageDef("pages/10_staff_desk.py", "desk.title", "staff_desk", "🗂️")  # hidden from the menu

RESIDENTS: tuple[PageDef, ...] = (SEARCH, DETAIL, MAP, CONBINI, LIFE_EVENTS, CLASSES, ABOUT)
STAFF: tuple[PageDef, ...] = (KIOSK, DEMO)
PAGES: tuple[PageDef, ...] = RESIDENTS + STAFF + (STAFF_DESK,)
BY_TITLE: dict[str, PageDef] = {p.title_key: p for p in PAGES}
