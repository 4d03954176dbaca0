"""くらしの出来事: the procedures a life event needs in the chosen city (finder.resident.life_events).

Each step shows at a glance how it can be done (online, at a store, by mail, at the counter: only what its
row says, unknown stays unknown) and, for a move, at which municipality (the one left or the one moved to).
"""

import streamlit as st

import ui
from finder.present.html import ask_text, md_escape
from finder.resident.channels import done_in_html, ways_html
from finder.resident.contact import whom_to_ask
from finder.resident.life_events import life_events, plan, ways
from ui.city import city_select
from ui.city_ask import ask_city_first
from ui.params import init_widget, mirror

ctx = ui.setup_page("nav.life_events")
catalog = ctx.catalog


st.title(f"🧭 {ctx.t('life.header')}")
st.markdown(ctx.t("life.intro"))
ui.item_view(ctx)
ask_city_first(ctx)  # a plan for some other city would mislead

events = {e.name: e for e in life_events(catalog.life_events)}
if not events:
    st.info(ctx.t("life.none"))
    st.stop()
names = list(events)

init_widget("event", "w_event", names[0], names)
col_event, col_city = st.columns([2, 1])
event = col_event.radio(ctx.t("life.event"), names, key="w_event", horizontal=True,
                        format_func=lambda e: events[e].label(ctx.lang))
city_name = city_select(ctx, "w_city_life", container=col_city, allow_all=False)
mirror("event", event, names[0])
city = catalog.municipality(city_name)
procedures = catalog.of_kind("procedure")
if city is not None:  # its national items (none for a city with curated procedures: those are listed already)
    known = {it.id for it in procedures}
    procedures += [it for it in catalog.of_kind("procedure", city.code) if it.id not in known]
label = ctx.city_label(city_name)

for step in plan(events[event], procedures, city.code if city else ""):
    st.markdown(f"#### {ctx.t('life.step', order=md_escape(str(step.number)))}")
    ui.html(done_in_html(step.step.done_in, label, ctx.lang) + ways_html(ways(step.item, ctx.now.date(), ctx.status_max_age), ctx.lang))
    if step.item is not None:
        ui.result_card(step.item, ctx, key=f"life-{step.number}-")
    else:
        name = step.name(ctx.lang)
        with st.container(border=True):
            st.markdown(f"**{md_escape(name)}**")
            st.markdown(ctx.t("life.missing", name=md_escape(name)) + " "
                        + md_escape(ask_text(ctx.lang, "", whom_to_ask([], city)[1])))
    note = step.step.note_in(ctx.lang)
    if note:
        st.caption(md_escape(note))
