"""The detail view of one item, for every kind. Unknown facts say so and point to the city."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from finder import Item
from finder.availability import certificate_status, days_key, hours_text, saving
from finder.html import Fact, esc, facts_html, heading_html, source_html, status_badge, unknown_html
from finder.i18n import t
from finder.ics import calendar_ics, event_start, ics_filename

from .components import close_item, html, result_card, sample_notice

CHANNELS = ("online", "store", "counter", "mail")


def contact(item: Item, catalog) -> tuple[str, str]:
    """(section, phone) to ask when a fact is unknown: the row's own contact, else the city's phone."""
    city = catalog.municipality(item.municipality_code)
    section = item.get("section") or item.get("contact_name")
    phone = item.get("section_phone") or item.get("contact_phone") or item.get("phone") or (city.phone if city else "")
    return section, phone


def _yen(value: str, lang: str) -> str:
    return t("common.yen", lang, amount=f"{int(value):,}") if value.lstrip("-").isdigit() else value


def _status_text(status: str, lang: str) -> str:
    return t(f"detail.status.{status or 'unknown'}", lang)


def _procedure(item: Item, ctx, section: str, phone: str) -> None:
    lang = ctx.lang
    st.subheader(ctx.t("detail.how"))
    cols = st.columns(len(CHANNELS))
    for col, channel in zip(cols, CHANNELS):
        status = item.get(f"{channel}_status", "unknown")
        with col.container(border=True):
            st.markdown(f"**{ctx.t('detail.' + channel)}**")
            st.markdown(f"{'○' if status == 'available' else '△' if status == 'planned' else '×' if status == 'not_available' else '？'}"
                        f" {_status_text(status, lang)}")
            if status == "unknown":
                html(unknown_html(lang, section, phone))
            if channel == "online" and status in ("available", "planned"):
                platform = item.get("online_platform")
                if platform:
                    st.markdown(f"{ctx.t('detail.platform')}: {platform}")
                url = item.get("online_url")
                if url and status == "available":
                    label = ctx.t("detail.online_button", platform=platform) if platform \
                        else ctx.t("detail.online_button_plain")
                    st.link_button(label, url, type="primary", icon="🌐")
            elif channel == "store" and status == "available":
                st.markdown(f"[{ctx.t('detail.store_see_conbini')}](./conbini?{urlencode({'city': item.municipality})})")
            elif channel == "counter" and status in ("available", "unknown"):
                html(facts_html([Fact(ctx.t("common.section"), section),
                                 Fact(ctx.t("detail.place"), item.get("counter_place")),
                                 Fact(ctx.t("detail.hours"), item.get("counter_hours"))], lang, section, phone))
    html(facts_html([Fact(ctx.t("detail.requirements"), item.get("requirements")),
                     Fact(ctx.t("detail.fee"), item.get("fee"))], lang, section, phone))


def _certificate(item: Item, ctx, section: str, phone: str) -> None:
    lang = ctx.lang
    status = certificate_status(item, ctx.now)
    html(f'<p>{ctx.t("conbini.now", time=ctx.now.strftime("%Y-%m-%d %H:%M"))}: {status_badge(status, lang)}</p>')
    save = saving(item)
    facts = [
        Fact(ctx.t("conbini.header"), _status_text(item.get("status"), lang)),
        Fact(ctx.t("conbini.col.store_fee"), _yen(item.get("store_fee"), lang), item.level if item.get("store_fee") else ""),
        Fact(ctx.t("conbini.col.counter_fee"), _yen(item.get("counter_fee"), lang)),
        Fact(ctx.t("conbini.col.saving"), t("common.yen", lang, amount=f"{save:,}") if save is not None else ""),
        Fact(ctx.t("conbini.col.hours"), hours_text(item), item.get("hours_level")),
        Fact(ctx.t("conbini.col.days"), "" if days_key(item).endswith("unknown") else ctx.t(days_key(item)),
             item.get("closure_level")),
        Fact(ctx.t("status.year_end"), {"yes": "12/29–1/3", "no": ctx.t("common.none")}.get(item.get("year_end_closed"), ""),
             item.get("closure_level")),
        Fact(ctx.t("conbini.col.eligibility"), item.get("eligibility")),
        Fact(ctx.t("conbini.col.requirements"), item.get("requirements"), item.get("requirements_level")),
        Fact(ctx.t("common.section"), " ".join(v for v in (section, phone) if v)),
    ]
    if item.get("start_date"):
        facts.append(Fact("開始" if lang == "ja" else "Since", item.get("start_date")))
    html(facts_html(facts, lang, section, phone))
    st.markdown(f"[{ctx.t('nav.conbini')}](./conbini?{urlencode({'city': item.municipality})})")


def _wifi(item: Item, ctx, section: str, phone: str) -> None:
    html(facts_html([
        Fact(ctx.t("common.address"), " ".join(v for v in (item.get("address"), item.get("address_note")) if v)),
        Fact(ctx.t("detail.wifi_ssid"), item.get("ssid")),
        Fact(ctx.t("detail.wifi_area"), item.get("area")),
        Fact(ctx.t("detail.hours"), item.get("hours")),
        Fact(ctx.t("detail.wifi_limits"), item.get("limits")),
        Fact(ctx.t("common.phone"), item.get("phone")),
        Fact(ctx.t("common.website"), item.get("url"), link=True),
    ], ctx.lang, section, phone))


def _class(item: Item, ctx, section: str, phone: str) -> None:
    start = event_start(item)
    when = ""
    if start is not None:
        times = "–".join(v for v in (item.get("start_time"), item.get("end_time")) if v) or ctx.t("classes.time_unknown")
        when = f"{item.get('start_date')} {times}"
    html(facts_html([
        Fact(ctx.t("detail.class_date"), when),
        Fact(ctx.t("detail.class_frequency"), item.get("frequency")),
        Fact(ctx.t("detail.class_venue"), " ".join(v for v in (item.get("venue"), item.get("address")) if v)),
        Fact(ctx.t("detail.class_audience"), item.get("audience")),
        Fact(ctx.t("detail.class_capacity"), item.get("capacity")),
        Fact(ctx.t("detail.fee"), " ".join(v for v in (item.get("fee"), item.get("fee_detail")) if v)),
        Fact(ctx.t("detail.class_apply"), item.get("how_to_apply")),
        Fact(ctx.t("detail.class_contact"), " ".join(v for v in (section, phone) if v)),
        Fact(ctx.t("common.website"), item.get("url"), link=True),
    ], ctx.lang, section, phone))
    if start is not None:
        st.download_button(ctx.t("classes.ics"), calendar_ics([item], lang=ctx.lang), file_name=ics_filename(item),
                           mime="text/calendar", help=ctx.t("classes.ics_help"), icon="📅",
                           key=f"ics-detail-{item.id}", on_click="ignore")
    else:
        st.info(ctx.t("classes.ask", contact=" ".join(v for v in (section, phone) if v) or item.municipality))


def _facility(item: Item, ctx, section: str, phone: str) -> None:
    hours = "–".join(v for v in (item.get("open_time"), item.get("close_time")) if v)
    html(facts_html([
        Fact(ctx.t("detail.facility_type"), item.get("facility_type")),
        Fact(ctx.t("common.address"), " ".join(v for v in (item.get("address"), item.get("address_note")) if v)),
        Fact(ctx.t("detail.facility_days"), item.get("open_days")),
        Fact(ctx.t("detail.facility_hours"), " ".join(v for v in (hours, item.get("hours_note")) if v)),
        Fact(ctx.t("common.phone"), item.get("phone")),
        Fact(ctx.t("common.website"), item.get("url"), link=True),
    ], ctx.lang, section, phone))


RENDERERS = {"procedure": _procedure, "certificate": _certificate, "wifi": _wifi, "class": _class,
             "facility": _facility}


def render_detail(item: Item, ctx) -> None:
    """Heading, sample notice, summary, kind-specific facts, map link, source/checked/level, related items."""
    html(heading_html(item, ctx.lang, ctx.furigana))
    if item.is_sample:
        sample_notice(ctx)
    summary = item.get("summary_en") if ctx.lang == "en" and item.get("summary_en") else item.summary
    if summary and item.kind != "class":
        html(f"<p>{_esc(summary)}</p>")
    elif item.kind == "class" and item.get("description"):
        html(f"<p>{_esc(item.get('description'))}</p>")
    section, phone = contact(item, ctx.catalog)
    RENDERERS.get(item.kind, _facility)(item, ctx, section, phone)
    if item.get("note"):
        html(facts_html([Fact(ctx.t("detail.note"), item.get("note"))], ctx.lang))
    if item.has_point:
        st.markdown(f"[🗺️ {ctx.t('common.map_link')}](./map?{urlencode({'item': item.id})})")
    html(source_html(item, ctx.lang))
    related = [it for it in ctx.catalog.of_kind(item.kind, item.municipality_code) if it.id != item.id][:3]
    if related:
        with st.expander(ctx.t("detail.related")):
            for other in related:
                result_card(other, ctx, key="rel-", inline=True)


def _esc(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def item_view(ctx) -> bool:
    """If the URL has ?item=ID, show that item (with a close button) and return True."""
    item_id = st.query_params.get("item")
    if not item_id:
        return False
    item = ctx.catalog.get(item_id)
    if item is None:
        st.warning(ctx.t("detail.not_found", item=item_id))
        return False
    with st.container(border=True):
        st.button(f"✕ {ctx.t('common.close')}", on_click=close_item, key="close-item")
        render_detail(item, ctx)
    return True
