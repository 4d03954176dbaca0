"""Running one page with streamlit.testing.v1.AppTest, and reading what it shows."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
APP_CATALOG = FIXTURES / "app_catalog"  # the resident pages' catalog (tests/conftest sets it for every test)
MAP_CATALOG = FIXTURES / "map_catalog"  # places with coordinates: map and kiosk
# Pages whose tests run on APP_CATALOG in both languages.
FIXTURE_PAGES = ["pages/1_search.py", "pages/2_detail.py", "pages/4_conbini.py", "pages/7_classes.py",
                 "pages/8_life_events.py", "pages/9_about_data.py"]
TIMEOUT = 60


SEARCH_FILTERS = "w_filters"  # pages/1_search.py: the filters' expander (its widgets are drawn only unfolded)


def run(page: str, filters: bool = False, **params: str) -> AppTest:
    """The page (a path from the project root) run once with these query params; ``filters`` unfolds the
    search page's filters first, as a resident taps them open."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    at.query_params.update(params)
    if filters:
        at.session_state[SEARCH_FILTERS] = True
    return at.run()


def unfold_filters(at: AppTest) -> AppTest:
    """Tap the search page's filters open (after a page switch folded them) and run."""
    at.session_state[SEARCH_FILTERS] = True
    return at.run()


def page_text(at: AppTest) -> str:
    parts = []
    for group in (at.title, at.header, at.subheader, at.markdown, at.caption, at.info, at.warning, at.error,
                  at.success):
        parts += [str(e.value) for e in group]
    parts += [t.value.to_string() for t in at.table]
    parts += [b.label for b in at.button]
    parts += [html_text(e.proto.body) for e in at.get("html")]
    return "\n".join(parts)


CODE = re.compile(r"<(script|style)\b.*?</\1>", re.S)  # a script or style block with its content
TAG = re.compile(r"<[^>]+>")


def html_text(body: str) -> str:
    """What an st.html block shows: its text without scripts, styles and tags."""
    return TAG.sub("", CODE.sub("", body)).strip()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def cards(at: AppTest) -> list[str]:
    """The HTML of the result cards on the page."""
    return [m.value for m in at.markdown if "dxf-card" in m.value]
