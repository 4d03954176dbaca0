"""The detail view of one item, for every kind. Unknown facts say 「不明」, and one line per item
tells the resident to ask the city (section + phone) instead of repeating it under every fact."""

from __future__ import annotations

import streamlit as st

from finder import Item
from finder.present.format import time_range, yen
from finder.present.html import (
    Fact,
    ask_html,
    esc,
    facts_html,
    has_unknown,
    heading_html,
    md_escape,
    paragraph_html,
    source_html,
    status_badge,
)
from finder.present.i18n import facility_type_label, platform_label, t
from finder.services.availability import certificate_status, days_key, hours_text, saving
from finder.services.contact import whom_to_ask
from finder.services.ics import calendar_ics, event_start, ics_filename

from .components import close_item, html, page_link, result_card, sample_notice
from .routes import CONBINI, MAP

CHANNELS = ("online", "store", "counter", "mail")
CHANNEL_MARKS = {"available": "○", "planned": "△", "not_available": "×", "unknown": "？"}


def _status_text(status: str, lang: str) -> str:
    return t(f"detail.status.{status or 'unknown'}", lang)


def _join(*values: str) -> str:
    return " ".join(v for v in values if v)


def _procedure(item: Item, ctx) -> bool:
    """Channels side by side, then what to bring and the fee. Returns True if something is unknown."""
    lang = ctx.lang
    unknown = False
    st.subheader(ctx.t("detail.how"))
    cols = st.columns(len(CHANNELS))
    for col, channel in zip(cols, CHANNELS):
        status = item.get(f"{channel}_status") or "unknown"
        unknown |= status == "unknown"
        with col.container(border=True):
            st.markdown(f"**{ctx.t('detail.' + channel)}**")
            st.markdown(f"{md_escape(CHANNEL_MARKS.get(status, '？'))} {md_escape(_status_text(status, lang))}")
            if channel == "online" and status in ("available", "planned"):
                platform = platform_label(item.get("online_platform"), lang)
                if platform:
                    st.markdown(f"{ctx.t('detail.platform')}: {md_escape(platform)}")
                url = item.get("online_url")
                if url and status == "available":
                    label = ctx.t("detail.online_button", platform=platform) if platform \
                        else ctx.t("detail.online_button_plain")
                    st.link_button(label, url, type="primary", icon="🌐")
            elif channel == "store" and status == "available":
                page_link(CONBINI, ctx.t("detail.store_see_conbini"), "🏪", city=item.municipality)
            elif channel == "counter":
                facts = [Fact(ctx.t("common.section"), item.get("section")),
                         Fact(ctx.t("detail.place"), item.get("counter_place")),
                         Fact(ctx.t("detail.hours"), item.get("counter_hours"))]
                if status == "available" or not has_unknown(facts):
                    html(facts_html(facts, lang))
                    unknown |= has_unknown(facts)
                elif any(f.value for f in facts):
                    html(facts_html([f for f in facts if f.value], lang))
    facts = [Fact(ctx.t("detail.requirements"), item.get("requirements")), Fact(ctx.t("detail.fee"), item.get("fee"))]
    html(facts_html(facts, lang))
    return unknown or has_unknown(facts)


def _certificate(item: Item, ctx) -> bool:
    lang = ctx.lang
    status = certificate_status(item, ctx.now)
    html(f'<p>{esc(ctx.t("conbini.now", time=ctx.now.strftime("%Y-%m-%d %H:%M")))}: {status_badge(status, lang)}</p>')
    save = saving(item)
    key = days_key(item)
    facts = [
        Fact(ctx.t("conbini.header"), "" if item.get("status") in ("", "unknown") else _status_text(item.get("status"), lang)),
        Fact(ctx.t("conbini.col.store_fee"), yen(item.get("store_fee"), lang)),
        Fact(ctx.t("conbini.col.counter_fee"), yen(item.get("counter_fee"), lang)),
        Fact(ctx.t("conbini.col.saving"), yen(save, lang)),
        Fact(ctx.t("conbini.col.hours"), hours_text(item), item.get("hours_level")),
        Fact(ctx.t("conbini.col.days"), "" if key.endswith("unknown") else ctx.t(key), item.get("hours_level")),
        Fact(ctx.t("status.year_end"),
             {"yes": "12/29–1/3", "no": ctx.t("common.none")}.get(item.get("year_end_closed"), ""),
             item.get("closure_level")),
        Fact(ctx.t("conbini.col.eligibility"), item.get("eligibility")),
        Fact(ctx.t("conbini.col.requirements"), item.get("requirements"), item.get("requirements_level")),
    ]
    if item.get("start_date"):
        facts.append(Fact(ctx.t("detail.since"), item.get("start_date")))
    html(facts_html(facts, lang))
    page_link(CONBINI, ctx.t("nav.conbini"), "🏪", city=item.municipality)
    return has_unknown(facts)


def _wifi(item: Item, ctx) -> bool:
    facts = [
        Fact(ctx.t("common.address"), _join(item.get("address"), item.get("address_note"))),
        Fact(ctx.t("detail.wifi_ssid"), item.get("ssid")),
        Fact(ctx.t("detail.wifi_area"), item.get("area")),
        Fact(ctx.t("detail.hours"), item.get("hours")),
        Fact(ctx.t("detail.wifi_limits"), item.get("limits")),
    ]
    optional = [Fact(ctx.t("common.phone"), item.get("phone")), Fact(ctx.t("common.website"), item.get("url"), link=True)]
    html(facts_html(facts + [f for f in optional if f.value], ctx.lang))
    return has_unknown(facts)


def _class(item: Item, ctx) -> bool:
    start = event_start(item)
    when = ctx.t("classes.sample_dates") if item.is_sample else ""
    if start is not None:
        times = time_range(item.get("start_time"), item.get("end_time")) or ctx.t("classes.time_unknown")
        when = f"{item.get('start_date')} {times}"
    section, phone = whom_to_ask([item], ctx.catalog.municipality(item.municipality_code))
    facts = [
        Fact(ctx.t("detail.class_date"), when),
        Fact(ctx.t("detail.class_venue"), _join(item.get("venue"), item.get("address"))),
        Fact(ctx.t("detail.class_audience"), item.get("audience")),
        Fact(ctx.t("detail.fee"), _join(item.get("fee"), item.get("fee_detail"))),
        Fact(ctx.t("detail.class_apply"), item.get("how_to_apply")),
        Fact(ctx.t("detail.class_contact"), _join(section, phone)),
    ]
    optional = [Fact(ctx.t("detail.class_frequency"), item.get("frequency")),
                Fact(ctx.t("detail.class_capacity"), item.get("capacity")),
                Fact(ctx.t("common.website"), item.get("url"), link=True)]
    html(facts_html(facts + [f for f in optional if f.value], ctx.lang))
    if start is not None:
        st.download_button(ctx.t("classes.ics"), calendar_ics([item], lang=ctx.lang), file_name=ics_filename(item),
                           mime="text/calendar", help=ctx.t("classes.ics_help"), icon="📅",
                           key=f"ics-detail-{item.id}", on_click="ignore")
    return has_unknown(facts)


def _facility(item: Item, ctx) -> bool:
    hours = time_range(item.get("open_time"), item.get("close_time"))
    facts = [
        Fact(ctx.t("detail.facility_type"), facility_type_label(item.get("facility_type"), ctx.lang)),
        Fact(ctx.t("common.address"), _join(item.get("address"), item.get("address_note"))),
        Fact(ctx.t("detail.facility_days"), item.get("open_days")),
        Fact(ctx.t("detail.facility_hours"), _join(hours, item.get("hours_note"))),
        Fact(ctx.t("common.phone"), item.get("phone")),
    ]
    optional = [Fact(ctx.t("common.website"), item.get("url"), link=True)]
    html(facts_html(facts + [f for f in optional if f.value], ctx.lang))
    return has_unknown(facts)


RENDERERS = {"procedure": _procedure, "certificate": _certificate, "wifi": _wifi, "class": _class,
             "facility": _facility}


def render_detail(item: Item, ctx) -> None:
    """Heading, sample notice, summary, kind-specific facts, ask-the-city line, source/checked/level, related."""
    html(heading_html(item, ctx.lang, ctx.furigana, city=ctx.city_label(item.municipality_code)))
    if item.is_sample:
        sample_notice(ctx)
    summary = item.get("summary_en") if ctx.lang == "en" and item.get("summary_en") else item.summary
    if summary:
        html(paragraph_html(summary))
    unknown = RENDERERS.get(item.kind, _facility)(item, ctx)
    if unknown:
        section, phone = whom_to_ask([item], ctx.catalog.municipality(item.municipality_code))
        html(ask_html(ctx.lang, section, phone))
    if item.get("note"):
        html(facts_html([Fact(ctx.t("detail.note"), item.get("note"))], ctx.lang))
    if item.has_point:
        approx = f" ({ctx.t('detail.approx_location')})" if item.coord_precision == "town" else ""
        page_link(MAP, ctx.t("common.map_link") + approx, "🗺️", city=item.municipality, focus=item.id)
    html(source_html(item, ctx.lang))
    related = [it for it in ctx.catalog.of_kind(item.kind, item.municipality_code) if it.id != item.id][:3]
    if related:
        with st.expander(ctx.t("detail.related")):
            for other in related:
                result_card(other, ctx, key="rel-", inline=True)


def item_view(ctx) -> bool:
    """If the URL has ?item=ID, show that item (with a close button) and return True."""
    item_id = st.query_params.get("item")
    if not item_id:
        return False
    item = ctx.catalog.get(item_id)
    if item is None:
        st.warning(ctx.t("detail.not_found", item=md_escape(item_id)))
        return False
    with st.container(border=True):
        st.button(f"✕ {ctx.t('common.close')}", on_click=close_item, key="close-item")
        render_detail(item, ctx)
    return True
