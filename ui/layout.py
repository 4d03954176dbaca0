"""Page setup shared by every page: config, CSS, sidebar settings and the catalog with its problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import streamlit as st

from finder import Catalog
from finder.catalog.store import CatalogStore
from finder.present.html import md_escape
from finder.present.i18n import LANGS, norm_lang, t

from .state import get_store, now

LANG_NAMES = {"ja": "日本語", "en": "English"}
# Persistent session keys (survive page switches) and the widget keys that edit them.
SETTINGS = {"lang": "ja", "furigana": False, "large_text": False, "high_contrast": False}

CSS = """
.dxf-badges { margin-bottom: .2rem; line-height: 2; }
.dxf-badge { display: inline-block; border: 1px solid currentColor; border-radius: .4em; padding: 0 .45em;
  margin-right: .3em; font-size: .85em; line-height: 1.6; white-space: nowrap; }
.dxf-kind { font-weight: 600; }
.dxf-sample { border: 2px dashed currentColor; font-weight: 700; background: #fff3cd; color: #4d3800; }
.dxf-level-national { border-style: double; border-width: 3px; }
.dxf-status { font-weight: 700; }
.dxf-status-open { background: #e6f4ea; color: #0b4f1c; }
.dxf-status-closed_hours, .dxf-status-year_end { background: #fde8e8; color: #7a0d0d; }
.dxf-status-weekday_only { background: #fff3cd; color: #4d3800; }
.dxf-status-unknown, .dxf-status-not_offered, .dxf-status-planned { background: #eceff1; color: #263238; }
.dxf-city { white-space: nowrap; }
.dxf-title { font-size: 1.2em; font-weight: 700; margin: .1em 0 .2em; line-height: 2.1; }
.dxf-heading { line-height: 2.1; }
.dxf-matched { font-size: .9em; opacity: .85; }
.dxf-summary { margin-top: .2em; }
.dxf-unknown { font-style: italic; }
ruby rt { font-size: .55em; font-weight: 400; }
.dxf-facts dt { font-weight: 700; margin-top: .5em; }
.dxf-facts dd { margin-left: 1em; }
.dxf-source { font-size: .9em; margin-top: 1em; }
"""

LARGE_CSS = """
html { font-size: 125%; }
.stMarkdown p, .stMarkdown li, .stMarkdown td, .stMarkdown th, label p, .stButton button p,
.stDownloadButton button p, .stLinkButton a p, input, textarea, .dxf-card { font-size: 1.3rem !important; }
.dxf-title { font-size: 1.5rem !important; }
.stButton button, .stDownloadButton button, .stLinkButton a { min-height: 3rem; }
"""

CONTRAST_CSS = """
.stApp, [data-testid="stSidebar"] { background: #ffffff !important; color: #000000 !important; }
.stApp p, .stApp li, .stApp label, .stApp span, .stApp td, .stApp th { color: #000000 !important; }
.stApp a { color: #0000b3 !important; text-decoration: underline !important; }
.dxf-badge { border-width: 2px; background: #ffffff !important; color: #000000 !important; }
.stButton button, .stDownloadButton button { border: 2px solid #000000 !important; }
:focus-visible { outline: 3px solid #000000 !important; outline-offset: 2px; }
"""


@dataclass
class PageContext:
    """Everything a page needs after setup."""

    catalog: Catalog
    store: CatalogStore
    lang: str = "ja"
    furigana: bool = False
    large_text: bool = False
    high_contrast: bool = False
    now: dt.datetime = field(default_factory=now)

    def t(self, key: str, /, **fmt: object) -> str:
        return t(key, self.lang, **fmt)

    def city_name(self, value: str) -> str | None:
        """The catalog's name for a city given as name, code or short name (for ?city= in a URL)."""
        city = self.catalog.municipality(value)
        return city.name if city else None

    def city_label(self, name_or_code: str) -> str:
        """City name in the UI language (Kasama City in English, 笠間市 in Japanese)."""
        city = self.catalog.municipality(name_or_code)
        if city is None:
            return name_or_code
        return (city.name_en or city.name) if self.lang == "en" else city.name


def current_lang() -> str:
    """The UI language of this session (from ?lang= on the first visit), before setup_page runs."""
    _init_settings()
    return st.session_state["dxf_lang"]


def _init_settings() -> None:
    ss = st.session_state
    if "dxf_lang" not in ss:
        ss["dxf_lang"] = norm_lang(st.query_params.get("lang")) if st.query_params.get("lang") else "ja"
    for name, default in SETTINGS.items():
        ss.setdefault(f"dxf_{name}", default)


def _copy_setting(name: str) -> None:
    st.session_state[f"dxf_{name}"] = st.session_state[f"w_{name}"]


def settings_controls(container=None) -> None:
    """Language, furigana, large-text and high-contrast controls, each with a visible label."""
    _init_settings()
    box = container if container is not None else st.sidebar
    ss = st.session_state
    lang = ss["dxf_lang"]
    for name in SETTINGS:
        ss[f"w_{name}"] = ss[f"dxf_{name}"]
    box.markdown(f"**{t('settings.header', lang)}**")
    box.radio(t("settings.language", lang), LANGS, format_func=LANG_NAMES.get, key="w_lang", horizontal=True,
              on_change=_copy_setting, args=("lang",))
    box.toggle(t("settings.furigana", lang), key="w_furigana", on_change=_copy_setting, args=("furigana",),
               disabled=lang != "ja")
    box.toggle(t("settings.large_text", lang), key="w_large_text", on_change=_copy_setting, args=("large_text",))
    box.toggle(t("settings.high_contrast", lang), key="w_high_contrast", on_change=_copy_setting,
               args=("high_contrast",))


def inject_css(large_text: bool = False, high_contrast: bool = False) -> None:
    css = CSS + (LARGE_CSS if large_text else "") + (CONTRAST_CSS if high_contrast else "")
    st.html(f"<style>{css}</style>")


def _show_problems(store: CatalogStore, lang: str) -> None:
    problems = store.problems
    if not store.error:
        return
    lines = [t("error.broken_data", lang, problem=md_escape(problems[0] if problems else store.error))]
    lines += [md_escape(p) for p in problems[1:5]]
    if len(problems) > 5:
        lines.append(t("error.more_problems", lang, count=len(problems) - 5))
    if store.catalog is not None:
        lines.append(t("error.serving_previous", lang))
    st.error("\n\n".join(lines), icon="⚠️")


def setup_page(title_key: str, sidebar: bool = True) -> PageContext:
    """Call first on every page: config, CSS, settings, catalog. Stops the page if no catalog is available."""
    _init_settings()
    lang = st.session_state["dxf_lang"]
    st.set_page_config(page_title=f"{t(title_key, lang)} | {t('app.title', lang)}", page_icon="🔎",
                       layout="wide")
    if sidebar:
        settings_controls(st.sidebar)
    ss = st.session_state
    lang = ss["dxf_lang"]
    ctx_flags = {"furigana": bool(ss["dxf_furigana"]) and lang == "ja", "large_text": bool(ss["dxf_large_text"]),
                 "high_contrast": bool(ss["dxf_high_contrast"])}
    inject_css(ctx_flags["large_text"], ctx_flags["high_contrast"])
    if lang != "ja":
        st.query_params["lang"] = lang  # shared links open in the same language
    elif "lang" in st.query_params:
        del st.query_params["lang"]
    store = get_store()
    catalog = store.get()
    _show_problems(store, lang)
    if catalog is None:
        st.error(t("error.no_catalog", lang))
        st.stop()
    return PageContext(catalog=catalog, store=store, lang=lang, now=now(), **ctx_flags)
