"""スマホ教室: upcoming sessions in date order, programmes without dates, .ics downloads."""

import streamlit as st

import ui
from finder.present.html import card_html, md_escape
from finder.present.i18n import weekday_label
from finder.services import classes
from finder.services.contact import whom_to_ask
from finder.services.ics import calendar_ics, ics_filename
from ui.params import init_widget, mirror

ctx = ui.setup_page("nav.classes")
catalog = ctx.catalog
city_names = [m.name for m in catalog.municipalities]
today = ctx.now.date()


def month_label(ym: str) -> str:
    if not ym:
        return ctx.t("classes.all_months")
    year, month = ym.split("-")
    return ctx.t("classes.month_label", year=year, month=int(month))


st.title(f"📱 {ctx.t('classes.header')}")
ui.item_view(ctx)
init_widget("city", "w_city_classes", "", ["", *city_names], normalize=ctx.city_name)
col_city, col_month = st.columns(2)
city = col_city.selectbox(ctx.t("search.city"), ["", *city_names], key="w_city_classes",
                          format_func=lambda c: ctx.city_label(c) if c else ctx.t("common.all_cities"))
mirror("city", city)

upcoming = classes.upcoming(catalog.items, today, city or None)
undated = classes.undated(catalog.items, city or None)
months = sorted({s.start.strftime("%Y-%m") for s in upcoming})
init_widget("month", "w_month", "", ["", *months])
month = col_month.selectbox(ctx.t("classes.month"), ["", *months], key="w_month", format_func=month_label)
mirror("month", month)
if month:
    upcoming = [s for s in upcoming if s.start.strftime("%Y-%m") == month]

st.header(ctx.t("classes.upcoming"))
if not upcoming:
    st.info(ctx.t("classes.no_upcoming"))
else:
    st.download_button(ctx.t("classes.ics_all"), calendar_ics([s.item for s in upcoming], lang=ctx.lang),
                       file_name="smartphone-classes.ics", mime="text/calendar", help=ctx.t("classes.ics_help"),
                       icon="📅", key="ics-all", on_click="ignore")
for session in upcoming:
    it, day = session.item, session.start
    times = session.times or ctx.t("classes.time_unknown")
    weekday = weekday_label(day, ctx.lang)
    with st.container(border=True):
        st.markdown(f"**📅 {day.isoformat()} ({md_escape(weekday)}) {md_escape(times)}**")
        ui.html(card_html(it, ctx.lang, ctx.furigana, city=ctx.city_label(it.municipality_code)))
        cols = st.columns(2)
        with cols[0]:
            ui.open_button(it, ctx)
        cols[1].download_button(ctx.t("classes.ics"), calendar_ics([it], lang=ctx.lang), file_name=ics_filename(it),
                                mime="text/calendar", help=ctx.t("classes.ics_help"), icon="📅",
                                key=f"ics-{it.id}", on_click="ignore")

st.header(ctx.t("classes.undated"))
for it in undated:
    section, phone = whom_to_ask([it], catalog.municipality(it.municipality_code))
    with st.container(border=True):
        ui.html(card_html(it, ctx.lang, ctx.furigana, city=ctx.city_label(it.municipality_code)))
        st.markdown(ctx.t("classes.ask", contact=md_escape(" ".join(v for v in (section, phone) if v) or it.municipality)))
        ui.open_button(it, ctx, key="undated-")
