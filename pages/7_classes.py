"""スマホ教室: upcoming sessions in date order, programmes without dates, .ics downloads.

Sample rows are examples, never events: they are not under 「これからの教室」 and have no calendar button;
they wait in a closed section of their own. When no session is known, the page says so and says whom to ask.
"""

import streamlit as st

import ui
from finder.i18n import weekday_label
from finder.present.html import md_escape
from finder.resident import classes
from finder.resident.answer import next_step
from finder.resident.answer_html import next_step_html
from finder.resident.card import card_html
from finder.resident.ics import calendar_ics, ics_filename
from ui.city import city_select
from ui.params import init_widget, mirror

ctx = ui.setup_page("nav.classes")
catalog = ctx.catalog
today = ctx.now.date()


def month_label(ym: str) -> str:
    if not ym:
        return ctx.t("classes.all_months")
    year, month = ym.split("-")
    return ctx.t("classes.month_label", year=year, month=int(month))


def ask_city(name: str, lead: str) -> None:
    """No known class: say so once, then whom to ask (the section and phone the city's class rows name, else the
    city's number, as a tappable link) and the city's site."""
    with st.container(border=True):
        st.markdown(f"**{lead}**")
        step = next_step(classes.real_classes(catalog.items, name), catalog.municipality(name), ctx.lang)
        ui.html(next_step_html(step, ctx.lang))


st.title(f"📱 {ctx.t('classes.header')}")
ui.item_view(ctx)
col_city, col_month = st.columns(2)
city = city_select(ctx, "w_city_classes", container=col_city)

known = classes.upcoming(catalog.items, today, city or None)
undated = classes.undated(catalog.items, city or None)
months = sorted({s.start.strftime("%Y-%m") for s in known})
init_widget("month", "w_month", "", ["", *months])
month = col_month.selectbox(ctx.t("classes.month"), ["", *months], key="w_month", format_func=month_label,
                            placeholder=ctx.t("common.choose"))
mirror("month", month)
upcoming = [s for s in known if s.start.strftime("%Y-%m") == month] if month else known

st.header(ctx.t("classes.upcoming"))
if not known:
    if city:
        ask_city(city, ctx.t("classes.none_known", city=md_escape(ctx.city_label(city))))
    else:
        st.info(ctx.t("classes.none_known_all"))
        for name in (m.name for m in catalog.curated_municipalities):
            ask_city(name, md_escape(ctx.city_label(name)))
elif not upcoming:
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
for it in undated:  # the card's answer says the date is not known, and whom to ask
    ui.result_card(it, ctx, key="undated-")

examples = classes.samples(catalog.items, city or None)
if examples:
    with st.expander(ctx.t("classes.samples", n=len(examples)), expanded=False):
        st.caption(ctx.t("classes.samples_note"))
        for it in examples:
            ui.html(card_html(it, ctx.lang, ctx.furigana, city=ctx.city_label(it.municipality_code)))
