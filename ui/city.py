"""Your city on every page: kept in the session and in the URL as ?city=CODE, picked by typing.

``sync_city`` (called by setup_page) reads ?city= when the URL brings a new value (a link, a reload,
browser Back), else keeps the session's choice, and writes the code back to the URL. ``city_bar`` is the
header line with a picker in a popover; ``city_picker`` is the picker itself (a text box that takes any
name, reading, romaji or postal code, and the candidates with their prefecture); ``city_select`` keeps
the pages' own city selectboxes in step with the choice.
"""

from __future__ import annotations

import streamlit as st

from finder.appsettings import AppSettings
from finder.municipalities import Match
from finder.present.html import md_escape
from finder.resident.city_link import read_city_link
from finder.resident.your_city import CityChoice, candidate_label, candidates, choose, from_match, ward_note
from ui.state import get_store

from .a11y import count_city_choice

CHOICE = "dxf_city"  # CityChoice, or None for "every municipality"; absent: not chosen yet
SEEN_PARAM = "dxf_city_param"  # the ?city= value already taken from the URL
ASK = "dxf_city_ask"  # (the link's name, its candidates) while a ?city= name fits several municipalities
PICKER_LIMIT = 8


def _kiosk_default(catalog, config: AppSettings) -> CityChoice | None:
    """On a library kiosk, the configured facility's city (finder.settings kiosk_facility)."""
    facility = catalog.get(config.get("kiosk_facility"))
    return choose(catalog, facility.municipality_code) if facility is not None else None


def _write_url(choice: CityChoice | None) -> None:
    code = choice.code if choice is not None else ""
    if code:
        if st.query_params.get("city") != code:
            st.query_params["city"] = code
    elif "city" in st.query_params:
        del st.query_params["city"]
    st.session_state[SEEN_PARAM] = code


def set_city(choice: CityChoice | None) -> None:
    """Make ``choice`` the resident's city (None: every municipality), in the session and the URL."""
    count_city_choice()
    st.session_state[CHOICE] = choice
    st.session_state.pop(ASK, None)
    _write_url(choice)


def sync_city(catalog, config: AppSettings) -> CityChoice | None:
    """The resident's city for this run: a new ?city= in the URL wins, then the session, then a kiosk's
    configured city. An unknown ?city= is ignored (the page then asks); a name several municipalities
    have (府中) chooses none and leaves their candidates under ASK for the page to ask."""
    ss = st.session_state
    param = st.query_params.get("city")
    if param and param != ss.get(SEEN_PARAM):
        link = read_city_link(catalog, param)
        if link.choice is not None:
            ss[CHOICE] = link.choice
            ss.pop(ASK, None)
        elif link.ambiguous:
            ss.pop(CHOICE, None)  # a new link's city, not the one chosen before
            ss[ASK] = (param, link.candidates)
        ss[SEEN_PARAM] = param
    elif CHOICE not in ss:
        default = _kiosk_default(catalog, config)
        if default is not None:
            ss[CHOICE] = default
    choice = ss.get(CHOICE)
    if CHOICE in ss:
        _write_url(choice)
    return choice


def is_chosen() -> bool:
    """Whether the resident answered (a city, or "every municipality")."""
    return CHOICE in st.session_state


def current() -> CityChoice | None:
    return st.session_state.get(CHOICE)


# --- the picker ---------------------------------------------------------------------------------------
# Callbacks and their arguments stay in the session between runs: they get codes and look the catalog up
# when they run, so an idle session never keeps a replaced catalog alive.

def _catalog():
    """The catalog being served now (no wait: a callback never blocks on a reload)."""
    return get_store().catalog


def _pick(match: Match, box_key: str) -> None:
    catalog = _catalog()
    if catalog is not None:
        set_city(from_match(catalog, match))
    st.session_state[box_key] = ""


def _pick_match(match: Match) -> None:
    catalog = _catalog()
    if catalog is not None:
        set_city(from_match(catalog, match))


def _pick_code(code: str) -> None:
    catalog = _catalog()
    if catalog is not None:
        set_city(choose(catalog, code))


def _all_cities() -> None:
    set_city(None)


def city_picker(ctx, key: str = "cp", show_all: bool = True) -> None:
    """Text box (name, よみ, romaji, postal code) and the candidates as buttons, each with its prefecture;
    with nothing typed, the catalog's own cities as one-tap choices."""
    box_key = f"{key}_q"
    typed = st.text_input(ctx.t("city.box"), key=box_key, live=True, max_chars=60,
                          placeholder=ctx.t("city.placeholder"), icon="📍")
    text = (typed or "").strip()
    if text:
        found = candidates(text, limit=PICKER_LIMIT)
        if not found:
            st.info(ctx.t("city.none", query=md_escape(text[:40])), icon="ℹ️")
        for match in found:
            st.button(candidate_label(match, ctx.lang), key=f"{key}_pick_{match.code}", on_click=_pick,
                      args=(match, box_key), width="stretch")
    else:
        st.caption(ctx.t("city.quick"))
        row = st.container(horizontal=True)
        for m in ctx.catalog.curated_municipalities:
            row.button(ctx.city_label(m.code), key=f"{key}_quick_{m.code}", on_click=_pick_code,
                       args=(m.code,))
    if show_all:
        st.button(ctx.t("city.all"), key=f"{key}_all", on_click=_all_cities, type="tertiary")


def city_bar(ctx, key: str = "cb") -> None:
    """The page header's button: the chosen city, opening a popover with the picker.

    The picker is drawn only while the popover is open (``on_change="rerun"``): closed, as on every page a
    resident opens, its text box and city buttons would be ten elements more on every page load."""
    choice = ctx.city
    if choice is not None:
        label = choice.label(ctx.lang)  # short: on a phone the whole name fits
    else:
        label = ctx.t("city.everywhere") if is_chosen() else ctx.t("city.choose")
    popover = st.popover(label, icon="📍", key=f"{key}_pop", help=ctx.t("city.yours"), on_change="rerun")
    if popover.open:
        with popover:
            city_picker(ctx, key=key)


def ward_caption(ctx) -> None:
    """「札幌市中央区は札幌市の区です。札幌市の情報を表示しています。」 when the resident named a ward."""
    if ctx.city is not None and ctx.city.ward:
        st.caption(md_escape(ward_note(ctx.city, ctx.lang)))


def city_question(ctx, key: str = "cq") -> None:
    """The home page's opening question 「お住まいの市区町村は？」 with the picker and a skip button (not while
    the header asks which of a link's same-named municipalities is meant: that is the question then)."""
    if ASK in st.session_state:
        return
    with st.container(border=True, key=f"{key}_box"):
        st.subheader(ctx.t("city.question"))
        st.caption(ctx.t("city.question_help"))
        city_picker(ctx, key=key, show_all=False)
        st.button(ctx.t("city.skip"), key=f"{key}_skip", on_click=_all_cities)


# --- the pages' own selectboxes ----------------------------------------------------------------------

def _option_for(choice: CityChoice | None, options: list[str], by_code: bool) -> str:
    if choice is None:
        return options[0]
    for option in options:
        if option == choice.code or (not by_code and option == choice.name and choice.curated):
            return option
    return options[0]


def _selected(key: str, empty_means_all: bool) -> None:
    value = st.session_state.get(key) or ""
    catalog = _catalog()
    if value and catalog is not None:
        set_city(choose(catalog, value))
    elif not value and empty_means_all:
        set_city(None)


def city_value(ctx, allow_all: bool = True, by_code: bool = False) -> str:
    """What ``city_select`` would show and return, without drawing it (its filters are folded away)."""
    options = _city_options(ctx, allow_all, by_code)
    return _option_for(ctx.city, options, by_code) if options else ""


def _city_options(ctx, allow_all: bool, by_code: bool) -> list[str]:
    own = [m.code if by_code else m.name for m in ctx.catalog.curated_municipalities]
    extra = [ctx.city.code] if ctx.city is not None and not ctx.city.curated else []
    return ([""] if allow_all else []) + own + extra


def city_select(ctx, key: str, container=None, allow_all: bool = True, by_code: bool = False,
                label: str = "") -> str:
    """A page's city selectbox (the catalog's cities, plus the chosen one when it has no curated data),
    showing and changing the resident's city. Values are names (codes with ``by_code``), "" for all;
    a city outside the catalog is always its code. Returns the value."""
    box = container if container is not None else st
    options = _city_options(ctx, allow_all, by_code)
    if not options:
        return ""
    st.session_state[key] = _option_for(ctx.city, options, by_code)
    labels = {value: city_option_label(ctx, value) for value in options}  # strings: no page context kept
    return box.selectbox(label or ctx.t("search.city"), options, key=key, format_func=labels.__getitem__,
                         placeholder=ctx.t("common.choose"),
                         on_change=_selected, args=(key, allow_all))


def city_option_label(ctx, value: str) -> str:
    if not value:
        return ctx.t("common.all_cities")
    choice = ctx.city
    if choice is not None and value == choice.code and not choice.curated:
        return choice.label(ctx.lang)
    return ctx.city_label(value)
