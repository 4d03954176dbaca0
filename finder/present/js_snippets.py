"""The few lines of JavaScript the pages run (st.html with unsafe_allow_javascript), built here as constants.

No catalog text ever goes into a script: the only inputs are widget keys (checked against a strict
pattern), whole numbers and UI strings, which are passed as JSON and set with textContent. Each script
is idempotent, so a rerun that renders it again changes nothing but what it is told to change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from finder.present.html import esc

_WIDGET_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _json(value: object) -> str:
    """JSON that cannot end the <script> it sits in (no raw <, > or &)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _key(widget_key: str) -> str:
    if not _WIDGET_KEY.match(widget_key):
        raise ValueError(f"not a widget key: {widget_key!r}")
    return widget_key


def key_clicker(bindings: Mapping[str, str]) -> str:
    """Keyboard keys (``ArrowRight``, ``PageDown`` …) that click the button with a given widget key, as a
    presentation clicker does. Keys typed into a field, and keys with a modifier, are left alone."""
    table = _json({k: _key(v) for k, v in bindings.items() if re.fullmatch(r"[A-Za-z]{1,20}", k)})
    return f"""<script>
(() => {{
  window.__dxfClicks = {table};
  if (window.__dxfClicker) return;
  window.__dxfClicker = true;
  document.addEventListener("keydown", (ev) => {{
    const key = (window.__dxfClicks || {{}})[ev.key];
    if (!key || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.isComposing) return;
    const el = ev.target;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    const button = document.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) return;
    ev.preventDefault();
    button.click();
  }});
}})();
</script>"""


def scroll_into_view(widget_key: str, nonce: str = "") -> str:
    """Scroll the container with this widget key to the top of the screen (e.g. results after a tap).

    ``nonce`` makes the element differ between the taps that should scroll, so the script runs again."""
    target = _json(".st-key-" + _key(widget_key))
    return f"""<script data-nonce="{esc(nonce)}">
(() => {{
  let tries = 0;
  const go = () => {{
    const el = document.querySelector({target});
    if (el) el.scrollIntoView({{behavior: "smooth", block: "start"}});
    else if (++tries < 20) setTimeout(go, 100);
  }};
  setTimeout(go, 50);
}})();
</script>"""


def countdown(seconds: int, before: str, after: str, done: str, soon: int = 15) -> str:
    """A visible countdown (``before`` N ``after``) that ticks every second in the browser and reads ``done``
    at zero; the last ``soon`` seconds are marked for emphasis. The server still does the reset."""
    seconds = max(0, int(seconds))
    texts = _json({"done": done})
    return f"""<div class="dxf-countdown" role="timer" aria-live="off" data-soon="{int(soon)}">⏱ <span
class="dxf-count-text">{esc(before)}<b class="dxf-count">{seconds}</b>{esc(after)}</span></div>
<script>
(() => {{
  const texts = {texts};
  const end = Date.now() + {seconds} * 1000;
  clearInterval(window.__dxfCountdown);
  const tick = () => {{
    const box = [...document.querySelectorAll(".dxf-countdown")].pop();
    if (!box) return;
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const count = box.querySelector(".dxf-count");
    if (left > 0 && count) count.textContent = String(left);
    else if (left === 0) box.querySelector(".dxf-count-text").textContent = texts.done;
    box.classList.toggle("dxf-countdown-soon", left <= Number(box.dataset.soon));
  }};
  tick();
  window.__dxfCountdown = setInterval(tick, 1000);
}})();
</script>"""


def map_watch(list_key: str, frame_title: str = "streamlit_folium.st_folium", wait_ms: int = 8000) -> str:
    """Watch the map's frame: when Leaflet has not drawn the map ``wait_ms`` after the frame appeared (or no
    frame came), mark the page ``dxf-map-failed``; when its background tiles were asked for and none loaded,
    ``dxf-tiles-failed``. Either opens the plain list (the expander in the container ``list_key``).
    The notices are page elements that CSS shows only under those marks (ui/css/base.css)."""
    selectors = _json({"frame": f'iframe[title="{frame_title}"]', "list": ".st-key-" + _key(list_key)})
    return f"""<script>
(() => {{
  const sel = {selectors};
  const root = document.documentElement;
  const seen = new WeakMap();
  const started = Date.now();
  clearInterval(window.__dxfMapWatch);
  const openList = () => {{
    const summary = document.querySelector(sel.list + " details:not([open]) summary");
    if (summary) summary.click();
  }};
  const check = () => {{
    if (!document.querySelector(sel.list)) {{  // left the map page
      root.classList.remove("dxf-map-failed", "dxf-tiles-failed");
      clearInterval(window.__dxfMapWatch);
      return;
    }}
    const frame = document.querySelector(sel.frame);
    if (frame && !seen.has(frame)) seen.set(frame, Date.now());
    const age = Date.now() - (frame ? seen.get(frame) : started);
    let map = null, tiles = 0, loaded = 0;
    try {{
      const doc = frame && frame.contentDocument;
      map = doc && frame.contentWindow.L && doc.querySelector(".leaflet-container");
      tiles = doc ? doc.querySelectorAll("img.leaflet-tile").length : 0;
      loaded = doc ? doc.querySelectorAll("img.leaflet-tile-loaded").length : 0;
    }} catch (e) {{ map = null; }}
    const mapFailed = !map && age > {int(wait_ms)};
    const tilesFailed = !!map && tiles > 0 && loaded === 0 && age > {int(wait_ms)};
    const was = root.classList.contains("dxf-map-failed") || root.classList.contains("dxf-tiles-failed");
    root.classList.toggle("dxf-map-failed", mapFailed);
    root.classList.toggle("dxf-tiles-failed", tilesFailed);
    if ((mapFailed || tilesFailed) && !was) openList();
  }};
  window.__dxfMapWatch = setInterval(check, 1000);
}})();
</script>"""
