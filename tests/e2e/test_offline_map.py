"""The map on a machine without internet: every external host is blocked, the map still shows its markers.

Leaflet and Leaflet.markercluster come from the app itself (static/ at /app/static/), not from a CDN.
"""

from __future__ import annotations

from urllib.parse import urlparse

from finder.live.loader import load_catalog
from tests.e2e.helpers import LOCAL_HOSTS, open_app
from tests.e2e.test_paths import map_frame, wait_markers
from ui.routes import MAP


def test_map_shows_its_markers_with_every_external_host_blocked(page, app):
    catalog = load_catalog()
    from finder.resident import mapview

    static, external = [], []
    page.on("response", lambda r: static.append(urlparse(r.url).path) if "/app/static/" in r.url and r.ok else None)
    page.on("request", lambda r: external.append(r.url)
            if urlparse(r.url).scheme.startswith("http") and urlparse(r.url).hostname not in LOCAL_HOSTS else None)
    per_kind = mapview.mappable(catalog.items, [layer.kind for layer in mapview.LAYERS])
    total = sum(len(items) for items in per_kind.values())
    assert total > 0

    open_app(page, app.url, MAP.url_path)
    frame = map_frame(page)
    per, clusters = wait_markers(frame, total)
    assert sum(per.values()) + sum(clusters) == total, (per, clusters)
    assert {"/app/static/leaflet.js", "/app/static/leaflet.markercluster.js", "/app/static/leaflet.css"} <= set(static)
    # nothing but map tiles asks the outside world (they are blocked here: the markers show on a plain background)
    assert [u for u in external if "tile.openstreetmap.org" not in u] == []
