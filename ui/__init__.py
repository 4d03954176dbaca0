"""Shared Streamlit helpers for every page (the only Streamlit layer besides app.py and pages/).

Use from any page (map, kiosk and demo pages included)::

    import ui
    ctx = ui.setup_page("nav.map")       # page config, CSS, sidebar settings, catalog; returns PageContext
    ctx.catalog, ctx.lang, ctx.furigana, ctx.large_text, ctx.t("key")   # t() = finder.present.i18n.t in ctx.lang

Names (stable; documented here so teammates can import them early):

- ``ui.setup_page(title_key, sidebar=True) -> PageContext``: call first on every page. Sets the page
  config (works standalone and under st.navigation), injects the CSS (large text, high contrast,
  badges), draws the language / furigana / large-text / high-contrast controls in the sidebar
  (``sidebar=False`` for kiosk: no sidebar controls, call ``ui.settings_controls(container)`` yourself),
  loads the catalog and shows a clear banner naming file and row when a data file is broken
  (the app keeps serving the last good catalog). Stops the page if no catalog ever loaded.
- ``ui.PageContext``: dataclass with catalog, store, lang, furigana, large_text, high_contrast, now,
  ``t(key, **fmt)`` and ``city_label(name_or_code)`` (Kasama City in English).
- ``ui.current_lang()``: the session's language before setup_page (app.py uses it for nav titles).
- ``ui.get_store() -> finder.catalog.store.CatalogStore`` and ``ui.get_catalog() -> Catalog``: cached once per
  process (st.cache_resource), reload only when data files change. Data dir: $DXFINDER_DATA_DIR or data/.
- ``ui.search(catalog, query, municipality=None, kinds=None, limit=10)``: ``catalog.search`` remembered per
  catalog and (query, filters, limit), for pages that search on every keystroke.
- ``ui.now() -> datetime`` (Asia/Tokyo): $DXFINDER_NOW (ISO 8601) when set, for tests; else the clock.
- ``ui.result_card(item, ctx, matched="", key="", inline=False)``: a bordered result card (kind badge as
  text, level, city, what matched, 「サンプル」 mark) with a 「くわしく見る」 button: switches to the
  detail page (``inline=True``: stays on the page and sets ?item=ID, shown by ``ui.item_view``).
- ``ui.open_item(item_id)``: callback that sets st.query_params["item"]; ``ui.close_item()`` removes it.
- ``ui.go_to_item(item_id)``: from the script body (e.g. ``if st.button(...)``), switch to the detail
  page with ?item=ID (falls back to ?item on the current page when run standalone).
- ``ui.open_button(item, ctx, key="", inline=False)``: the 「くわしく見る」 button used by result_card.
- ``ui.page_link(pagedef, label, icon=None, **params)``: same-tab link to another page (st.page_link with
  query params), plain relative link when run standalone; page definitions are in ``ui.pages``.
- ``ui.item_view(ctx) -> bool``: if ?item=ID is in the URL, show that item with a close button.
- ``ui.item_link(item_id, **params) -> str``: relative URL of the detail page, ``./detail?item=ID``
  (URL-encoded, not HTML-escaped: for HTML attributes use ``finder.present.html.item_href``, which escapes;
  add target="_top" inside iframes).
- ``ui.render_detail(item, ctx)``: the full detail view of any kind (procedure, certificate, wifi,
  class, facility); ``ui.sample_notice(ctx)`` for the 「サンプル」 warning box.
- ``ui.html(fragment)``: st.markdown(..., unsafe_allow_html=True) — pass ONLY strings built by
  finder.present.html / finder.text.furigana (which escape every catalog value), never raw catalog text.
- ``ui.table(frame)``: st.table with Markdown in cells made literal (use it for any catalog text).
- ``ui.CSS``: the stylesheet string; ``ui.inject_css(large_text, high_contrast)``.
- Page files and url paths registered by app.py: see ``ui.pages.PAGES``.
"""

from .components import (
    close_item,
    go_to_item,
    html,
    item_link,
    open_button,
    open_item,
    page_link,
    result_card,
    sample_notice,
    table,
)
from .detail import item_view, render_detail
from .layout import CSS, PageContext, current_lang, inject_css, settings_controls, setup_page
from .state import get_catalog, get_store, now, search

__all__ = ["CSS", "PageContext", "close_item", "current_lang", "get_catalog", "get_store", "go_to_item", "html", "inject_css",
           "item_link", "item_view", "now", "open_button", "open_item", "page_link", "render_detail", "result_card", "sample_notice", "search",
           "settings_controls", "setup_page", "table"]
