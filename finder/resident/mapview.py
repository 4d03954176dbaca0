"""The map: layers, legend, popups and markers as folium objects, clustering choice.

Pure (no Streamlit): returns folium objects and plain data, so tests can render the HTML.

Safety: every piece of catalog text that reaches the map goes through ``finder.present.html.esc``, which
also neutralises what folium's JavaScript template literals and branca's second Jinja pass would read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import folium
from branca.element import CssLink, Element, JavascriptLink
from folium.elements import JSCSSMixin
from folium.map import Layer as _FoliumLayer
from folium.plugins import MarkerCluster
from folium.template import Template

from finder import settings, urls
from finder.geo import Nearby
from finder.i18n import t
from finder.model import Item
from finder.present.html import display_title, esc
from finder.resident.place_text import detail_lines, walk_text

# Above this many markers in one layer, markers are built in the browser (FastMarkerCluster):
# one JSON array instead of one JS object per marker keeps 5,000+ markers responsive.
FAST_CLUSTER_MIN = 300
# Below this many markers a layer is not clustered at all.
CLUSTER_MIN = 12
DEFAULT_TILES = "OpenStreetMap"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
# Leaflet and Leaflet.markercluster ship with the app (static/, which Streamlit serves at /app/static/), so the
# map works on a kiosk without internet and residents' browsers ask no CDN. folium's other extras (jQuery,
# Bootstrap, Font Awesome, awesome-markers) are not used by this map and are left out.
STATIC_URL = "/app/static/"
STATIC_ASSETS = ("leaflet.js", "leaflet.css", "leaflet.markercluster.js", "MarkerCluster.css",
                 "MarkerCluster.Default.css")
# Centre of the five cities' bounding box, used when there is nothing to show.
FALLBACK_CENTER = (36.6, 140.2)


@dataclass(frozen=True)
class MapLayer:
    """One map layer. ``shape`` and ``symbol`` make each layer recognisable without colour."""

    kind: str
    shape: str  # circle | square | diamond
    symbol: str  # short text drawn inside the marker and in the legend (Japanese UI)
    color: str
    symbol_en: str = ""  # the same in the English UI (a letter: no kanji on an English map)

    def label(self, lang: str = "ja") -> str:
        return t(f"map.layer.{self.kind}", lang)

    def mark(self, lang: str = "ja") -> str:
        """The symbol in the UI language."""
        return (self.symbol_en or self.symbol) if lang == "en" else self.symbol


LAYERS: tuple[MapLayer, ...] = (
    MapLayer("wifi", "circle", "W", "#0b5394"),
    MapLayer("class", "square", "教", "#7f3f00", "C"),
    MapLayer("facility", "diamond", "施", "#274e13", "F"),
)
LAYER_BY_KIND = {layer.kind: layer for layer in LAYERS}


def tiles_from_env(env: Mapping[str, str] | None = None) -> tuple[str | None, str | None]:
    """(tiles, attribution): OpenStreetMap by default; ``DXFINDER_MAP_TILES=none`` draws no tiles (offline
    kiosk); any other value is a tile URL template (https, or the app's own static/tiles under /app/static/)
    that needs ``DXFINDER_MAP_ATTRIBUTION``."""
    value = settings.get("map_tiles", env=env)
    if not value:
        return DEFAULT_TILES, OSM_ATTRIBUTION
    if value.lower() == "none":
        return None, None
    attribution = settings.get("map_attribution", env=env)
    if not value.startswith(("https://", STATIC_URL)) or ".." in value or not attribution:
        return DEFAULT_TILES, OSM_ATTRIBUTION
    return value, esc(attribution)


def popup_html(item: Item, lang: str = "ja", base_url: str = "/", today: dt.date | None = None,
               extra: str = "", link_params: Mapping[str, str] | None = None) -> str:
    """Popup HTML for one item. Every catalog value is escaped; ``extra`` must already be safe HTML.
    ``link_params`` go on the item link (display settings, city: the link opens a new session)."""
    layer = LAYER_BY_KIND.get(item.kind)
    kind_label = layer.label(lang) if layer else item.kind
    rows = [f'<div class="dxf-popup" lang="{esc(lang)}" style="font-size:15px;line-height:1.45;max-width:280px">',
            f"<strong>{esc(display_title(item, lang))}</strong>",
            f'<br><span>{esc(kind_label)} · {esc(item.municipality)}</span>']
    for label, value in detail_lines(item, lang, today):
        rows.append(f"<br><span>{esc(label)}: {esc(value)}</span>")
    if item.coord_precision == "town":
        rows.append(f'<br><em>※ {esc(t("map.approx", lang))}</em>')
    if extra:
        rows.append(f"<br>{extra}")
    link = urls.item(item.id, base_url, **(link_params or {}))
    rows.append(f'<br><a href="{esc(link)}" target="_top">{esc(t("map.detail", lang))} ›</a>')
    rows.append("</div>")
    return "".join(rows)


def tooltip_text(item: Item, lang: str = "ja") -> str:
    text = display_title(item, lang)
    if item.coord_precision == "town":
        text += f" ({t('map.approx_tooltip', lang)})"
    return esc(text)


# --- markers and legend ----------------------------------------------------------------------------

_SHAPE_CSS = {
    "circle": "border-radius:50%;",
    "square": "border-radius:3px;",
    "diamond": "transform:rotate(45deg);border-radius:3px;",
}


def marker_html(layer: MapLayer, label: str = "", size: int = 26, lang: str = "ja") -> str:
    """DivIcon HTML: works without icon fonts (offline kiosk); ``label`` must be static text, not catalog text."""
    inner = esc(label or layer.mark(lang))
    turn = "transform:rotate(-45deg);" if layer.shape == "diamond" else ""
    return (f'<div style="width:{size}px;height:{size}px;background:{layer.color};color:#fff;'
            f'border:2px solid #fff;box-shadow:0 0 0 1px #000;{_SHAPE_CSS[layer.shape]}'
            f'display:flex;align-items:center;justify-content:center;font:bold 13px/1 sans-serif">'
            f'<span style="{turn}">{inner}</span></div>')


def legend_html(layers: Sequence[MapLayer] = LAYERS, lang: str = "ja") -> str:
    """Legend: shape + symbol + text for each layer (not colour alone)."""
    items = "".join(
        f'<li style="display:flex;align-items:center;gap:8px;margin:4px 0">'
        f'{marker_html(layer, size=20, lang=lang)}<span>{esc(layer.mark(lang))} = {esc(layer.label(lang))}</span></li>'
        for layer in layers)
    return (f'<div class="dxf-legend" role="region" aria-label="{esc(t("map.legend", lang))}" '
            f'style="background:#fff;color:#000;padding:8px 10px;border:2px solid #000;border-radius:6px;'
            f'font:14px/1.3 sans-serif"><strong>{esc(t("map.legend", lang))}</strong>'
            f'<ul style="list-style:none;margin:4px 0 0;padding:0">{items}</ul></div>')


class _RawScript(Element):
    """Script text added to the figure as is, never compiled as a Jinja template."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _Legend(folium.MacroElement):
    """Fixed legend box in the map's bottom-left corner (added as raw HTML, see JsonMarkerLayer)."""

    _template = Template(
        "{% macro html(this, kwargs) %}"
        '<div style="position:absolute;left:10px;bottom:40px;z-index:1000">{{ this.content }}</div>'
        "{% endmacro %}")

    def __init__(self, content: str):
        super().__init__()
        self._name = "Legend"
        self.content = content

    def render(self, **kwargs) -> None:
        html_text = self._template.module.__dict__["html"](self, kwargs)
        self.get_root().html.add_child(_RawScript(str(html_text)), name=self.get_name())


def cluster_mode(count: int) -> str:
    """How to draw a layer of ``count`` markers: "plain", "cluster" or "fast" (chunked clustering)."""
    if count >= FAST_CLUSTER_MIN:
        return "fast"
    if count >= CLUSTER_MIN:
        return "cluster"
    return "plain"


_SCRIPT_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("`", "\\u0060"), ("$", "\\u0024"),
                        ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _json_for_script(value: object, lists_only: bool = False) -> str:
    """JSON that is safe inside an HTML <script> element and inert to template engines.

    With ``lists_only`` (no dicts inside, so every brace is inside a string) braces are escaped too.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_JSON_ESCAPES:
        text = text.replace(char, escaped)
    if lists_only:
        text = text.replace("{", "\\u007b").replace("}", "\\u007d")
    return text


class JsonMarkerLayer(JSCSSMixin, _FoliumLayer):
    """A layer whose markers are built in the browser from one JSON array (like FastMarkerCluster).

    Why not folium.Marker/FastMarkerCluster: folium (branca) compiles every rendered script again as a
    Jinja template, which makes catalog text containing ``{{ }}`` a server-side template injection and
    costs about a second per 5,000 markers. This layer hands its script to the figure as raw text.
    Rows are ``[lat, lon, icon_index, popup_html, tooltip_html, plain_title]``; all HTML is pre-escaped.
    """

    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var icons = {{ this.icons_json }};
            var data = {{ this.rows_json }};
            var group = {{ this.group_js }};
            for (var i = 0; i < data.length; i++) {
                var r = data[i];
                var icon = L.divIcon({html: icons[r[2]], className: "dxf-marker",
                                      iconSize: [{{ this.size }}, {{ this.size }}],
                                      iconAnchor: [{{ this.size // 2 }}, {{ this.size // 2 }}]});
                var m = L.marker([r[0], r[1]], {icon: icon, title: r[5], alt: r[5], keyboard: true,
                                                zIndexOffset: {{ this.z_index }}});
                m.bindPopup(r[3], {maxWidth: 300});
                m.bindTooltip(r[4]);
                group.addLayer(m);
            }
            group.addTo({{ this._parent.get_name() }});
            return group;
        })();
        {% endmacro %}
    """)

    def __init__(self, rows: list[list], icons: list[str], name: str, mode: str = "plain", size: int = 26,
                 z_index: int = 0, control: bool = True):
        super().__init__(name=name, overlay=True, control=control, show=True)
        self._name = "JsonMarkerLayer"
        self.mode = mode
        self.size = size
        self.z_index = z_index
        self.count = len(rows)
        self.icons_json = _json_for_script(icons, lists_only=True)
        self.rows_json = _json_for_script(rows, lists_only=True)
        if mode == "plain":
            self.group_js = "L.featureGroup()"
        else:
            opts = {"chunkedLoading": mode == "fast", "showCoverageOnHover": False, "maxClusterRadius": 50}
            self.group_js = f"L.markerClusterGroup({_json_for_script(opts)})"

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        script = self._template.module.__dict__["script"](self, kwargs)
        figure.script.add_child(_RawScript(str(script)), name=self.get_name())


def _marker_row(item: Item, icon_index: int, lang: str, base_url: str, today: dt.date | None,
                extra: str = "", prefix: str = "", link_params: Mapping[str, str] | None = None) -> list:
    title = display_title(item, lang)
    return [item.lat, item.lon, icon_index, popup_html(item, lang, base_url, today, extra=extra,
                                                       link_params=link_params),
            prefix + tooltip_text(item, lang), title]


def _add_layer(fmap: folium.Map, layer: MapLayer, items: Sequence[Item], lang: str, base_url: str,
               today: dt.date | None, link_params: Mapping[str, str] | None = None) -> str:
    mode = cluster_mode(len(items))
    name = f"{layer.mark(lang)} {layer.label(lang)} ({len(items)})"
    rows = [_marker_row(it, 0, lang, base_url, today, link_params=link_params) for it in items]
    JsonMarkerLayer(rows, [marker_html(layer, lang=lang)], name=name, mode=mode).add_to(fmap)
    return mode


@dataclass
class MapBuild:
    """The built map plus what went into it (for the page's lists and for tests)."""

    fmap: folium.Map
    counts: dict[str, int]
    modes: dict[str, str]
    without_point: dict[str, int]


def mappable(items: Iterable[Item], kinds: Iterable[str], city_code: str | None = None) -> dict[str, list[Item]]:
    """Items per kind that have coordinates, optionally for one city."""
    wanted = set(kinds)
    out: dict[str, list[Item]] = {k: [] for k in wanted}
    for it in items:
        if it.kind in wanted and (city_code is None or it.municipality_code == city_code) and it.has_point:
            out[it.kind].append(it)
    return out


def build_map(items: Iterable[Item], kinds: Iterable[str] = ("wifi", "class", "facility"),
              city_code: str | None = None, lang: str = "ja", base_url: str = "/",
              center: tuple[float, float] | None = None, zoom: int | None = None,
              tiles: str | None = DEFAULT_TILES, attribution: str | None = None,
              origin: tuple[float, float] | None = None, near: Sequence[Nearby] = (),
              today: dt.date | None = None, link_params: Mapping[str, str] | None = None) -> MapBuild:
    """The whole map: tile layer (or none), one layer per kind, legend, chosen point and nearest marks.

    ``tiles=None`` draws no tiles (fully offline kiosk); markers and legend still work. ``link_params``
    go on every popup's item link (finder.urls.display settings and the city).
    """
    all_items = list(items)
    per_kind = mappable(all_items, kinds, city_code)
    without = {k: sum(1 for it in all_items if it.kind == k and not it.has_point
                      and (city_code is None or it.municipality_code == city_code)) for k in per_kind}
    points = [(it.lat, it.lon) for group in per_kind.values() for it in group]
    if center is None:
        center = origin or _centre(points) or FALLBACK_CENTER
    fmap = folium.Map(location=list(center), zoom_start=zoom or (14 if origin else 11), tiles=None,
                      control_scale=True, prefer_canvas=False)
    if tiles:
        folium.TileLayer(tiles, attr=attribution or (OSM_ATTRIBUTION if tiles == DEFAULT_TILES else None),
                         name=t("nav.map", lang), control=False).add_to(fmap)
    counts: dict[str, int] = {}
    modes: dict[str, str] = {}
    for layer in LAYERS:
        if layer.kind in per_kind:
            counts[layer.kind] = len(per_kind[layer.kind])
            modes[layer.kind] = _add_layer(fmap, layer, per_kind[layer.kind], lang, base_url, today, link_params)
    if origin is not None:
        _add_near(fmap, origin, near, lang, base_url, today, link_params)
    if zoom is None and origin is None and len(points) > 1:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(20, 20))
    shown = [LAYER_BY_KIND[k] for k in LAYER_BY_KIND if k in per_kind]
    _Legend(legend_html(shown, lang)).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    use_local_assets(fmap)
    return MapBuild(fmap, counts, modes, without)


def local_assets(links: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """folium's (name, CDN URL) script or style links, as the copies in static/; links to anything else dropped."""
    out = []
    for name, url in links:
        filename = url.rsplit("/", 1)[-1]
        if filename in STATIC_ASSETS:
            out.append((name, STATIC_URL + filename))
    return out


def use_local_assets(fmap: folium.Map) -> None:
    """Point every element of the map at the app's own Leaflet files (see STATIC_URL)."""
    stack = [fmap]
    while stack:
        element = stack.pop()
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if links:
                setattr(element, attr, local_assets(links))
        stack.extend(getattr(element, "_children", {}).values())


def _add_near(fmap: folium.Map, origin: tuple[float, float], near: Sequence[Nearby], lang: str,
              base_url: str, today: dt.date | None, link_params: Mapping[str, str] | None = None) -> None:
    folium.CircleMarker(list(origin), radius=10, color="#000", weight=3, fill=True, fill_color="#ffd966",
                        fill_opacity=1, tooltip=esc(t("map.you", lang))).add_to(fmap)
    icons, rows = [], []
    for rank, hit in enumerate(near, start=1):
        item: Item = hit.item  # type: ignore[assignment]
        icons.append(marker_html(LAYER_BY_KIND.get(item.kind, LAYERS[0]), label=str(rank), size=32))
        rows.append(_marker_row(item, rank - 1, lang, base_url, today, extra=esc(walk_text(hit, lang)),
                                prefix=f"{rank}. ", link_params=link_params))
    JsonMarkerLayer(rows, icons, name="★ " + t("map.you", lang), size=32, z_index=1000).add_to(fmap)


def _centre(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def point_from_map_value(value: object) -> tuple[float, float] | None:
    """The clicked point from st_folium's return value ({"last_clicked": {"lat": .., "lng": ..}}), if valid."""
    if not isinstance(value, Mapping):
        return None
    clicked = value.get("last_clicked")
    if not isinstance(clicked, Mapping):
        return None
    try:
        lat, lon = float(clicked["lat"]), float(clicked["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or lat != lat or lon != lon:
        return None
    return lat, lon
