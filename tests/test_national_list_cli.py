"""The national online-status list through the real entry points: the CLI agrees with the list's cells,
転出届 is online everywhere, curated rows and the list are one item, and suggestions stay in the city."""

from __future__ import annotations

import json
import random
from functools import cache

from finder import cli
from finder.cli import main
from finder.live.loader import load_catalog
from finder.live.suggest import nearest_terms, suggested_items
from finder.national.online_list import load_online_list

CURATED = {"082031", "052116", "082163", "082201", "082325"}
EXPECTED = {"○": {"available"}, "": {"not_listed"}, "不明": {"unknown"}}


@cache
def catalog():
    return load_catalog()


def _pairs(n: int = 40, seed: int = 19):
    online = load_online_list()
    codes = sorted(c for c in online.cells if c not in CURATED)
    procs = online.resident_procedures()
    rng = random.Random(seed)
    return [(rng.choice(codes), rng.choice(procs)) for _ in range(n)]


def test_cli_status_agrees_with_the_list_for_40_random_pairs(capsys, monkeypatch):
    loaded = catalog()  # one load for the 40 commands (test_sapporo_and_koto_get_answers loads as a user's does)
    monkeypatch.setattr(cli, "load_catalog", lambda path=None, **kwargs: loaded if path is None else load_catalog(path))
    online = load_online_list()
    for code, proc in _pairs():
        cell = online.cells[code][proc.key]
        assert main(["search", proc.title, "--city", code, "--json", "--limit", "10"]) == 0
        hits = {h["id"]: h for h in json.loads(capsys.readouterr().out)}
        hit = hits.get(f"nat-{code}-{proc.key}")
        if cell == "ー":  # no such procedure there: no item (or, were there one, not_applicable)
            assert hit is None or hit["status"] == "not_applicable", (code, proc.key)
            continue
        assert hit is not None, (code, proc.key, list(hits))
        assert hit["status"] in EXPECTED[cell], (code, proc.key, cell, hit["status"])
        assert hit["status"] != "unavailable"  # a blank is never "cannot"
        assert hit["status_as_of"] == "2025-03-31" and "デジタル庁" in hit["source"]


def test_tenshutsu_is_available_in_every_municipality():
    cat = catalog()
    for code in load_online_list().cells:
        item = cat.get(f"nat-{code}-tenshutsu") or cat.get(f"proc-{code}-tenshutsu")
        assert item is not None and item.get("online_status") == "available", code


def test_sapporo_and_koto_get_answers(capsys):
    """What a 江東区 resident's first card says (the page shows the engine's first hit) is checked here, not in
    the browser: the Wi-Fi list's SSID, a place found by its town, マイナポータル online."""
    queries = (("札幌市", "児童手当"), ("札幌市", "転出届"), ("江東区", "wifi"), ("江東区", "豊洲"), ("江東区", "マイナポータル"))
    for city, query in queries:
        assert main(["search", query, "--city", city, "--json", "--limit", "3"]) == 0
        hits = json.loads(capsys.readouterr().out)
        assert hits, (city, query)
        if city == "江東区":
            assert hits[0]["municipality"] == "江東区", (query, hits[0])
        if query == "wifi":
            assert hits[0]["ssid"] == "FREE_Wi-Fi_and_TOKYO" and "東京都" in hits[0]["source"]
        if query == "豊洲":
            assert "豊洲" in hits[0]["title"], hits[0]
        if query == "マイナポータル":
            assert hits[0]["status"] == "available", hits[0]
    assert main(["search", "転出届", "--city", "札幌市", "--json", "--limit", "1"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["status"] == "available"


def test_curated_row_and_list_cell_are_one_item():
    cat = catalog()
    tsukuba = [it for it in cat.of_kind("procedure", "082201") if it.get("procedure_key") == "kosodate-hoiku-moushikomi"]
    assert len(tsukuba) == 1  # never two cards for one procedure
    row = tsukuba[0]
    assert row.id.startswith("proc-") and row.get("online_status") == "available"
    assert row.get("list_cell") == "○" and row.get("status_as_of") == "2025-03-31"
    assert row.source.startswith("出典：デジタル庁") and "つくば" in row.source  # both sources
    katagami = [it for it in cat.of_kind("procedure", "052116") if it.get("procedure_key", "").startswith("kaigo-")]
    assert len(katagami) == 11 and all(it.get("online_status") == "available" for it in katagami)
    keys = [it.get("procedure_key") for it in cat.of_kind("procedure", "082031")]
    assert len(keys) == len(set(keys)) and "sodaigomi-moushikomi" in keys


def test_an_empty_search_suggests_only_the_residents_own_municipality():
    cat = catalog()
    for code in ("011002", "131083", "472018"):
        items = suggested_items(cat, code)
        assert items and {it.municipality_code for it in items} == {code}
        assert not any(it.get("section_phone") for it in items)  # no other city's phone number
    tsuchiura_only = {"つくスマ", "土浦市"}  # words only the curated cities' rows use
    assert not tsuchiura_only & set(nearest_terms(cat, "つくすま", "011002"))
