"""スマホ教室: upcoming sessions in date order, programmes without dates, .ics downloads."""

import streamlit as st

import ui
from finder.catalog.cells import parse_date
from finder.present.html import card_html, md_escape
from finder.services.ics import calendar_ics, ics_filename
from ui.detail import contact
from ui.params import init_widget, mirror

ctx = ui.setup_page("nav.classes")
catalog = ctx.catalog
city_names = [m.name for m in catalog.municipalities]
today = ctx.now.date()
WEEKDAYS_JA = "月火水木金土日"


def month_label(ym: str) -> str:
    if not ym:
        return ctx.t("classes.all_months")
    year, month = ym.split("-")
    return f"{year}年{int(month)}月" if ctx.lang == "ja" else f"{year}-{month}"


st.title(f"📱 {ctx.t('classes.header')}")
ui.item_view(ctx)
init_widget("city", "w_city_classes", "", ["", *city_names], normalize=ctx.city_name)
col_city, col_month = st.columns(2)
city = col_city.selectbox(ctx.t("search.city"), ["", *city_names], key="w_city_classes",
                          format_func=lambda c: ctx.city_label(c) if c else ctx.t("common.all_cities"))
mirror("city", city)

classes = catalog.of_kind("class", city or None)
dated = [(parse_date(it.get("start_date")), it) for it in classes]
upcoming = sorted(((d, it) for d, it in dated if d is not None and (parse_date(it.get("end_date")) or d) >= today),
                  key=lambda p: (p[0], p[1].get("start_time") or "99:99", p[1].municipality, p[1].id))
undated = [it for d, it in dated if d is None]
months = sorted({d.strftime("%Y-%m") for d, _ in upcoming})
init_widget("month", "w_month", "", ["", *months])
month = col_month.selectbox(ctx.t("classes.month"), ["", *months], key="w_month", format_func=month_label)
mirror("month", month)
if month:
    upcoming = [(d, it) for d, it in upcoming if d.strftime("%Y-%m") == month]

st.header(ctx.t("classes.upcoming"))
if not upcoming:
    st.info(ctx.t("classes.no_upcoming"))
else:
    st.download_button(ctx.t("classes.ics_all"), calendar_ics([it for _, it in upcoming], lang=ctx.lang),
                       file_name="smartphone-classes.ics", mime="text/calendar", help=ctx.t("classes.ics_help"),
                       icon="📅", key="ics-all", on_click="ignore")
for day, it in upcoming:
    times = "–".join(v for v in (it.get("start_time"), it.get("end_time")) if v) or ctx.t("classes.time_unknown")
    weekday = WEEKDAYS_JA[day.weekday()] if ctx.lang == "ja" else day.strftime("%a")
    with st.container(border=True):
        st.markdown(f"**📅 {day.isoformat()} ({weekday}) {md_escape(times)}**")
        ui.html(card_html(it, ctx.lang, ctx.furigana, city=ctx.city_label(it.municipality_code)))
        cols = st.columns(2)
        with cols[0]:
            ui.open_button(it, ctx)
        cols[1].download_button(ctx.t("classes.ics"), calendar_ics([it], lang=ctx.lang), file_name=ics_filename(it),
                                mime="text/calendar", help=ctx.t("classes.ics_help"), icon="📅",
                                key=f"ics-{it.id}", on_click="ignore")

st.header(ctx.t("classes.undated"))
for it in undated:
    section, phone = contact(it, catalog)
    with st.container(border=True):
        ui.html(card_html(it, ctx.lang, ctx.furigana, city=ctx.city_label(it.municipality_code)))
        st.markdown(ctx.t("classes.ask", contact=md_escape(" ".join(v for v in (section, phone) if v) or it.municipality)))
        ui.open_button(it, ctx, key="undated-")
