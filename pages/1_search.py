"""Home / search: one search box, kind and city filters, result cards; ?item=ID opens the detail inline.

The home page opens by asking where the person lives (ui.city); the city scopes everything below. An
open item replaces the search form, so on a phone the detail starts at the top of the screen.
"""

import streamlit as st

import ui
from finder.live.suggest import nearest_terms, suggested_items
from finder.model import KINDS
from finder.present.html import md_escape
from finder.present.match import explain_matches
from finder.resident.life_events import life_events
from ui import routes as pages
from ui.city import city_select, city_value, current, is_chosen, set_city
from ui.params import init_widget, mirror
from ui.picture import show_picture

# Cards drawn at first (and added by 「もっと見る」): each card is two elements, each element a message to the
# browser, so the first screenful and a margin are drawn, not a long list below the fold.
RESULT_LIMIT = 10
MAX_RESULTS = 200
KIND_CHOICES = ("all", *KINDS)
FILTERS = "w_filters"  # the filters' expander: unfolded or not

ctx = ui.setup_page("nav.search")


def _set_query(term: str) -> None:
    st.session_state["w_q"] = term
    ui.close_item()


def _show_more() -> None:
    st.session_state["shown"] = st.session_state.get("shown", RESULT_LIMIT) + RESULT_LIMIT


def _reset_shown() -> None:
    st.session_state["shown"] = RESULT_LIMIT
    ui.close_item()


def _clear_city() -> None:
    set_city(None)


def _scope(city: str, kinds: set[str] | None) -> list:
    """Every item in the chosen city (its national items when it has no curated rows), or all items."""
    catalog = ctx.catalog  # the fragment's fresh one, not the last full run's
    if not city:
        return [it for it in catalog.items if kinds is None or it.kind in kinds]
    return [it for kind in KINDS if kinds is None or kind in kinds for it in catalog.of_kind(kind, city)]


@st.fragment
def search_area() -> None:
    """Search box, filters and results: typing reruns only this part (st.fragment), not the navigation,
    sidebar and styles around it. Catalog and clock are taken afresh on each run of the fragment, so a
    reload and the time of day (opening hours) are never those of an earlier keystroke."""
    ctx.catalog = ctx.store.catalog or ctx.catalog
    ctx.now = ui.now()
    catalog = ctx.catalog
    if current() != ctx.city:  # the city changed in this part: the header above shows it too
        st.rerun(scope="app")
    item_id = st.query_params.get("item")
    item = catalog.get(item_id) if item_id else None
    if item is not None:  # the detail first, not below the search form
        st.button(f"← {ctx.t('common.back')}", on_click=ui.close_item, key="back")
        with st.container(border=True):
            ui.render_detail(item, ctx)
        return

    init_widget("q", "w_q", "")
    init_widget("kind", "w_kind", "all", KIND_CHOICES)
    st.title(f"🔎 {ctx.t('app.title')}")
    if not (st.session_state.get("w_q") or "").strip():  # with results, the first one comes sooner
        st.caption(ctx.t("app.tagline"))
    q = st.text_input(ctx.t("search.box"), key="w_q", help=ctx.t("search.box_help"), live=True, max_chars=200,
                      on_change=_reset_shown, icon="🔎")
    kind_now = st.session_state.get("w_kind", "all")
    where = ctx.city.city_label(ctx.lang) if ctx.city is not None else ctx.t("common.all_cities")
    # The filters are drawn only while unfolded: folded (as a page opens), their label says what they are set to,
    # and two widgets fewer go to the browser on every keystroke and every first visit.
    # The label names the choice, so a new choice is a new expander to Streamlit: it opens as the last one was.
    filters = st.expander(ctx.t("city.filters", kind=ctx.t(f"kind.{kind_now}"), city=where), icon="⚙️",
                          expanded=bool(st.session_state.get(FILTERS)), key=FILTERS, on_change="rerun")
    if filters.open:
        with filters:
            kind = st.radio(ctx.t("search.kind"), KIND_CHOICES, key="w_kind", horizontal=True,
                            on_change=_reset_shown, format_func=lambda k: ctx.t(f"kind.{k}"))
            city = city_select(ctx, "w_city")
    else:
        kind, city = kind_now, city_value(ctx)
    mirror("q", (q or "").strip())
    mirror("kind", kind, "all")
    if item_id and item is None:
        st.warning(ctx.t("detail.not_found", item=md_escape(item_id)))

    kinds = None if kind == "all" else {kind}
    if (q or "").strip():
        shown = st.session_state.get("shown", RESULT_LIMIT)
        # Every real match (search stops at its relevance floor), so the count is the number found.
        found = ui.search(catalog, q, municipality=city or None, kinds=kinds, limit=MAX_RESULTS + 1)
        if found:
            more = len(found) > shown
            hits = found[:shown]
            count = f"{MAX_RESULTS}+" if len(found) > MAX_RESULTS else len(found)
            ui.result_count(ctx.t("search.results", count=count), "w_q")
            for hit in hits:
                ui.result_card(hit.item, ctx, matched=explain_matches(hit.matches, ctx.lang, ctx.city_label),
                               inline=True)
            if more:
                st.button(ctx.t("search.more"), key="more", on_click=_show_more)
        else:
            ui.search_first("w_q")
            st.info(ctx.t("search.no_results", query=md_escape(q.strip()[:60])), icon="ℹ️")
            ui.announce(ctx.t("search.results", count=0))
            city_code = catalog.municipality(city).code if city else ""
            if city and catalog.search(q, kinds=kinds, limit=1):
                st.button(f"{ctx.t('search.suggest_other_city')}: {ctx.t('common.all_cities')}", on_click=_clear_city,
                          key="other-city")
            terms = nearest_terms(catalog, q, city_code)
            if terms:
                st.markdown(f"**{ctx.t('search.suggest_terms')}**")
                cols = st.columns(min(len(terms), 5))
                for i, term in enumerate(terms):
                    cols[i % len(cols)].button(term, key=f"sugg-{i}", on_click=_set_query, args=(term,))
            st.markdown(f"**{ctx.t('search.suggest_popular')}**")
            for it in suggested_items(catalog, city_code):
                ui.result_card(it, ctx, key="pop-", inline=True)
    else:
        # Landing view: where do you live, shortcuts to the task pages, then the items in scope.
        ui.search_first("w_q")
        asking = not is_chosen()
        if asking:
            ui.city_question(ctx)
        elif ctx.city is not None and not ctx.city.curated:
            st.info(ctx.t("national.explain", city=md_escape(ctx.city.city_label(ctx.lang))), icon="ℹ️")
        if ctx.city is not None:
            show_picture(ctx, ctx.city.code)
        st.markdown(f"**{ctx.t('search.shortcuts')}**")
        shortcuts = [pages.CONBINI, pages.LIFE_EVENTS, pages.CLASSES, pages.MAP]
        for col, page in zip(st.columns(len(shortcuts)), shortcuts):
            with col:
                ui.page_link(page, ctx.t(page.title_key), page.icon, city=city)
        events = life_events(catalog.life_events)
        if events:
            st.markdown(f"**{ctx.t('life.header')}**")
            for col, event in zip(st.columns(len(events)), events):
                with col:
                    ui.page_link(pages.LIFE_EVENTS, event.label(ctx.lang), None, event=event.name, city=city)
        if asking and kinds is None:  # the items come with the answer (or 「すべての市区町村を見る」)
            return
        scope = _scope(city, kinds)
        st.markdown(f"**{ctx.t('search.results_all', count=len(scope))}**")
        shown = st.session_state.get("shown", RESULT_LIMIT)
        for it in scope[:shown]:
            ui.result_card(it, ctx, inline=True)
        if len(scope) > shown:
            st.button(ctx.t("search.more"), key="more", on_click=_show_more)


search_area()
