"""コンビニ交付: per-city table of certificates with a live status, and a five-city comparison.

For a municipality without curated data (the resident's city from ui.city), the page says honestly that
this app does not know, shows the national rules and the next steps (finder.present.national).
"""

import pandas as pd
import streamlit as st

import ui
from finder.i18n import level_label, requirements_label
from finder.national.guide import is_national_item
from finder.present.format import yen
from finder.present.html import STATUS_ICONS, ask_html, display_title, md_escape
from finder.present.national import national_html
from finder.present.record_cards import record_cards_html
from finder.resident.availability import certificate_status, days_key, holiday_name, hours_text, saving
from finder.resident.contact import whom_to_ask
from ui.city import city_select

ctx = ui.setup_page("nav.conbini", css="conbini")
catalog = ctx.catalog
lang = ctx.lang
unknown = ctx.t("common.unknown")


def status_text(status: str) -> str:
    return f"{STATUS_ICONS.get(status, '?')} {ctx.t('status.' + status)}"


def with_level(text: str, level: str) -> str:
    if not text:
        return unknown
    return f"{text}（{level_label(level, lang)}）" if level else text


def days_text(item) -> str:
    key = days_key(item)
    return unknown if key.endswith("unknown") else ctx.t(key)


def row_for(item) -> dict[str, str]:
    save = saving(item)
    return {
        ctx.t("conbini.col.status_now"): status_text(certificate_status(item, ctx.now)),
        ctx.t("conbini.col.store_fee"): yen(item.get("store_fee"), lang) or unknown,
        ctx.t("conbini.col.counter_fee"): yen(item.get("counter_fee"), lang) or unknown,
        ctx.t("conbini.col.saving"): yen(save, lang) or unknown,
        ctx.t("conbini.col.hours"): with_level(hours_text(item), item.get("hours_level")),
        ctx.t("conbini.col.days"): with_level(days_text(item), item.get("hours_level")) if days_text(item) != unknown
        else unknown,
        ctx.t("conbini.col.eligibility"): item.get("eligibility") or unknown,
        ctx.t("conbini.col.requirements"): with_level(requirements_label(item.get("requirements"), lang),
                                                       item.get("requirements_level")),
    }


st.title(f"🏪 {ctx.t('conbini.header')}")
ui.item_view(ctx)
st.markdown(ctx.t("conbini.intro"))
holiday = holiday_name(ctx.now.date())
st.markdown(f"**{ctx.t('conbini.now', time=ctx.now.strftime('%Y-%m-%d %H:%M'))}**"
            + (f" — {md_escape(holiday)}" if holiday else ""))

city = city_select(ctx, "w_city_conbini", allow_all=False)

certs = catalog.of_kind("certificate", city)
if not certs:
    st.info(ctx.t("conbini.not_offered"))
elif is_national_item(certs[0]):
    name = ctx.city_label(certs[0].municipality_code)
    shown = md_escape(name)
    st.subheader(ctx.t("city.national_conbini", city=shown))
    st.info(ctx.t("national.explain", city=shown), icon="ℹ️")
    ui.html(national_html(certs[0], lang, name))
    for it in certs:
        ui.open_button(it, ctx, key="nat-")
else:
    titled = [(display_title(it, lang), row_for(it)) for it in certs]
    table = pd.DataFrame([{ctx.t("conbini.col.title"): title, **row} for title, row in titled])
    with st.container(key="dxf_cert_table"):  # wide screens (ui/css/conbini.css)
        ui.table(table.set_index(ctx.t("conbini.col.title")))
    with st.container(key="dxf_cert_cards"):  # phones: one card per certificate
        ui.html(record_cards_html(titled, ctx.t("conbini.header")))
    if any(unknown in str(v) for row in table.to_dict("records") for v in row.values()):
        ui.html(ask_html(lang, *whom_to_ask(certs, catalog.municipality(city))))
    with st.container(horizontal=True, key="dxf_cert_open"):  # in the order of the rows, wrapping
        for it in certs:
            ui.open_button(it, ctx)

st.header(ctx.t("conbini.compare"))
keys: dict[str, str] = {}
for it in catalog.of_kind("certificate"):
    keys.setdefault(it.get("certificate_key"), display_title(it, lang))
if keys:
    key = st.selectbox(ctx.t("conbini.compare_cert"), list(keys), format_func=keys.get, key="w_compare",
                       placeholder=ctx.t("common.choose"))
    rows = []
    for m in catalog.curated_municipalities:
        match = next((it for it in catalog.of_kind("certificate", m.code) if it.get("certificate_key") == key), None)
        if match is None:
            rows.append({ctx.t("conbini.col.city"): ctx.city_label(m.code),
                         ctx.t("conbini.col.status_now"): status_text("unknown")})
        else:
            rows.append({ctx.t("conbini.col.city"): ctx.city_label(m.code), **row_for(match)})
    compared = pd.DataFrame(rows).set_index(ctx.t("conbini.col.city")).fillna(unknown)
    with st.container(key="dxf_compare_table"):
        ui.table(compared)
    with st.container(key="dxf_compare_cards"):  # phones: one card per city
        ui.html(record_cards_html(compared.to_dict("index").items(), ctx.t("conbini.compare")))
