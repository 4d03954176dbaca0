"""An English walk of every page on the real catalog: no Japanese outside names and quoted official terms.

Every string each page sends to the browser (labels, options, help, placeholders, markdown, HTML, tables,
the map component's HTML) is collected from the run; what may stay Japanese is said here, explicitly:
- names: the catalog's municipalities, prefectures, addresses, titles, venues and SSIDs (a place is called
  by its name), and the sources (出典) cited by their own titles;
- text marked ``lang="ja"`` in HTML (the source's own notes under 「この情報について」, said to be Japanese);
- a Japanese term in parentheses or 「」 right after English (My Number Card (マイナンバーカード));
- the language switch's own name for Japanese (日本語, 言語 / Language).
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pytest
from google.protobuf.message import Message

from finder.live.loader import load_catalog
from tests.pages.apptest import CODE, ROOT, TAG
from tests.pages.apptest import run as run_page

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f々〆ヶ]")
# The language switch's name for Japanese; the start-point box's example place names (map page).
ALLOWED_WORDS = ("言語 / Language", "日本語", "大和町", "研究学園")
RESIDENT_PAGES = ("pages/1_search.py", "pages/3_map.py", "pages/4_conbini.py", "pages/7_classes.py",
                  "pages/8_life_events.py", "pages/9_about_data.py", "pages/2_detail.py")
CITIES = ("082031", "052116", "082163", "082201", "082325")
_MARKED_JA = re.compile(r'<(\w+)[^>]*\blang="ja"[^>]*>.*?</\1>', re.S)
_QUOTED = re.compile(r"(?<=[A-Za-z0-9.,;:)\]])\s*([(（](?:[^()（）]|[(（][^()（）]*[)）])*[)）]|「[^」]*」)")


@cache
def catalog():
    return load_catalog(ROOT / "data")


@cache
def names() -> tuple[str, ...]:
    """Japanese names the English UI may show as they are, longest first."""
    c = catalog()
    found: set[str] = set()
    for m in c.municipalities:
        found |= {m.name, m.prefecture, m.source}
    for it in c.items:
        found |= {it.title, it.municipality, it.source}
        found |= {it.get(k) for k in ("address", "venue", "venue_address", "ssid", "name_alias", "alias")}
    found |= set(ALLOWED_WORDS)
    return tuple(sorted((n for n in found if n and JAPANESE.search(n)), key=len, reverse=True))


def _strings(message: Message):
    for _field, value in message.ListFields():
        values = [value] if isinstance(value, (str, bytes, Message)) or not hasattr(value, "__iter__") else value
        for v in values:
            if isinstance(v, Message):
                yield from _strings(v)
            elif isinstance(v, str):
                yield v


def _node_strings(node):
    proto = getattr(node, "proto", None)
    if isinstance(proto, Message):
        yield from _strings(proto)
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _node_strings(child)


def page_strings(at) -> list[str]:
    out = list(_node_strings(at._tree))
    for frame in [*at.table, *at.dataframe]:
        value = frame.value
        if isinstance(value, pd.DataFrame):
            out.append(value.to_string())
            out += [str(i) for i in value.index]
    return out


def leftovers(texts) -> list[str]:
    """The Japanese in ``texts`` that no rule allows, each with a little context."""
    found = []
    for text in texts:
        text = CODE.sub(" ", _MARKED_JA.sub(" ", text))
        if "<" in text:
            text = TAG.sub(" ", text)
        for name in names():
            if name in text:
                text = text.replace(name, " ")
        text = _QUOTED.sub(" ", text)
        for m in JAPANESE.finditer(text):
            found.append(text[max(0, m.start() - 40):m.end() + 30].replace("\n", " "))
            break
    return found


def walk(page: str, **params: str) -> list[str]:
    """Leftovers on the page; the resident's own query may be shown back (「住民票」 matched 住民票)."""
    at = run_page(page, lang="en", **params)
    assert not at.exception, [e.value for e in at.exception]
    query = params.get("q", "")
    return leftovers(text.replace(query, " ") if query else text for text in page_strings(at))


@pytest.fixture(autouse=True)
def real_catalog(monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(ROOT / "data"))


@pytest.mark.parametrize("page", RESIDENT_PAGES)
def test_every_resident_page_is_english_in_every_city(page):
    problems = {city: found for city in CITIES if (found := walk(page, city=city))}
    assert not problems, "\n".join(f"{city}: {line}" for city, lines in problems.items() for line in lines)


@cache
def one_item_per_kind_and_city() -> list[str]:
    seen: dict[tuple[str, str], str] = {}
    for it in catalog().items:
        seen.setdefault((it.kind, it.municipality_code), it.id)
    return sorted(seen.values())


def test_the_detail_of_an_item_of_every_kind_in_every_city_is_english():
    problems = {item: found for item in one_item_per_kind_and_city()
                if (found := walk("pages/2_detail.py", item=item))}
    assert not problems, "\n".join(f"{item}: {line}" for item, lines in problems.items() for line in lines)


def test_search_results_and_life_events_of_every_event_are_english():
    problems = {}
    for query in ("住民票", "Wi-Fi", "スマホ教室", "マイナンバーカード"):
        problems.update({f"q={query}": found for found in [walk("pages/1_search.py", q=query)] if found})
    for event in {s.event for s in catalog().life_events}:
        for city in CITIES:
            if found := walk("pages/8_life_events.py", city=city, event=event):
                problems[f"{event} {city}"] = found
    assert not problems, "\n".join(f"{where}: {line}" for where, lines in problems.items() for line in lines)


def test_the_rule_catches_japanese_ui_words():
    assert leftovers(["Call: 市民課 029-883-1111"])  # a department name alone is a leftover
    assert not leftovers(["Citizens Division (市民課) 029-883-1111"])  # quoted after English
    assert leftovers(["Map: town points from Geolonia 住所データ"])


@pytest.mark.parametrize("view", ["home", "cert", "class", "wifi"])
def test_the_kiosk_in_english_is_english(monkeypatch, view):
    """The kiosk keeps its own language (a button on its screen); every view of it in English."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DXFINDER_BASE_URL", "https://finder.example.jp")  # a public address: no setup warning
    monkeypatch.setenv("DXFINDER_KIOSK_FACILITY", "fac-082031-library")
    at = AppTest.from_file(str(ROOT / "pages/5_kiosk.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.session_state["kiosk_lang"] = "en"
    at.session_state["kiosk_view"] = view
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not leftovers(page_strings(at))


def test_the_staff_demo_in_english_is_english():
    assert not walk("pages/6_demo.py")
