"""The Streamlit layer every page shares: setup, widgets, the detail view. Everything shown comes from finder.

A page starts with ``ctx = ui.setup_page("nav.map")`` (page config, CSS, sidebar settings, catalog; stops
the page with a clear message when no catalog ever loaded) and uses ``ctx.catalog``, ``ctx.lang``,
``ctx.t(key)`` and ``ctx.city_label(code)``. HTML reaches the page only through ``ui.html`` and only when
built by finder.present.html (which escapes every catalog value); ``ui.table`` keeps catalog text in
tables literal. Links to other pages go through ``ui.page_link`` with the page definitions of ui.routes.
``ui.search`` remembers repeated searches per catalog for pages that search on every keystroke.
"""

from .a11y import announce, result_count, search_first
from .city import city_bar, city_question, city_select
from .components import (
    close_item,
    go_to_item,
    html,
    open_button,
    open_item,
    page_link,
    result_card,
    sample_notice,
    table,
)
from .detail import item_view, render_detail
from .layout import PageContext, current_lang, display_params, inject_css, settings_controls, setup_page
from .state import get_catalog, get_store, now, search

__all__ = ["PageContext", "announce", "city_bar", "city_question", "city_select", "close_item", "current_lang",
           "display_params", "get_catalog", "get_store", "go_to_item", "html", "inject_css", "item_view", "now",
           "open_button", "open_item", "page_link", "render_detail", "result_card", "result_count", "sample_notice",
           "search", "search_first", "settings_controls", "setup_page", "table"]
