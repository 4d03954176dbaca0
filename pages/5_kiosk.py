"""Library kiosk: touch screen, large buttons, no keyboard, QR codes to phones, idle reset.

Everything a person chose lives in session-state keys starting with ``kiosk_``; a reset deletes them.
The configured facility's city is every screen's default; a tap shows its choice at once (selected state)
and brings the results into view; a countdown shows when the screen will reset. QR codes point at the app
only when phones can open its address (the base_url setting); configuration problems go to staff
(finder.resident.config_check), never onto this screen. A QR code carries its item's own city.
"""

import time

import streamlit as st

import ui
from finder import urls
from finder.i18n import lang_name, section_label, t
from finder.present import js_snippets
from finder.present.html import display_title, md_escape
from finder.resident import classes, kiosk, place_text, qr
from finder.resident.config_check import log_once
from finder.resident.contact import whom_to_ask
from ui.routes import SEARCH

ctx = ui.setup_page("nav.kiosk", sidebar=False, css="kiosk")
catalog = ctx.catalog
ss = st.session_state


cfg = kiosk.load_config(ctx.settings)
QR_HOSTS = qr.allowed_hosts(ctx.settings)


def _reset() -> None:
    for key in kiosk.reset_keys(list(ss.keys())):
        del ss[key]


def _touch() -> None:
    ss["kiosk_last"] = time.monotonic()


def _go(view: str) -> None:
    _touch()
    ss["kiosk_view"] = view


def _set(key: str, value: str) -> None:
    _touch()
    ss[key] = value


def _choose(key: str, value: str) -> None:
    """A place or city tapped: remember it and bring the results into view on the next run."""
    _set(key, value)
    ss["kiosk_scroll"] = ss.get("kiosk_scroll_n", 0) + 1
    ss["kiosk_scroll_n"] = ss["kiosk_scroll"]


def _home() -> None:
    _reset()
    _touch()


# A person who comes back after the timeout (if the idle check could not run) starts fresh, too.
if kiosk.should_reset(ss.get("kiosk_last"), time.monotonic(), cfg.idle_seconds) and kiosk.is_dirty(ss):
    _reset()
_touch()

lang = ss.get("kiosk_lang", "ja")
view = ss.get("kiosk_view", "home")


@st.fragment(run_every=kiosk.check_interval(cfg.idle_seconds))
def idle_watch() -> None:
    """Runs by itself every few seconds; sends the kiosk back to the start screen after the timeout, and
    shows how long is left (a countdown that ticks in the browser between these runs)."""
    now = time.monotonic()
    if kiosk.should_reset(ss.get("kiosk_last"), now, cfg.idle_seconds) and kiosk.is_dirty(ss):
        _reset()
        st.rerun()
    if not kiosk.is_dirty(ss):
        st.caption(t("kiosk.idle", lang, s=md_escape(cfg.idle_seconds)))
        return
    left = kiosk.seconds_left(ss.get("kiosk_last"), now, cfg.idle_seconds)
    before, _, after = t("kiosk.countdown", lang, s="\x00").partition("\x00")
    count, more = st.columns([3, 2], vertical_alignment="center")
    with count:
        st.html(js_snippets.countdown(left, before, after, t("kiosk.resetting", lang)), unsafe_allow_javascript=True)
    more.button("⏱ " + t("kiosk.more_time", lang), key="kbtn_more_time", on_click=_touch, width="stretch")


facilities = {it.id: it for it in catalog.of_kind("facility")}
origin = kiosk.kiosk_origin(facilities, cfg.facility_id)
home_city = kiosk.home_city(facilities, cfg.facility_id)


def _qr_row(item, lat: float | None = None, lon: float | None = None, url: str = "") -> None:
    # The phone opens the item in its own city (not the kiosk's) and keeps the language.
    link = urls.item(item.id, cfg.base_url, city=item.municipality_code, **urls.display(lang))
    parts = [qr.qr_figure_html(link, t("kiosk.qr_app", lang), lang)] if cfg.app_qr else []
    if lat is not None and lon is not None:
        parts.append(qr.qr_figure_html(urls.maps_app(lat, lon), t("kiosk.qr_map", lang), lang))
    if url:
        parts.append(qr.link_html(url, t("kiosk.qr_platform", lang), cfg.base_url, QR_HOSTS, lang))
    if parts:
        ui.html("".join(parts))


def _city_buttons(state_key: str, default: str) -> str:
    """On-screen city choice (no keyboard); returns the chosen city code. The chosen one reads 「✔ 選択中」."""
    chosen = ss.get(state_key, default) or (catalog.curated_municipalities[0].code if catalog.curated_municipalities else "")
    st.write(t("kiosk.choose_city", lang))
    cols = st.columns(len(catalog.curated_municipalities) or 1)
    for col, m in zip(cols, catalog.curated_municipalities):
        name = m.name_en if lang == "en" else m.name
        col.button(("✔ " if m.code == chosen else "") + name, key=f"kbtn_city_{state_key}_{m.code}",
                   on_click=_choose, args=(state_key, m.code), width="stretch",
                   type="primary" if m.code == chosen else "secondary")
    return chosen


def _results():
    """The results' container; after a tap it is scrolled to the top of the screen."""
    box = st.container(key="kiosk_results")
    tapped = ss.pop("kiosk_scroll", None)
    if tapped:
        st.html(js_snippets.scroll_into_view("kiosk_results", str(tapped)), unsafe_allow_javascript=True)
    return box


def _ask_about_classes(city: str) -> None:
    """No class with a known date: say so, and whom to ask (a QR code to the city's site for the phone)."""
    place = catalog.municipality(city)
    section, phone = whom_to_ask(classes.real_classes(catalog.items, city), place)
    name = (place.name_en if lang == "en" else place.name) if place else ""
    lines = [(t("kiosk.ask", lang), " ".join(v for v in (section_label(section, lang), phone) if v) or t("common.ask_city", lang))]
    ui.html(kiosk.card_html(t("kiosk.no_class", lang, city=name), lines))
    site = urls.app_root(place.website) if place else None
    if site:
        ui.html(qr.link_html(site, t("kiosk.qr_city_site", lang, city=name), cfg.base_url, QR_HOSTS, lang))


# --- top bar -----------------------------------------------------------------------------------------
if st.query_params.get("kiosk") != "1":  # opened from the app's menu on a PC: a way back out
    st.caption(ctx.t("city.kiosk_preview"))
    ui.page_link(SEARCH, ctx.t("city.kiosk_exit"), "⬅️")
top_l, top_r = st.columns([4, 1])
top_l.title(t("kiosk.title", lang))
top_r.button(lang_name("en" if lang == "ja" else "ja"), key="kbtn_lang", on_click=_set,
             args=("kiosk_lang", "en" if lang == "ja" else "ja"), width="stretch")
log_once(list(cfg.notes))  # for staff (server log, desk to-do, finder validate), never on this public screen
idle_watch()

# --- screens -----------------------------------------------------------------------------------------
if view == "home":
    st.header(t("kiosk.lead", lang))
    for key, icon in (("wifi", "📶"), ("class", "📱"), ("cert", "🏪")):
        st.button(f"{icon} {t('kiosk.' + key, lang)} — {t('kiosk.' + key + '_sub', lang)}", key=f"kbtn_{key}",
                  on_click=_go, args=(key,), width="stretch")

elif view == "wifi":
    st.header("📶 " + t("kiosk.wifi", lang))
    place = origin
    if place is None:
        st.info(t("kiosk.no_origin", lang))
        city = _city_buttons("kiosk_place_city", home_city)
        options = [f for f in catalog.of_kind("facility", city) if f.has_point]
        picked = ss.get("kiosk_place", "")
        st.write(t("kiosk.choose_place", lang))
        for f in options[:12]:
            mine = f.id == picked
            st.button(("✔ " if mine else "") + display_title(f, lang), key=f"kbtn_place_{f.id}", on_click=_choose,
                      args=("kiosk_place", f.id), width="stretch", type="primary" if mine else "secondary")
        chosen = catalog.get(picked)
        place = chosen if chosen is not None and chosen.has_point and chosen.municipality_code == city else None
    if place is not None:
        with _results():
            st.subheader(t("kiosk.from_here", lang, place=md_escape(display_title(place, lang))))
            found = kiosk.wifi_near(catalog.items, place, limit=5)
            if not found:
                st.info(t("kiosk.none_found", lang))
            for rank, hit in enumerate(found, start=1):
                it = hit.item
                notes = [t("kiosk.approx", lang)] if it.coord_precision == "town" else []
                lines = [(t("kiosk.distance", lang), place_text.walk_text(hit, lang))] + place_text.detail_lines(it, lang)
                ui.html(kiosk.card_html(display_title(it, lang), lines, number=rank, notes=notes))
                _qr_row(it, it.lat, it.lon)

elif view == "class":
    st.header("📱 " + t("kiosk.class", lang))
    city = _city_buttons("kiosk_class_city", home_city)
    with _results():
        found = kiosk.upcoming_classes(catalog.items, city, ctx.now.date(), limit=6)
        if not classes.upcoming(catalog.items, ctx.now.date(), city):
            _ask_about_classes(city)
        for rank, (it, _text) in enumerate(found, start=1):
            ui.html(kiosk.card_html(display_title(it, lang), place_text.detail_lines(it, lang, ctx.now.date()),
                                    number=rank))
            _qr_row(it, it.lat, it.lon, url=it.get("url"))

elif view == "cert":
    st.header("🏪 " + t("kiosk.cert", lang))
    city = _city_buttons("kiosk_cert_city", home_city)
    with _results():
        found = kiosk.certificates(catalog.items, city)
        if not found:
            st.info(t("kiosk.none_found", lang))
        for rank, it in enumerate(found, start=1):
            ui.html(kiosk.card_html(display_title(it, lang), kiosk.certificate_lines(it, lang), number=rank))
            _qr_row(it)

if view != "home":
    st.button("🏠 " + t("kiosk.home", lang), key="kbtn_home", on_click=_home, width="stretch")
