"""くらしの出来事: the procedures a life event needs in the chosen city, from catalog.life_events."""

import streamlit as st

import ui
from finder.catalog.schema import LIFE_EVENTS
from finder.present.html import md_escape
from ui.params import init_widget, mirror

ctx = ui.setup_page("nav.life_events")
catalog = ctx.catalog
city_names = [m.name for m in catalog.municipalities]


st.title(f"🧭 {ctx.t('life.header')}")
st.markdown(ctx.t("life.intro"))
ui.item_view(ctx)

steps_by_event: dict[str, list] = {}
event_en: dict[str, str] = {}
for step in catalog.life_events:
    steps_by_event.setdefault(step.event, []).append(step)
    event_en[step.event] = step.event_en
events = [e for e in LIFE_EVENTS if e in steps_by_event] + [e for e in steps_by_event if e not in LIFE_EVENTS]
if not events:
    st.info(ctx.t("life.none"))
    st.stop()

init_widget("event", "w_event", events[0], events)
init_widget("city", "w_city_life", city_names[0], city_names, normalize=ctx.city_name)
col_event, col_city = st.columns([2, 1])
event = col_event.radio(ctx.t("life.event"), events, key="w_event", horizontal=True,
                        format_func=lambda e: event_en.get(e, e) if ctx.lang == "en" else e)
city_name = col_city.selectbox(ctx.t("search.city"), city_names, key="w_city_life", format_func=ctx.city_label)
mirror("event", event, events[0])
mirror("city", city_name)
city = catalog.municipality(city_name)

procs = catalog.of_kind("procedure", city_name)
by_key = {it.get("procedure_key"): it for it in procs}
any_city = {}
for it in catalog.of_kind("procedure"):
    any_city.setdefault(it.get("procedure_key"), it)

for n, step in enumerate(sorted(steps_by_event.get(event, []), key=lambda s: s.order), start=1):
    item = by_key.get(step.procedure_key)
    st.markdown(f"#### {ctx.t('life.step', order=n)}")
    if item is not None:
        ui.result_card(item, ctx, key=f"life-{n}-")
    else:
        other = any_city.get(step.procedure_key)
        name = (other.title_en or other.title if ctx.lang == "en" else other.title) if other else step.procedure_key
        phone = city.phone if city and city.phone else ""
        with st.container(border=True):
            st.markdown(f"**{md_escape(name)}**")
            st.markdown(ctx.t("life.missing", name=md_escape(name)) + " "
                        + (ctx.t("common.ask_city_phone", section="", phone=md_escape(phone)).replace("（ ", "（").replace("( ", "(")
                           if phone else ctx.t("common.ask_city")))
    if step.note:
        st.caption(md_escape(step.note))
