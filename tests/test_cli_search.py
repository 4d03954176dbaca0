"""``python -m finder search``: text and JSON output, through the real entry point."""

from __future__ import annotations

import json
from argparse import Namespace

import pytest

from finder.cli import build_parser, main, run_search
from finder.model import KINDS
from tests.search_fixture import FIXTURE


def test_cli_json(capsys):
    args = Namespace(query="じゅうみんひょう", city="土浦市", kind=["certificate"], limit=5, json=True,
                     data=str(FIXTURE))
    assert run_search(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["id"] == "cert-082031-juminhyo"
    assert set(out[0]) >= {"kind", "id", "title", "municipality", "score", "matched", "matches"}


def test_main_json_words_matched_in_japanese_and_keeps_the_data(capsys):
    assert main(["search", "母子手帳", "--json", "--data", str(FIXTURE), "--limit", "1"]) == 0
    hit = json.loads(capsys.readouterr().out)[0]
    assert hit["matched"] == "同義語: 母子手帳 → 妊娠の届出"
    assert hit["matches"] == [{"field": "title", "how": "synonym", "text": "母子手帳", "target": "妊娠の届出"}]


def test_main_kind_choices_are_the_kinds(capsys):
    search = build_parser()._subparsers._group_actions[0].choices["search"]
    assert next(a.choices for a in search._actions if a.dest == "kind") == KINDS
    assert main(["search", "wifi", "--kind", "wifi", "--data", str(FIXTURE), "--limit", "1"]) == 0
    assert "wifi-" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["search", "wifi", "--kind", "bus"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_cli_text_and_unknown_city(capsys):
    assert run_search(Namespace(query="wifi", city=None, kind=None, limit=2, json=False, data=str(FIXTURE))) == 0
    out = capsys.readouterr().out
    assert "wifi-" in out and "キーワード: Wi-Fi" in out
    assert run_search(Namespace(query="x", city="nowhere", kind=None, limit=2, json=False, data=str(FIXTURE))) == 2
