"""A municipality's digital picture on the home page (finder.national.picture), in one expander a staff
member opens with one tap (``?picture=1`` opens it already). Its content is drawn only while it is open. Numbers are said in words beside the chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from finder.national.picture import picture
from finder.present.format import year_month
from finder.present.html import md_escape
from ui.components import open_item


def show_picture(ctx, code: str) -> None:
    found = picture(code)
    if found is None or ctx.city is None:
        return
    name = ctx.city.city_label(ctx.lang)
    expanded = st.query_params.get("picture") == "1"
    # Drawn only while open: a closed expander's chart would still load and draw the chart library on every
    # first visit to a city's home page (about 0.8 s of a phone's page load, bench.pageload).
    box = st.expander(ctx.t("picture.button", city=name), expanded=expanded, icon="📊", key=f"dxf_picture_{code}",
                      on_change="rerun")
    if not box.open:
        return
    with box:
        st.markdown(f"**{md_escape(ctx.t('picture.online', total=found.total, city=name, online=found.online))}**")
        series = {ctx.t("picture.series.city", city=name): found.online,
                  ctx.t("picture.series.prefecture", prefecture=found.prefecture): found.prefecture_average,
                  ctx.t("picture.series.national"): found.national_average}
        label = ctx.t("picture.chart_label")
        st.bar_chart(pd.DataFrame({label: list(series.values())}, index=list(series)), horizontal=True,
                     x_label=label, height=180)
        st.caption(" · ".join(md_escape(f"{k}: {v:g}") for k, v in series.items()))
        if found.card_rate:
            when = year_month(found.card_as_of, ctx.lang) or found.card_as_of
            st.markdown(md_escape(ctx.t("picture.card_rate", rate=found.card_rate, date=when)))
        else:
            st.markdown(md_escape(ctx.t("picture.card_rate_unknown")))
        online = [it for it in ctx.catalog.of_kind("procedure", code) if it.get("online_status") == "available"]
        if online:
            with st.popover(ctx.t("picture.items")):
                for it in online:
                    title = it.title_en if ctx.lang == "en" and it.title_en else it.title
                    st.button(title, key=f"pic-{it.id}", on_click=open_item, args=(it.id,), type="tertiary")
        st.caption(md_escape(ctx.t("picture.credit", credit=found.list_credit)))
        st.caption(md_escape(ctx.t("picture.credit", credit=found.card_credit)))
