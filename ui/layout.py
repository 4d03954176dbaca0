"""Page setup shared by every page: config, CSS, sidebar settings and the catalog with its problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import streamlit as st

from finder import urls
from finder.appsettings import AppSettings
from finder.catalog.status import max_age_years
from finder.i18n import LANGS, lang_name, norm_lang, t
from finder.live.catalog import Catalog
from finder.live.store import CatalogStore
from finder.present.html import md_escape
from finder.resident.your_city import CityChoice

from .a11y import focus_title_on_city_change
from .city import sync_city
from .components import CURRENT_PAGE
from .config import read_settings
from .header import page_header, set_document_lang
from .routes import RESIDENTS, SEARCH
from .state import get_store, now

# Persistent session keys (survive page switches) and the widget keys that edit them.
SETTINGS = {"lang": "ja", "furigana": False, "large_text": False, "high_contrast": False}

RESIDENT_TITLES = frozenset(p.title_key for p in RESIDENTS)
CSS_DIR = Path(__file__).with_name("css")
STYLESHEETS = ("base", "large", "contrast", "kiosk", "demo", "conbini")  # ui/css/NAME.css


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
    city: CityChoice | None = None  # the resident's city (ui.city); None: every municipality or not chosen
    settings: AppSettings = field(default_factory=AppSettings.resolve)  # this run's settings (ui.config)
    status_max_age: float = 2.0  # the status_max_age_years setting, parsed once per run

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
        for name, param in urls.DISPLAY_FLAGS.items():
            ss[f"dxf_{name}"] = st.query_params.get(param) == "1"
    for name, default in SETTINGS.items():
        ss.setdefault(f"dxf_{name}", default)


def display_params() -> dict[str, str]:
    """The reader's display settings as URL parameters (finder.urls.display), for links that open a new
    session: QR codes, map popups, a reload."""
    _init_settings()
    ss = st.session_state
    return urls.display(ss["dxf_lang"], **{name: bool(ss[f"dxf_{name}"]) for name in urls.DISPLAY_FLAGS})


def _mirror_settings() -> None:
    """The display settings into the URL (left out when default, to keep links short)."""
    wanted = display_params()
    for param in ("lang", *urls.DISPLAY_FLAGS.values()):
        value = wanted.get(param)
        if value and st.query_params.get(param) != value:
            st.query_params[param] = value
        elif not value and param in st.query_params:
            del st.query_params[param]


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
    box.radio(t("settings.language", lang), LANGS, format_func=lang_name, key="w_lang", horizontal=True,
              on_change=_copy_setting, args=("lang",))
    box.toggle(t("settings.furigana", lang), key="w_furigana", on_change=_copy_setting, args=("furigana",),
               disabled=lang != "ja")
    box.toggle(t("settings.large_text", lang), key="w_large_text", on_change=_copy_setting, args=("large_text",))
    box.toggle(t("settings.high_contrast", lang), key="w_high_contrast", on_change=_copy_setting,
               args=("high_contrast",))


@cache
def stylesheet(name: str) -> str:
    """The text of ui/css/NAME.css, read once per process (one of STYLESHEETS: a static file, never data)."""
    if name not in STYLESHEETS:
        raise ValueError(f"no stylesheet {name!r}")
    return (CSS_DIR / f"{name}.css").read_text(encoding="utf-8")


def inject_css(large_text: bool = False, high_contrast: bool = False, page: str = "") -> None:
    """One <style>: the base sheet, the reader's large-text / high-contrast choices, then the page's own sheet."""
    chosen = {"base": True, "large": large_text, "contrast": high_contrast, page: bool(page)}
    css = "".join(stylesheet(name) for name, wanted in chosen.items() if wanted)
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


def setup_page(title_key: str, sidebar: bool = True, css: str = "", sidebar_state: str = "auto") -> PageContext:
    """Call first on every page: config, CSS (plus the page's own sheet ``css``, e.g. "kiosk"), settings,
    catalog, the resident's city; residents' pages (ui.routes.RESIDENTS) get the header line with the city
    and the language switch. Stops the page if no catalog is available. ``sidebar=False`` (kiosk) draws no
    sidebar controls; ``sidebar_state="collapsed"`` opens the page with the sidebar folded away (the
    projected demo)."""
    _init_settings()
    st.session_state[CURRENT_PAGE] = title_key
    lang = st.session_state["dxf_lang"]
    st.set_page_config(page_title=f"{t(title_key, lang)} | {t('app.title', lang)}", page_icon="🔎",
                       layout="wide", initial_sidebar_state=sidebar_state)
    if sidebar:
        settings_controls(st.sidebar)
    ss = st.session_state
    lang = ss["dxf_lang"]
    ctx_flags = {"furigana": bool(ss["dxf_furigana"]) and lang == "ja", "large_text": bool(ss["dxf_large_text"]),
                 "high_contrast": bool(ss["dxf_high_contrast"])}
    inject_css(ctx_flags["large_text"], ctx_flags["high_contrast"], css)
    set_document_lang(lang)
    _mirror_settings()  # shared links and reloads open with the same language and display settings
    store = get_store()
    catalog = store.get()
    _show_problems(store, lang)
    if catalog is None:
        st.error(t("error.no_catalog", lang))
        st.stop()
    config = read_settings()  # the run's one read of st.secrets
    ctx = PageContext(catalog=catalog, store=store, lang=lang, now=now(), city=sync_city(catalog, config),
                      settings=config, status_max_age=max_age_years(config), **ctx_flags)
    if sidebar and title_key in RESIDENT_TITLES:
        page_header(ctx, search_box=title_key != SEARCH.title_key)
        focus_title_on_city_change()
    return ctx
