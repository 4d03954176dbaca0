"""Library kiosk: touch screen, large buttons, no keyboard, QR codes to phones, idle reset.

Everything a person chose lives in session-state keys starting with ``kiosk_``; a reset deletes them.
"""

import time

import streamlit as st

import ui
from finder import urls
from finder.places import mapview
from finder.present.html import display_title, md_escape
from finder.present.i18n import lang_name, t
from finder.services import kiosk, qr

ctx = ui.setup_page("nav.kiosk", sidebar=False, css="kiosk")
catalog = ctx.catalog
ss = st.session_state


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: configuration comes from the environment or defaults
        return {}


cfg = kiosk.load_config(secrets=_secrets())
QR_HOSTS = qr.allowed_hosts(_secrets())


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
    """Runs by itself every few seconds; sends the kiosk back to the start screen after the timeout."""
    if kiosk.should_reset(ss.get("kiosk_last"), time.monotonic(), cfg.idle_seconds) and kiosk.is_dirty(ss):
        _reset()
        st.rerun()
    st.caption(t("kiosk.idle", lang, s=md_escape(cfg.idle_seconds)))


origin = kiosk.kiosk_origin({it.id: it for it in catalog.of_kind("facility")}, cfg.facility_id)
home_city = origin.municipality_code if origin else ""


def _qr_row(item_id: str, lat: float | None = None, lon: float | None = None, url: str = "") -> None:
    parts = [qr.qr_figure_html(urls.item(item_id, cfg.base_url), t("kiosk.qr_app", lang), lang)]
    if lat is not None and lon is not None:
        parts.append(qr.qr_figure_html(urls.maps_app(lat, lon), t("kiosk.qr_map", lang), lang))
    if url:
        parts.append(qr.link_html(url, t("kiosk.qr_platform", lang), cfg.base_url, QR_HOSTS, lang))
    ui.html("".join(parts))


def _city_buttons(state_key: str, default: str) -> str:
    """On-screen city choice (no keyboard); returns the chosen city code."""
    chosen = ss.get(state_key, default) or (catalog.municipalities[0].code if catalog.municipalities else "")
    st.write(t("kiosk.choose_city", lang))
    cols = st.columns(len(catalog.municipalities) or 1)
    for col, m in zip(cols, catalog.municipalities):
        name = m.name_en if lang == "en" else m.name
        col.button(("✔ " if m.code == chosen else "") + name, key=f"kbtn_city_{state_key}_{m.code}",
                   on_click=_set, args=(state_key, m.code), width="stretch")
    return chosen


# --- top bar -----------------------------------------------------------------------------------------
top_l, top_r = st.columns([4, 1])
top_l.title(t("kiosk.title", lang))
top_r.button(lang_name("en" if lang == "ja" else "ja"), key="kbtn_lang", on_click=_set,
             args=("kiosk_lang", "en" if lang == "ja" else "ja"), width="stretch")
for note in cfg.notes:
    st.warning(md_escape(note))

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
        st.write(t("kiosk.choose_place", lang))
        for f in options[:12]:
            st.button(display_title(f, lang), key=f"kbtn_place_{f.id}", on_click=_set,
                      args=("kiosk_place", f.id), width="stretch")
        chosen = catalog.get(ss.get("kiosk_place", ""))
        place = chosen if chosen is not None and chosen.has_point else None
    if place is not None:
        st.subheader(t("kiosk.from_here", lang, place=md_escape(display_title(place, lang))))
        found = kiosk.wifi_near(catalog.items, place, limit=5)
        if not found:
            st.info(t("kiosk.none_found", lang))
        for rank, hit in enumerate(found, start=1):
            it = hit.item
            notes = [t("kiosk.approx", lang)] if it.coord_precision == "town" else []
            lines = [(t("kiosk.distance", lang), mapview.walk_text(hit, lang))] + mapview.detail_lines(it, lang)
            ui.html(kiosk.card_html(display_title(it, lang), lines, number=rank, notes=notes))
            _qr_row(it.id, it.lat, it.lon)

elif view == "class":
    st.header("📱 " + t("kiosk.class", lang))
    city = _city_buttons("kiosk_class_city", home_city)
    found = kiosk.upcoming_classes(catalog.items, city, ctx.now.date(), limit=6)
    if not found:
        st.info(t("kiosk.none_found", lang))
    for rank, (it, _text) in enumerate(found, start=1):
        notes = [t("classes.sample_dates", lang)] if it.is_sample else []
        ui.html(kiosk.card_html(display_title(it, lang), mapview.detail_lines(it, lang, ctx.now.date()),
                                number=rank, notes=notes))
        _qr_row(it.id, it.lat, it.lon, url=it.get("url"))

elif view == "cert":
    st.header("🏪 " + t("kiosk.cert", lang))
    city = _city_buttons("kiosk_cert_city", home_city)
    found = kiosk.certificates(catalog.items, city)
    if not found:
        st.info(t("kiosk.none_found", lang))
    for rank, it in enumerate(found, start=1):
        ui.html(kiosk.card_html(display_title(it, lang), kiosk.certificate_lines(it, lang), number=rank))
        _qr_row(it.id)

if view != "home":
    st.button("🏠 " + t("kiosk.home", lang), key="kbtn_home", on_click=_home, width="stretch")

idle_watch()
