"""Map page: Wi-Fi sites, class venues and facilities on one map, and "near a point" lists.

The start point can be typed (an address or a town name: the gazetteer's town point, credited), clicked on
the map or picked from the facilities. The nearest places come first, as a list with walking minutes, so the
answer does not depend on the map: when the map or its background cannot load, the page says so and opens
the plain list of everything on the map.
"""

import streamlit as st
from streamlit_folium import st_folium

import ui
from finder.municipalities.start import CREDIT, CREDIT_EN, MAX_TEXT, locate_start
from finder.present import js_snippets
from finder.present.html import display_title, md_escape
from finder.resident import mapview, nearby, place_text
from finder.resident.mapview import LAYERS
from ui.city import city_select

ctx = ui.setup_page("nav.map")
lang = ctx.lang
catalog = ctx.catalog
ss = st.session_state
HOW = ("address", "click", "facility")


def _on_map_change() -> None:
    """Store a map click as the chosen point (runs before the page, so this run already uses it)."""
    point = mapview.point_from_map_value(ss.get("map_widget"))
    if point is not None:
        ss["map_point"] = point
        ss.pop("map_point_label", None)
        ss["map_how"] = "click"


# A link from a detail view (?city=…&focus=ID) opens the map on that city (ui.city), with that place as the point.
focus = catalog.get(st.query_params.get("focus", ""))
if focus is not None and focus.has_point and ss.get("map_focus") != focus.id:
    ss["map_focus"] = focus.id
    ss["map_point"] = (focus.lat, focus.lon)
    ss["map_point_label"] = display_title(focus, lang)
    ss["map_how"] = "click"

st.title(ctx.t("nav.map"))

# --- near a point: the question people come with, first ----------------------------------------------
st.subheader(ctx.t("map.near_title"))
left, right = st.columns([1, 2])
city = city_select(ctx, "map_city", container=left, by_code=True, label=ctx.t("map.city"))
ss.setdefault("map_how", "address")
how = right.radio(ctx.t("map.near_how"), HOW, key="map_how", horizontal=True,
                  format_func=lambda h: {"address": ctx.t("map.by_address"), "click": ctx.t("map.by_click"),
                                         "facility": ctx.t("map.by_facility")}[h])
# The layer switches are read before the map section draws them, so the near list follows them too.
kinds = [layer.kind for layer in LAYERS if ss.get(f"map_layer_{layer.kind}", True)]
near_kinds = [k for k in nearby.NEAR_KINDS if k in kinds] or list(nearby.NEAR_KINDS)
origin: tuple[float, float] | None = None
origin_label = ""
exclude = None
town_point = False
if how == "address":
    typed = st.text_input(ctx.t("map.address"), key="map_address", max_chars=MAX_TEXT,
                          placeholder=ctx.t("map.address_example"), help=ctx.t("map.address_help"))
    if (typed or "").strip():
        # The catalog's own cities, and the resident's when an open-data import added it (江東区's Wi-Fi list):
        # another imported city's bare name (中央区) does not swallow a town name such as 中央.
        places = catalog.curated_municipalities + [m for m in catalog.municipalities
                                                   if m.code == city and m not in catalog.curated_municipalities]
        found = locate_start(typed, places, city)
        if not found:
            st.warning(ctx.t("map.not_found", text=md_escape(typed.strip()[:40])), icon="🔎")
        else:
            labels = {p.label: p for p in found}
            if len(found) > 1:
                chosen = st.selectbox(ctx.t("map.candidates", n=len(found)), list(labels), key="map_candidate",
                                      placeholder=ctx.t("common.choose"))
            else:
                chosen = found[0].label
            point = labels.get(chosen, found[0])
            origin, origin_label, town_point = (point.lat, point.lon), point.label, True
elif how == "facility":
    facilities = [it for it in catalog.of_kind("facility", city or None) if it.has_point]
    fac_id = st.selectbox(ctx.t("map.facility"), [""] + [f.id for f in facilities], key="map_facility",
                          placeholder=ctx.t("common.choose"),
                          format_func=lambda i: "—" if not i else display_title(catalog.get(i), lang))
    st.caption(ctx.t("map.stations_note"))
    if fac_id:
        fac = catalog.get(fac_id)
        origin, origin_label, exclude = (fac.lat, fac.lon), display_title(fac, lang), fac.id
else:
    st.caption(ctx.t("map.click_hint"))
    if ss.get("map_point"):
        origin, origin_label = ss["map_point"], ss.get("map_point_label") or ctx.t("map.clicked")
        st.button(ctx.t("map.clear"), key="map_clear",
                  on_click=lambda: [ss.pop(k, None) for k in ("map_point", "map_point_label")])

near = nearby.nearest_places(catalog.items, *origin, kinds=near_kinds, limit=5, exclude_id=exclude,
                              today=ctx.now.date()) if origin else []

# --- nearest list: the answer, before the map --------------------------------------------------------
if origin:
    st.subheader(ctx.t("map.near_list", place=md_escape(origin_label)))
    if town_point:
        st.caption(ctx.t("map.town_point", credit=CREDIT_EN if lang == "en" else CREDIT))
    if not near:
        st.info(ctx.t("map.none_near"))
    for rank, hit in enumerate(near, start=1):
        ui.result_card(hit.item, ctx, note=f"{rank}. {place_text.walk_text(hit, lang)}", key=f"near{rank}-")

# --- the map -----------------------------------------------------------------------------------------
st.subheader(ctx.t("map.on_map"))
ui.html(mapview.legend_html(LAYERS, lang))
st.write(ctx.t("map.layers"))
cols = st.columns(len(LAYERS))
kinds = [layer.kind for layer, col in zip(LAYERS, cols)
         if col.checkbox(f"{layer.mark(lang)} {layer.label(lang)}", value=True, key=f"map_layer_{layer.kind}")]
# Shown only when the browser finds the map or its background did not load (finder.present.js_snippets.map_watch).
with st.container(key="map_failed"):
    st.warning(ctx.t("map.failed"), icon="🗺️")
with st.container(key="map_tiles_failed"):
    st.warning(ctx.t("map.tiles_failed"), icon="🗺️")
tiles, attribution = mapview.tiles_from_env()
city_code = city or None
# A city without places on the map: centre on its town hall (national table), and say so.
centre, zoom = None, None
office = ctx.city if ctx.city is not None and ctx.city.code == city_code else None
if origin is None and office is not None and office.lat is not None and not any(mapview.mappable(catalog.items, kinds, city_code).values()):
    centre, zoom = (office.lat, office.lon), 13
    st.info(ctx.t("city.map_office", city=md_escape(office.city_label(lang))), icon="ℹ️")
link_params = {**ui.display_params(), "city": city_code or ""}
built = mapview.build_map(catalog.items, kinds=kinds, city_code=city_code, lang=lang, tiles=tiles,
                          attribution=attribution, origin=origin, near=near, today=ctx.now.date(),
                          center=centre, zoom=zoom, link_params=link_params)
st_folium(built.fmap, key="map_widget", height=520, use_container_width=True, returned_objects=["last_clicked"],
          on_change=_on_map_change)
st.html(js_snippets.map_watch("map_list"), unsafe_allow_javascript=True)
st.caption(ctx.t("map.credit") if tiles else ctx.t("map.tiles_off"))
missing = sum(built.without_point.values())
if missing:
    st.caption(ctx.t("map.no_point", n=missing))

# --- plain list of what is on the map (for screen readers and when the map cannot load) --------------
with st.container(key="map_list"), st.expander(ctx.t("map.list")):
    per_kind = mapview.mappable(catalog.items, kinds, city_code)
    rows = []
    for layer in LAYERS:
        for it in per_kind.get(layer.kind, []):
            position = ctx.t("map.approx_short") if it.coord_precision == "town" else ctx.t("map.exact")
            rows.append({ctx.t("map.kind"): f"{layer.mark(lang)} {layer.label(lang)}",
                         ctx.t("map.name"): display_title(it, lang), ctx.t("common.city"): ctx.city_label(it.municipality),
                         ctx.t("common.address"): it.get("address"), ctx.t("map.position"): position})
    st.dataframe(rows, hide_index=True, width="stretch")
