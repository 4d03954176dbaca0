"""The detail view of one item, for every kind: the answer first (with its date, level and action), then the
facts, then 「この情報について」 (closed: sources, the day they were checked, research notes). Unknown facts
say 「不明」, and one next step (a phone from the data, the city's site) is given once, not under every fact."""

from __future__ import annotations

import streamlit as st

from finder.catalog.channel_dates import CHANNEL_DATE_KEYS, channel_as_of
from finder.catalog.schema import CHANNELS
from finder.i18n import facility_type_label, platform_label, requirements_label, section_label, t
from finder.model import Item
from finder.present.format import days_text, time_range, year_month, yen
from finder.present.html import Fact, facts_html, has_unknown, heading_html, md_escape, paragraph_html, text_html
from finder.present.national import national_guide_html
from finder.resident.answer import next_step, service_type_label
from finder.resident.answer_html import about_html, answer_html, next_step_html
from finder.resident.availability import days_key, hours_text, saving
from finder.resident.contact import whom_to_ask
from finder.resident.ics import calendar_ics, event_start, ics_filename
from finder.resident.summary import detail_summary

from .a11y import focus_opened_item
from .components import close_item, html, item_answer, page_link, reading_overrides, result_card, sample_notice
from .routes import CONBINI, MAP

CHANNEL_MARKS = {"available": "○", "planned": "△", "not_available": "×", "unknown": "？"}


def _status_text(status: str, lang: str, as_of: str = "") -> str:
    """A channel's status in words; a planned one as 「予定（2023年3月時点）」, never "not available"."""
    if status == "planned":
        when = year_month(as_of, lang)
        return t("answer.planned_as_of", lang, date=when) if when else t("answer.planned", lang)
    return t(f"detail.status.{status or 'unknown'}", lang)


def _join(*values: str) -> str:
    return " ".join(v for v in values if v)


def _procedure(item: Item, ctx) -> bool:
    """Channels side by side, then what to bring and the fee. Returns True if something is unknown.

    The online action (a link to the platform) is drawn once, under the answer at the top."""
    lang = ctx.lang
    unknown = False
    st.subheader(ctx.t("detail.how"))
    cols = st.columns(len(CHANNELS))
    for col, channel in zip(cols, CHANNELS):
        status = item.get(f"{channel}_status") or "unknown"
        unknown |= status == "unknown"
        with col.container(border=True):
            st.markdown(f"**{ctx.t('detail.' + channel)}**")
            words = _status_text(status, lang, channel_as_of(item, channel))
            if channel == "counter" and status == "available" and item.get("counter_level") in ("city", "national"):
                words = ctx.t(f"answer.counter.{item.get('counter_level')}")
            own_date = year_month(item.get(CHANNEL_DATE_KEYS.get(channel, "")), lang) if status != "planned" else ""
            if own_date:  # this channel's source has a date of its own (counter_as_of)
                words = f"{words}（{ctx.t('answer.as_of', date=own_date)}）"
            st.markdown(f"{md_escape(CHANNEL_MARKS.get(status, '？'))} {md_escape(words)}")
            if channel == "online" and status in ("available", "planned"):
                platform = platform_label(item.get("online_platform"), lang)
                if platform:
                    st.markdown(f"{ctx.t('detail.platform')}: {md_escape(platform)}")
            elif channel == "store" and status == "available":
                page_link(CONBINI, ctx.t("detail.store_see_conbini"), "🏪", city=item.municipality)
            elif channel == "counter":
                facts = [Fact(ctx.t("common.section"), section_label(item.get("section"), lang)),
                         Fact(ctx.t("detail.place"), item.get("counter_place"), own_words=True),
                         Fact(ctx.t("detail.hours"), item.get("counter_hours"), own_words=True)]
                if status == "available" or not has_unknown(facts):
                    html(facts_html(facts, lang))
                    unknown |= has_unknown(facts)
                elif any(f.value for f in facts):
                    html(facts_html([f for f in facts if f.value], lang))
    facts = [Fact(ctx.t("detail.requirements"), requirements_label(item.get("requirements"), lang)), Fact(ctx.t("detail.fee"), item.get("fee"))]
    html(facts_html(facts, lang))
    return unknown or has_unknown(facts)


def _certificate(item: Item, ctx) -> bool:
    """Fees, hours, days and what to bring (whether it is offered, and now, is the answer above)."""
    lang = ctx.lang
    save = saving(item)
    key = days_key(item)
    facts = [
        Fact(ctx.t("conbini.col.store_fee"), yen(item.get("store_fee"), lang)),
        Fact(ctx.t("conbini.col.counter_fee"), yen(item.get("counter_fee"), lang)),
        Fact(ctx.t("conbini.col.saving"), yen(save, lang)),
        Fact(ctx.t("conbini.col.hours"), hours_text(item), item.get("hours_level")),
        Fact(ctx.t("conbini.col.days"), "" if key.endswith("unknown") else ctx.t(key), item.get("hours_level")),
        Fact(ctx.t("status.year_end"),
             {"yes": "12/29–1/3", "no": ctx.t("common.none")}.get(item.get("year_end_closed"), ""),
             item.get("closure_level")),
        Fact(ctx.t("conbini.col.eligibility"), item.get("eligibility")),
        Fact(ctx.t("conbini.col.requirements"), requirements_label(item.get("requirements"), lang),
             item.get("requirements_level")),
    ]
    if item.get("start_date"):
        facts.append(Fact(ctx.t("detail.since"), item.get("start_date")))
    html(facts_html(facts, lang))
    page_link(CONBINI, ctx.t("nav.conbini"), "🏪", city=item.municipality)
    return has_unknown(facts)


def _wifi(item: Item, ctx) -> bool:
    facts = [
        Fact(ctx.t("common.address"), _join(item.get("address"), item.get("address_note")), own_words=True),
        Fact(ctx.t("detail.wifi_ssid"), item.get("ssid")),
        Fact(ctx.t("detail.wifi_area"), item.get("area"), own_words=True),
        Fact(ctx.t("detail.hours"), item.get("hours"), own_words=True),
        Fact(ctx.t("detail.wifi_limits"), item.get("limits"), own_words=True),
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
        Fact(ctx.t("detail.class_venue"), _join(item.get("venue"), item.get("address")), own_words=True),
        Fact(ctx.t("detail.class_audience"), item.get("audience"), own_words=True),
        Fact(ctx.t("detail.fee"), _join(item.get("fee"), item.get("fee_detail")), own_words=True),
        Fact(ctx.t("detail.class_apply"), item.get("how_to_apply"), own_words=True),
        Fact(ctx.t("detail.class_contact"), _join(section_label(section, ctx.lang), phone)),
    ]
    optional = [Fact(ctx.t("detail.class_frequency"), item.get("frequency"), own_words=True),
                Fact(ctx.t("detail.class_capacity"), item.get("capacity"), own_words=True),
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
        Fact(ctx.t("common.address"), _join(item.get("address"), item.get("address_note")), own_words=True),
        Fact(ctx.t("detail.facility_days"), days_text(item.get("open_days"), ctx.lang)),
        Fact(ctx.t("detail.facility_hours"), _join(hours, item.get("hours_note")), own_words=True),
        Fact(ctx.t("common.phone"), item.get("phone")),
    ]
    optional = [Fact(ctx.t("common.website"), item.get("url"), link=True)]
    html(facts_html(facts + [f for f in optional if f.value], ctx.lang))
    return has_unknown(facts)


def _service(item: Item, ctx) -> bool:
    """A デジタルサービス: its type, how to use it, its page and whom to ask (the status is the answer above)."""
    facts = [
        Fact(ctx.t("answer.service.type_label"), service_type_label(item.get("service_type"), ctx.lang)),
        Fact(ctx.t("answer.service.how_to_use"), item.get("how_to_use"), own_words=True),
    ]
    optional = [Fact(ctx.t("common.website"), item.get("url"), link=True),
                Fact(ctx.t("common.section"), section_label(item.get("section"), ctx.lang)),
                Fact(ctx.t("common.phone"), item.get("section_phone"))]
    html(facts_html(facts + [f for f in optional if f.value], ctx.lang))
    return has_unknown(facts)


RENDERERS = {"procedure": _procedure, "certificate": _certificate, "wifi": _wifi, "class": _class,
             "facility": _facility, "service": _service}


def render_detail(item: Item, ctx) -> None:
    """Heading, sample notice, the answer (action as a button), summary, kind-specific facts, one next step
    when a fact is unknown, map link, 「この情報について」 (closed), related items."""
    html(heading_html(item, ctx.lang, ctx.furigana, city=ctx.city_label(item.municipality_code), level=False))
    focus_opened_item(item.id)
    if item.is_sample:
        sample_notice(ctx)
    found = item_answer(item, ctx)
    html(answer_html(found, ctx.lang, action=False))
    if found.action_url:
        st.link_button(found.action_label, found.action_url, type="primary", icon="🌐")
    summary = detail_summary(item, ctx.lang, ctx.city_label(item.municipality_code))
    if summary:
        html(f"<p>{text_html(summary, True, reading_overrides(ctx.catalog))}</p>" if ctx.furigana
             else paragraph_html(summary))
    unknown = RENDERERS.get(item.kind, _facility)(item, ctx)
    guide = national_guide_html(item, ctx.lang, ctx.city_label(item.municipality_code))  # national items only
    if guide:
        html(guide)
    if unknown and found.next_step is None:
        html(next_step_html(next_step(item, ctx.catalog.municipality(item.municipality_code), ctx.lang), ctx.lang))
    if item.has_point:
        approx = f" ({ctx.t('detail.approx_location')})" if item.coord_precision == "town" else ""
        page_link(MAP, ctx.t("common.map_link") + approx, "🗺️", city=item.municipality, focus=item.id)
    with st.expander(f"ℹ️ {ctx.t('answer.about.header')}", expanded=False):
        html(about_html(item, ctx.lang, found.status, shown=summary))
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
