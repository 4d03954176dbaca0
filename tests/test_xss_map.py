"""Catalog text with markup or template syntax reaches the map only escaped.

Validation already refuses HTML tags in data/, so these items are built in memory: the map must be safe
on its own (defence in depth). Besides HTML, folium has two more injection points that html.escape
alone does not close: tooltips/popups go into JS template literals (` and ${}), and branca compiles
rendered output again as a Jinja template ({{ }} would run on the server).
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit_folium import generate_leaflet_string

from finder.geo import Nearby
from finder.model import Item
from finder.resident import kiosk, mapview, qr

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
TEMPLATE = "{{ 'pw' ~ 'ned' }}{% if true %}jinja{% endif %}"
LITERAL = "`${alert(2)}`\\"
HOSTILE = [SCRIPT, IMG, TEMPLATE, LITERAL]
TODAY = dt.date(2026, 11, 23)


def hostile_item(kind: str, n: int, text: str) -> Item:
    data = {"ssid": text, "hours": text, "limits": text, "venue": text, "start_date": "2030-01-01",
            "open_days": text, "hours_note": text}
    return Item(kind=kind, id=f"x{n}\"'><script>alert(3)</script>", title=text, title_kana="", title_en=text,
                municipality=text, municipality_code="082031", lat=36.08 + n * 1e-4, lon=140.2,
                coord_precision="town" if n % 2 else "exact", data=data)


def assert_clean(html: str) -> None:
    lowered = html.lower()
    for raw in ("<script>alert", "<img src=x", "onerror=\"alert", "${alert", "`${"):
        assert raw not in lowered, raw
    assert "pwned" not in html and "}jinja" not in html  # the template was not evaluated


def items(count_per_text: int) -> list[Item]:
    out = []
    n = 0
    for text in HOSTILE:
        for kind in ("wifi", "class", "facility"):
            for _ in range(count_per_text):
                out.append(hostile_item(kind, n, text))
                n += 1
    return out


@pytest.mark.parametrize("per_text", [1, 5, 120], ids=["plain", "cluster", "fast"])
def test_map_html_escapes_hostile_names(per_text):
    built = mapview.build_map(items(per_text), today=TODAY)
    html = built.fmap.get_root().render()
    assert_clean(html)
    # The names are there, escaped (inside JSON, so & became \u0026).
    assert "\\u0026lt;script\\u0026gt;alert(\\u0026#x27;x\\u0026#x27;)" in html
    assert "\\u0026lt;img src=x onerror=\\u0026quot;alert(1)\\u0026quot;\\u0026gt;" in html
    assert "\\u0026#123;\\u0026#123; \\u0026#x27;pw\\u0026#x27; ~ \\u0026#x27;ned\\u0026#x27; \\u0026#125;\\u0026#125;" in html


def test_streamlit_folium_script_is_clean_too():
    """What st_folium sends to the browser is built separately from get_root().render()."""
    built = mapview.build_map(items(5), today=TODAY)
    built.fmap.get_root().render()
    assert_clean(generate_leaflet_string(built.fmap))


def test_near_markers_and_origin_escape_hostile_names():
    its = items(1)
    near = [Nearby(it, 100.0 * i) for i, it in enumerate(its[:5], start=1)]
    html = mapview.build_map(its, origin=(36.08, 140.2), near=near, today=TODAY).fmap.get_root().render()
    assert_clean(html)


@pytest.mark.parametrize("text", HOSTILE)
def test_popup_and_tooltip_escape_every_field(text):
    for kind in ("wifi", "class", "facility"):
        item = hostile_item(kind, 1, text)
        for fragment in (mapview.popup_html(item, "ja", today=TODAY), mapview.popup_html(item, "en", today=TODAY),
                         mapview.tooltip_text(item)):
            assert "<script" not in fragment and "<img" not in fragment
            assert "{" not in fragment and "`" not in fragment and "$" not in fragment


def test_detail_link_keeps_id_inside_the_attribute():
    html = mapview.popup_html(hostile_item("wifi", 0, "a"), "ja")
    assert 'href="/?item=x0%22%27%3E%3Cscript%3Ealert%283%29%3C%2Fscript%3E"' in html


def test_kiosk_card_and_qr_caption_escape():
    card = kiosk.card_html(SCRIPT, [(IMG, SCRIPT)], number=1, notes=[IMG])
    assert "<script" not in card and "<img" not in card and "&lt;script&gt;" in card
    figure = qr.qr_figure_html("https://example.org/?item=1", SCRIPT)
    assert "<script" not in figure and "&lt;script&gt;" in figure
