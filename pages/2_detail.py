"""Detail of one item (?item=ID), any kind; without an item, a picker by city and kind."""

import streamlit as st

import ui
from finder.model import KINDS
from finder.present.html import display_title, md_escape
from ui.city import city_select
from ui.components import back_link

ctx = ui.setup_page("nav.detail")
catalog = ctx.catalog

item_id = st.query_params.get("item")
item = catalog.get(item_id) if item_id else None

if item is not None:
    back_link(ctx)
    ui.render_detail(item, ctx)
else:
    st.title(ctx.t("detail.header"))
    if item_id:
        st.warning(ctx.t("detail.not_found", item=md_escape(item_id)))
    col_city, col_kind = st.columns(2)
    city = city_select(ctx, "d_city", container=col_city, allow_all=False)
    kind = col_kind.selectbox(ctx.t("search.kind"), KINDS, key="d_kind", format_func=lambda k: ctx.t(f"kind.{k}"),
                          placeholder=ctx.t("common.choose"))
    choices = catalog.of_kind(kind, city)
    chosen = st.selectbox(ctx.t("detail.pick"), [it.id for it in choices], index=None, key="d_item",
                          placeholder=ctx.t("detail.pick_placeholder"),
                          format_func=lambda i: display_title(catalog.get(i), ctx.lang))
    if chosen:
        ui.open_item(chosen)
        st.rerun()
