"""Page setup shared by every page: config, CSS, sidebar settings and the catalog with its problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import streamlit as st

from finder import Catalog
from finder.catalog.store import CatalogStore
from finder.present.html import md_escape
from finder.present.i18n import LANGS, lang_name, norm_lang, t

from .state import get_store, now

# Persistent session keys (survive page switches) and the widget keys that edit them.
SETTINGS = {"lang": "ja", "furigana": False, "large_text": False, "high_contrast": False}

CSS_DIR = Path(__file__).with_name("css")
STYLESHEETS = ("base", "large", "contrast", "kiosk", "demo")  # ui/css/NAME.css


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
    catalog. Stops the page if no catalog is available. ``sidebar=False`` (kiosk) draws no sidebar controls;
    ``sidebar_state="collapsed"`` opens the page with the sidebar folded away (the projected demo)."""
    _init_settings()
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
