"""Scripts for keyboard and screen-reader users: focus on what opened, counts read out, the search box first.

Streamlit redraws the page after a click, and the browser's focus drops to the page body: a keyboard or
screen-reader user has to find their place again. ``focus_on_change`` moves the focus to the heading of
what opened, once per change (a reload, or a rerun that draws the same thing, leaves the focus alone).
``announce`` puts a short text (the number of results) in one polite live region outside Streamlit's
tree, so it is read out when it changes. ``first_tab_stop`` makes a widget's input the first Tab stop.
Like finder.present.js_snippets, no catalog text goes into a script: only fixed selectors, widget keys
(strict pattern), opaque tokens and UI strings, passed as JSON.
"""

from __future__ import annotations

import re

from finder.present.js_snippets import _json, _key

_SLOT = re.compile(r"^[a-z_]{1,20}$")
LIVE_REGION_ID = "dxf-live"


def focus_on_change(slot: str, token: str, selector: str) -> str:
    """Focus the first element matching ``selector`` when ``token`` differs from the last one seen in this
    tab for ``slot``; "" (nothing opened in this session: a page just opened or reloaded) only remembers."""
    if not _SLOT.match(slot):
        raise ValueError(f"not a focus slot: {slot!r}")
    return f"""<script>
(() => {{
  const slot = "dxf-focus-" + {_json(slot)}, token = {_json(token)}, sel = {_json(selector)};
  let seen = null;
  try {{ seen = sessionStorage.getItem(slot); sessionStorage.setItem(slot, token); }} catch (e) {{ return; }}
  if (!token || seen === token) return;
  let tries = 0;
  const go = () => {{
    const el = document.querySelector(sel);
    if (el) {{
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
      el.focus({{preventScroll: false}});
      return;
    }}
    if (++tries < 200) setTimeout(go, 100);  // the page may still be drawing (up to 20 s)
  }};
  go();
}})();
</script>"""


def announce(text: str) -> str:
    """Say ``text`` (a UI string with a number, not catalog text) through the page's polite live region."""
    return f"""<script>
(() => {{
  let region = document.getElementById({_json(LIVE_REGION_ID)});
  if (!region) {{
    region = document.createElement("div");
    region.id = {_json(LIVE_REGION_ID)};
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    region.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;"
      + "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap";
    document.body.appendChild(region);
  }}
  const text = {_json(text)};
  region.textContent = "";
  setTimeout(() => {{ region.textContent = text; }}, 150);
}})();
</script>"""


def first_tab_stop(widget_key: str) -> str:
    """Make the input of the widget with this key the first Tab stop of the page (tabindex=1)."""
    cls = "st-key-" + _key(widget_key)
    return f"""<script>
(() => {{
  const cls = {_json(cls)};
  let tries = 0;
  const go = () => {{
    const input = document.querySelector("." + cls + " input");
    if (input) {{ input.setAttribute("tabindex", "1"); return; }}
    if (++tries < 200) setTimeout(go, 100);  // the page may still be drawing (up to 20 s)
  }};
  go();
}})();
</script>"""
